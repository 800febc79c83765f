import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { databaseEnv, ensureBuilt, runCli, runCliOnTerminal } from './support/built';
import { migratedDataSource, resetSchema } from './support/test-db';

/**
 * The create-admin command, built and run as an operator runs it (node server/dist/cli/create-admin.cli.js) against the
 * test's database: on an empty database it makes the root of the tree and the county's administrator.
 */
describe(`create-admin command (${process.env.DB_TYPE ?? 'sqlite'})`, () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let env: Record<string, string | undefined>;
  const dir = mkdtempSync(join(tmpdir(), 'zhdj-create-admin-'));
  const strong = `Zh-${randomBytes(12).toString('base64url')}`;
  const root = ['--root-name', '中共新沂市委员会', '--root-code', 'XY', '--org-code', 'XY'];

  beforeAll(async () => {
    ensureBuilt();
    const prepared = await migratedDataSource();
    ({ ds, close } = prepared);
    env = {
      ...databaseEnv(prepared.db),
      NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://dj.example.gov.cn',
      DATA_DIR: dir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      DATA_KEY: randomBytes(32).toString('hex'),
      ADMIN_PASSWORD: undefined,
    };
  }, 240_000);
  beforeEach(async () => resetSchema(ds));
  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  const counts = async () => ({
    organizations: Number((await ds.query('SELECT COUNT(*) AS n FROM organizations'))[0].n),
    users: Number((await ds.query('SELECT COUNT(*) AS n FROM users'))[0].n),
  });

  it('refuses a weak password before it makes the root organisation', async () => {
    const run = await runCli('cli/create-admin.cli.js', ['--username', 'admin', '--role', 'COUNTY_ADMIN', ...root], { ...env, ADMIN_PASSWORD: 'password1' });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toMatch(/too weak/);
    expect(await counts()).toEqual({ organizations: 0, users: 0 });
  });

  it('refuses a username already taken with a clear message, changing nothing', async () => {
    const first = await runCli('cli/create-admin.cli.js', ['--username', 'admin', '--role', 'COUNTY_ADMIN', ...root], { ...env, ADMIN_PASSWORD: strong });
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('Created COUNTY_ADMIN "admin"');
    const again = await runCli('cli/create-admin.cli.js', ['--username', 'admin', '--role', 'COUNTY_ADMIN', '--org-code', 'XY'], { ...env, ADMIN_PASSWORD: strong });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('An account named "admin" already exists');
    expect(again.stderr).not.toMatch(/Duplicate entry|UNIQUE constraint/);
    expect(await counts()).toEqual({ organizations: 1, users: 1 });
  });

  it('reads a piped password without showing it', async () => {
    const run = await runCli('cli/create-admin.cli.js', ['--username', 'admin', '--role', 'COUNTY_ADMIN', ...root], env, `${strong}\n`);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Created COUNTY_ADMIN "admin"');
    expect(run.stdout + run.stderr).not.toContain(strong);
    expect(await counts()).toEqual({ organizations: 1, users: 1 });
  });

  it('does not echo a password typed on a terminal', async () => {
    const run = await runCliOnTerminal('cli/create-admin.cli.js', ['--username', 'admin', '--role', 'COUNTY_ADMIN', ...root], env, 'Password: ', strong);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain('Created COUNTY_ADMIN "admin"');
    expect(run.output).not.toContain(strong);
    // Not even a character of it, nor a mask in its place.
    expect(run.output).not.toContain(strong.slice(0, 4));
    expect(run.output).not.toContain('*'.repeat(4));
    expect(await counts()).toEqual({ organizations: 1, users: 1 });
  });
});

