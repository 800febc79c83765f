import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/database/backup';
import { databaseEnv, ensureBuilt, runCli } from './support/built';
import { startTestApp, type TestApp } from './support/test-app';
import { itOn } from './support/driver';

const TABLES = ['organizations', 'members', 'users', 'role_assignments', 'member_org_history', 'audit_log'];
const mysql = process.env.DB_TYPE === 'mysql';

/** Row counts and a digest of every row, table by table: equal digests mean the same data. `schema` reads another MySQL database. */
async function fingerprint(t: TestApp, schema?: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await t.ds.query(`SELECT * FROM ${schema ? `\`${schema}\`.` : ''}${table} ORDER BY id`);
    out[table] = `${rows.length}:${JSON.stringify(rows, (_k, v) => (v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? Number(v) : v))}`;
  }
  return out;
}

const mode = (path: string) => statSync(path).mode & 0o777;

/** The run's MySQL connection with another database named after the run's own. */
function otherDatabase(t: TestApp, suffix: string) {
  if (t.config.db.type !== 'mysql') throw new Error('a MySQL run only');
  return { ...t.config.db, database: `${t.config.db.database}_${suffix}` };
}

describe(`backup and restore (${process.env.DB_TYPE ?? 'sqlite'})`, () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'zhdj-backup-'));
  beforeAll(async () => {
    ensureBuilt();
    t = await startTestApp();
  }, 240_000);
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a backup and finds the same data', async () => {
    await t.http.post(`/api/members/${t.county.members.memberA1}/reveal-id`).set(await t.as('county')).expect(200);
    const before = await fingerprint(t);
    const file = join(dir, 'backup.bin');
    await backupDatabase(t.config.db, file);
    // Change things after the backup: they must be gone after the restore.
    await t.http.patch(`/api/members/${t.county.members.memberA2}`).set(await t.as('county')).send({ version: 1, duesPaidThrough: '2020-01' }).expect(200);
    await t.ds.query(`DELETE FROM role_assignments WHERE user_id = ?`, [t.county.users.committeeB]);
    expect(await fingerprint(t)).not.toEqual(before);
    if (t.config.db.type === 'sqlite') {
      // SQLite is restored with the server stopped: close the connection, restore, reopen.
      await t.ds.destroy();
      await restoreDatabase(t.config.db, file);
      await t.ds.initialize();
    } else {
      // The database has tables: replacing it takes --force.
      await restoreDatabase(t.config.db, file, { force: true });
    }
    expect(await fingerprint(t)).toEqual(before);
  });

  it('refuses a file that is not a backup, leaving the data as it was', async () => {
    const before = await fingerprint(t);
    const bogus = join(dir, 'bogus.bin');
    writeFileSync(bogus, 'this is not a database backup;');
    if (t.config.db.type === 'sqlite') await t.ds.destroy();
    await expect(restoreDatabase(t.config.db, bogus, { force: true })).rejects.toThrow();
    if (!t.ds.isInitialized) await t.ds.initialize();
    expect(await fingerprint(t)).toEqual(before);
  });

  it('writes the backup readable by its owner only, in folders of their own', async () => {
    // Names, phones, password hashes, encrypted ID numbers and TOTP secrets: not for the machine's other accounts.
    const file = join(dir, 'private', 'nightly', 'backup.bin');
    await backupDatabase(t.config.db, file);
    expect(mode(file).toString(8)).toBe('600');
    expect(mode(join(dir, 'private', 'nightly')).toString(8)).toBe('700');
    expect(mode(join(dir, 'private')).toString(8)).toBe('700');
    // A file already there (a backup written again to the same name) is narrowed too.
    const again = join(dir, 'again.bin');
    writeFileSync(again, '');
    chmodSync(again, 0o644);
    await backupDatabase(t.config.db, again);
    expect(mode(again).toString(8)).toBe('600');
  });

  it('npm run backup: the default folder is its owner\'s alone, and the message names where DATA_KEY comes from', async () => {
    const dataDir = join(dir, 'data');
    // A backups folder an earlier version made world-readable.
    mkdirSync(join(dataDir, 'backups'), { recursive: true, mode: 0o755 });
    chmodSync(join(dataDir, 'backups'), 0o755);
    const production = await runCli('cli/backup.cli.js', ['backup'], {
      ...databaseEnv(t.config.db), NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://dj.example.gov.cn', DATA_DIR: dataDir, JWT_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('hex'),
    });
    expect(production.code, production.stdout + production.stderr).toBe(0);
    const written = /Backup written to (\S+)/.exec(production.stdout)![1];
    expect(mode(written).toString(8)).toBe('600');
    expect(mode(join(dataDir, 'backups')).toString(8)).toBe('700');
    // Production takes DATA_KEY from the environment: there is no secrets.json to point to.
    expect(production.stdout).toContain('Keep DATA_KEY (set in this environment) safe');
    expect(production.stdout).not.toContain('secrets.json');

    // The demo generates it into the data folder: the message names that file.
    const demo = await runCli('cli/backup.cli.js', ['backup', '--out', join(dir, 'demo.bin')], { ...databaseEnv(t.config.db), NODE_ENV: 'development', DATA_DIR: dataDir, JWT_SECRET: undefined, DATA_KEY: undefined });
    expect(demo.code, demo.stdout + demo.stderr).toBe(0);
    expect(demo.stdout).toContain(`Keep the DATA_KEY in ${join(dataDir, 'secrets.json')} safe`);
  });

  itOn(mysql)('MySQL: refuses to restore into a database with tables unless forced, changing nothing', async () => {
    const file = join(dir, 'in-use.sql');
    await backupDatabase(t.config.db, file);
    await t.ds.query(`DELETE FROM role_assignments WHERE user_id = ?`, [t.county.users.committeeA]);
    const before = await fingerprint(t);
    await expect(restoreDatabase(t.config.db, file)).rejects.toThrow(/is not empty .*Stop the app, then run the restore again with --force/);
    expect(await fingerprint(t)).toEqual(before);

    // The command as an operator runs it: refused (exit 1, the reason on stderr), then replaced with --force.
    const env = { ...databaseEnv(t.config.db), NODE_ENV: 'production', PUBLIC_BASE_URL: 'https://dj.example.gov.cn', DATA_DIR: dir, JWT_SECRET: randomBytes(32).toString('hex'), DATA_KEY: randomBytes(32).toString('hex') };
    const refused = await runCli('cli/backup.cli.js', ['restore', file], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('run the restore again with --force');
    expect(await fingerprint(t)).toEqual(before);
    const forced = await runCli('cli/backup.cli.js', ['restore', file, '--force'], env);
    expect(forced.code, forced.stdout + forced.stderr).toBe(0);
    expect(await fingerprint(t)).not.toEqual(before);
    expect(Number((await t.ds.query('SELECT COUNT(*) AS n FROM role_assignments WHERE user_id = ?', [t.county.users.committeeA]))[0].n)).toBeGreaterThan(0);
  });

  itOn(mysql)('MySQL: a database that does not exist is named, with how to create it', async () => {
    const file = join(dir, 'for-missing.sql');
    await backupDatabase(t.config.db, file);
    const missing = otherDatabase(t, 'missing');
    const restore = restoreDatabase(missing, file);
    await expect(restore).rejects.toThrow(`The database ${missing.database} does not exist`);
    await expect(restore).rejects.toThrow(/CREATE DATABASE/);
    await expect(restore).rejects.not.toThrow(/ERROR 1049/);
  });

  itOn(mysql)('MySQL: restores into a new, empty database without --force, and refuses a dump cut short', async () => {
    const file = join(dir, 'to-empty.sql');
    await backupDatabase(t.config.db, file);
    const before = await fingerprint(t);
    const target = otherDatabase(t, 'restore');
    await t.ds.query(`CREATE DATABASE \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    try {
      // Cut short, as a full disk or an interrupted copy leaves it: refused before a table is made.
      const cut = join(dir, 'cut.sql');
      const dump = readFileSync(file);
      writeFileSync(cut, dump.subarray(0, Math.floor(dump.length / 2)));
      await expect(restoreDatabase(target, cut)).rejects.toThrow(/is incomplete/);
      expect(await t.ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = ?`, [target.database])).toEqual([]);

      await restoreDatabase(target, file);
      expect(await fingerprint(t, target.database)).toEqual(before);
    } finally {
      await t.ds.query(`DROP DATABASE IF EXISTS \`${target.database}\``);
    }
  });
});
