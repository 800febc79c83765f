import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
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

  it('admin:reset gives a locked-out administrator who lost their phone a temporary password, removing the second factor', async () => {
    const made = await runCli('cli/create-admin.cli.js', ['--username', 'admin', '--role', 'COUNTY_ADMIN', ...root], { ...env, ADMIN_PASSWORD: strong });
    expect(made.code, made.stdout + made.stderr).toBe(0);
    const [{ id }] = (await ds.query(`SELECT id FROM users WHERE username = 'admin'`)) as { id: number }[];
    // As the owner left it: two-factor sign-in on, recovery codes, a session open, and locked out by wrong codes.
    const now = new Date();
    await ds.query('INSERT INTO user_totp (user_id, secret_enc, enabled_at, updated_at) VALUES (?, ?, ?, ?)', [id, 'enc', now, now]);
    await ds.query('INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)', [id, 'hash', now]);
    await ds.query('INSERT INTO sessions (user_id, created_at, last_used_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?)', [id, now, now, new Date(now.getTime() + 3600_000), '127.0.0.1', 'test']);
    await ds.query('UPDATE users SET locked_until = ? WHERE id = ?', [new Date(now.getTime() + 600_000), id]);

    const fresh = `Zr-${randomBytes(12).toString('base64url')}`;
    const unknown = await runCli('cli/reset-admin.cli.js', ['--username', 'nobody'], { ...env, ADMIN_PASSWORD: fresh });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no account named "nobody"');
    const weak = await runCli('cli/reset-admin.cli.js', ['--username', 'admin'], { ...env, ADMIN_PASSWORD: 'password1' });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/too weak/);

    const reset = await runCli('cli/reset-admin.cli.js', ['--username', 'admin'], env, `${fresh}\n`);
    expect(reset.code, reset.stdout + reset.stderr).toBe(0);
    expect(reset.stdout).toContain('the second factor removed');
    expect(reset.stdout + reset.stderr).not.toContain(fresh);
    const [user] = (await ds.query('SELECT password_hash, password_changed_at, locked_until, failed_logins FROM users WHERE id = ?', [id])) as Record<string, unknown>[];
    expect(await verify(String(user.password_hash), fresh)).toBe(true);
    // Issued, not chosen: the owner is asked for their own at the next sign-in.
    expect(user.password_changed_at).toBeNull();
    expect(user.locked_until).toBeNull();
    const left = async (table: string, where = '') => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?${where}`, [id]))[0].n);
    expect({ totp: await left('user_totp'), codes: await left('recovery_codes'), open: await left('sessions', ' AND revoked_at IS NULL') }).toEqual({ totp: 0, codes: 0, open: 0 });
    const [record] = (await ds.query(`SELECT detail FROM audit_log WHERE action = 'auth.accountReset'`)) as { detail: string }[];
    expect(JSON.parse(record.detail)).toEqual({ username: 'admin', via: 'cli', mfaCleared: true });
  });
});
