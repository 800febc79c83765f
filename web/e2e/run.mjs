// Browser journeys against the real application: builds what is stale, starts the real server on a fresh database
// with the county demo seed and a free port, runs the Playwright specs against it, stops it, and exits with the
// tests' status. Usage: npm run e2e -w web [-- <playwright args>]
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(fileURLToPath(new URL('..', import.meta.url)));
const repo = resolve(web, '..');
const artifacts = join(web, 'e2e', 'artifacts');
const log = (line) => process.stdout.write(`[e2e] ${line}\n`);

function run(command, args, cwd) {
  log(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    log(`failed: ${command} ${args.join(' ')}`);
    process.exit(result.status ?? 1);
  }
}

/** Newest modification time under the given paths (files or directories). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== 'node_modules' && name !== 'dist') visit(join(path, name));
    } else if (!/\.spec\.ts$/.test(path)) {
      latest = Math.max(latest, st.mtimeMs);
    }
  };
  paths.forEach(visit);
  return latest;
}

function freePort() {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(url, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited with code ${server.exitCode}; see e2e/artifacts/server.log`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet: it listens only once migrations and the seed are done
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no healthy server at ${url} after ${timeoutMs / 1000} s`);
}

function stop(server) {
  return new Promise((done) => {
    if (!server || server.exitCode !== null) return done();
    const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
    server.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    server.kill('SIGTERM');
  });
}

if (!existsSync('/usr/bin/chromium')) {
  log('Debian chromium is missing: install it with `apt-get install -y chromium` (browser downloads are not used)');
  process.exit(1);
}

mkdirSync(artifacts, { recursive: true });

// 1. The web app, when web/dist is missing or older than its sources.
const distIndex = join(web, 'dist', 'index.html');
const sources = [join(web, 'src'), join(web, 'public'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(repo, 'shared', 'src')];
if (!existsSync(distIndex) || statSync(distIndex).mtimeMs < newest(sources)) run('npx', ['vite', 'build'], web);
else log('web/dist is up to date');

// 2. shared and the server, when their builds are missing or older than their sources (CI has just built them).
const stale = (built, sourcePaths) => !existsSync(built) || statSync(built).mtimeMs < newest(sourcePaths);
const sharedSources = [join(repo, 'shared', 'src'), join(repo, 'shared', 'package.json')];
if (stale(join(repo, 'shared', 'dist', 'index.js'), sharedSources)) run('npm', ['run', 'build', '-w', 'shared'], repo);
else log('shared/dist is up to date');
if (stale(join(repo, 'server', 'dist', 'main.js'), [join(repo, 'server', 'src'), ...sharedSources])) run('npm', ['run', 'build', '-w', 'server'], repo);
else log('server/dist is up to date');

// 3. The real server on a fresh database and a free port.
const dataDir = mkdtempSync(join(tmpdir(), 'zhdj-e2e-'));
const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;
const serverLog = createWriteStream(join(artifacts, 'server.log'));
log(`starting the server on ${baseURL} with DATA_DIR=${dataDir}`);
const server = spawn(process.execPath, [join(repo, 'server', 'dist', 'main.js')], {
  cwd: repo,
  env: {
    ...process.env,
    NODE_ENV: 'development',
    DB_TYPE: 'sqlite',
    DATA_DIR: dataDir,
    PORT: String(port),
    DEMO_SEED: 'true',
    // Every journey logs in from the same address.
    THROTTLE_LOGIN_PER_MINUTE: '1000',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
server.stdout.pipe(serverLog);
server.stderr.pipe(serverLog);

// The journeys' exit status (1 if the server never came up).
let status;
const cleanup = async () => {
  await stop(server);
  rmSync(dataDir, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));

try {
  await waitForHealth(`${baseURL}/api/health`, server, 240_000);
  log('server is up and seeded');
  // 4. The journeys.
  const result = spawnSync('npx', ['playwright', 'test', '-c', 'playwright.config.ts', ...process.argv.slice(2)], {
    cwd: web,
    stdio: 'inherit',
    env: { ...process.env, E2E_BASE_URL: baseURL },
  });
  status = result.status ?? 1;
} catch (e) {
  log(e instanceof Error ? e.message : String(e));
  status = 1;
} finally {
  await cleanup();
}
log(status === 0 ? 'journeys passed' : `journeys failed (exit ${status})`);
process.exit(status);
