import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatabaseConfig } from '../../src/config/database.config';

/** The repository root: the built server and CLIs run from here, as in production. */
export const REPO = resolve(__dirname, '..', '..', '..');

function newest(dir: string): number {
  let latest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) latest = Math.max(latest, newest(path));
    else if (!name.name.endsWith('.spec.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds shared and server when server/dist is older than their sources (CI builds before testing, so there it is fresh). */
export function ensureBuilt(): void {
  const main = join(REPO, 'server', 'dist', 'main.js');
  const stale = !existsSync(main) || statSync(main).mtimeMs < Math.max(newest(join(REPO, 'server', 'src')), newest(join(REPO, 'shared', 'src')));
  if (!stale) return;
  for (const ws of ['shared', 'server']) {
    const r = spawnSync('npm', ['run', 'build', '-w', ws], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`npm run build -w ${ws} failed:\n${r.stdout}\n${r.stderr}`);
  }
}

/** The environment that points the built server or a CLI at a test's database. */
export function databaseEnv(db: DatabaseConfig): Record<string, string> {
  return db.type === 'sqlite'
    ? { DB_TYPE: 'sqlite', DB_PATH: db.path }
    : { DB_TYPE: 'mysql', DB_HOST: db.host, DB_PORT: String(db.port), DB_USER: db.username, DB_PASSWORD: db.password, DB_NAME: db.database };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built CLI (`server/dist/<script>`) as an operator would, its output captured (so not a terminal). */
export function runCli(script: string, args: string[], env: Record<string, string | undefined>, stdin = ''): Promise<CliRun> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [join(REPO, 'server', 'dist', script), ...args], { cwd: REPO, env: cliEnv(env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * Runs a built CLI on a pseudo-terminal (util-linux `script`), as when an operator types at it; `answer` is typed once
 * `prompt` has appeared. The output is everything the terminal showed.
 */
export function runCliOnTerminal(script: string, args: string[], env: Record<string, string | undefined>, prompt: string, answer: string): Promise<{ code: number | null; output: string }> {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = ['exec', process.execPath, join(REPO, 'server', 'dist', script), ...args].map(quote).join(' ');
  return new Promise((ok, fail) => {
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command, '/dev/null'], { cwd: REPO, env: cliEnv(env), stdio: 'pipe' });
    let output = '';
    let typed = false;
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      // Typed only once the prompt is up: before that the terminal is still in its own echoing mode.
      if (!typed && output.includes(prompt)) {
        typed = true;
        child.stdin.write(answer + '\r');
      }
    });
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, output }));
  });
}

function cliEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env, JOBS: 'false', DEMO_SEED: 'false' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
