import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from './support/built';

/**
 * The built server's log lines written to a pipe (as to a file, journald or `docker logs`) carry no colour codes. A
 * MEDIA_DIR that cannot be made (under a plain file) makes it log a warning at start-up. SQLite on both drivers' runs:
 * this is the logger's behaviour, not the database's.
 */
describe('log output of the built server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhdj-log-'));
  beforeAll(() => ensureBuilt(), 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes no ANSI colour codes when its output is not a terminal', async () => {
    writeFileSync(join(dir, 'not-a-folder'), '');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://dj.example.gov.cn', PORT: '0', DATA_DIR: dir, DB_TYPE: 'sqlite', DB_PATH: join(dir, 'zhdj.sqlite'), DEMO_SEED: 'false', JOBS: 'false',
      JWT_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('hex'), MEDIA_DIR: join(dir, 'not-a-folder', 'media'),
    };
    // Whatever the test runner's own settings, the server decides from its output alone.
    delete env.NO_COLOR;
    delete env.FORCE_COLOR;
    const server = spawn(process.execPath, [join(REPO, 'server', 'dist', 'main.js')], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    server.stdout.on('data', (c: Buffer) => (log += c.toString()));
    server.stderr.on('data', (c: Buffer) => (log += c.toString()));
    const exited = new Promise((r) => server.once('exit', r));
    const deadline = Date.now() + 60_000;
    while (!log.includes('is running at') && server.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    server.kill('SIGTERM');
    await exited;
    expect(log, log).toContain('is running at');
    expect(log).not.toContain('\x1b[');
    expect(log).toContain('WARN [Media] MEDIA_DIR');
  }, 90_000);
});
