import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../src/database/backup';
import { startTestApp, type TestApp } from './support/test-app';

const TABLES = ['organizations', 'members', 'users', 'role_assignments', 'member_org_history', 'audit_log'];

/** Row counts and a digest of every row, table by table: equal digests mean the same data. */
async function fingerprint(t: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await t.ds.query(`SELECT * FROM ${table} ORDER BY id`);
    out[table] = `${rows.length}:${JSON.stringify(rows, (_k, v) => (v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? Number(v) : v))}`;
  }
  return out;
}

describe(`backup and restore (${process.env.DB_TYPE ?? 'sqlite'})`, () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'zhdj-backup-'));
  beforeAll(async () => (t = await startTestApp()));
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
      await restoreDatabase(t.config.db, file);
    }
    expect(await fingerprint(t)).toEqual(before);
  });

  it('refuses a file that is not a backup, leaving the data as it was', async () => {
    const before = await fingerprint(t);
    const bogus = join(dir, 'bogus.bin');
    writeFileSync(bogus, 'this is not a database backup;');
    if (t.config.db.type === 'sqlite') await t.ds.destroy();
    await expect(restoreDatabase(t.config.db, bogus)).rejects.toThrow();
    if (!t.ds.isInitialized) await t.ds.initialize();
    expect(await fingerprint(t)).toEqual(before);
  });
});
