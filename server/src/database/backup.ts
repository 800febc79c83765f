import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import type { DatabaseConfig } from '../config/database.config';

/**
 * Backups for both drivers. SQLite: the online backup API (a consistent copy while the server runs). MySQL: the
 * standard `mysqldump` (or `mariadb-dump`) with `--single-transaction`, restorable with the `mysql` client — the
 * format every MySQL operator already knows. The DATA_KEY is not in the backup: keep it safe separately, without it
 * the ID numbers in a backup cannot be read.
 */
export async function backupDatabase(db: DatabaseConfig, out: string): Promise<void> {
  // A backup holds names, phones, password hashes, encrypted ID numbers and TOTP secrets: only the account that makes
  // it may read it. The folders made for it are 0700, and the file is created 0600 (an existing one narrowed) before
  // a byte is written, so nobody else can open it meanwhile; SQLite's journal beside it takes the file's mode.
  mkdirSync(dirname(out), { recursive: true, mode: 0o700 });
  closeSync(openSync(out, 'w', 0o600));
  chmodSync(out, 0o600);
  if (db.type === 'sqlite') {
    const source = new Database(db.path, { readonly: true, fileMustExist: true });
    try {
      await source.backup(out);
    } finally {
      source.close();
    }
    return;
  }
  await run(clientTool('mysqldump', 'mariadb-dump'), ['--single-transaction', '--skip-lock-tables', '--no-tablespaces', '--default-character-set=utf8mb4', ...mysqlArgs(db), db.database], db.password, null, out);
}

export interface RestoreOptions {
  /** MySQL: replace a database that already has tables (they are dropped first). Without it such a target is refused. */
  force?: boolean;
}

/**
 * Restores a backup over the configured database; the app must be stopped on either driver. SQLite: the file is
 * checked with `PRAGMA integrity_check` before it replaces the database. MySQL: the dump must be a complete one, the
 * database must exist, and one with tables in it is only replaced with `force` — a restore into the live database by
 * mistake would otherwise overwrite the day's work table by table.
 */
export async function restoreDatabase(db: DatabaseConfig, file: string, options: RestoreOptions = {}): Promise<void> {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}`);
  if (db.type === 'sqlite') {
    const check = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const [row] = check.pragma('integrity_check') as { integrity_check: string }[];
      if (row.integrity_check !== 'ok') throw new Error(`The backup is damaged: ${row.integrity_check}`);
      const tables = check.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`).get() as { n: number };
      if (!tables.n) throw new Error('This file is not a zhdj database backup');
    } finally {
      check.close();
    }
    for (const suffix of ['-wal', '-shm']) rmSync(db.path + suffix, { force: true });
    copyFileSync(file, db.path);
    return;
  }
  checkDump(file);
  await prepareTarget(db, options.force ?? false);
  await run(clientTool('mysql', 'mariadb'), ['--default-character-set=utf8mb4', ...mysqlArgs(db), db.database], db.password, file, null);
}

/**
 * A dump begins with mysqldump's header (in its first lines) and ends with its "Dump completed" line: a file cut short (a full disk, a
 * copy interrupted) would restore some tables and not others, so it is refused before anything is changed.
 */
function checkDump(file: string): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(256, size));
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(Math.min(256, size));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    // MariaDB 10.11.8+ puts a /*M!999999\- enable the sandbox mode */ line before it.
    if (!/^-- (MySQL|MariaDB) dump/m.test(head.toString('utf8'))) throw new Error(`${file} is not a MySQL dump (npm run backup makes one)`);
    if (!tail.toString('utf8').includes('-- Dump completed')) throw new Error(`${file} is incomplete (it lacks mysqldump's closing "Dump completed" line): nothing was restored`);
  } finally {
    closeSync(fd);
  }
}

/** Checks that the target database exists, and empties it when asked to replace a non-empty one. */
async function prepareTarget(db: Extract<DatabaseConfig, { type: 'mysql' }>, force: boolean): Promise<void> {
  const conn = await createConnection({ host: db.host, port: db.port, user: db.username, password: db.password, connectTimeout: db.connectTimeoutMs });
  try {
    const [schemas] = await conn.query<RowDataPacket[]>('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [db.database]);
    if (!schemas.length) {
      throw new Error(
        `The database ${db.database} does not exist on ${db.host}:${db.port}. Create it first ` +
          `(CREATE DATABASE \`${db.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci), then run the restore again.`,
      );
    }
    const [tables] = await conn.query<RowDataPacket[]>(
      'SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = ?',
      [db.database],
    );
    if (!tables.length) return;
    if (!force) {
      throw new Error(
        `The database ${db.database} on ${db.host}:${db.port} is not empty (${tables.length} tables): a restore replaces everything in it. ` +
          'Stop the app, then run the restore again with --force to replace it; nothing was changed.',
      );
    }
    // Every table goes, not only those in the dump: one a later migration added would otherwise stay behind while the
    // restored migrations table says it was never made, and the next start would fail making it again.
    await conn.query('SET FOREIGN_KEY_CHECKS = 0');
    for (const t of tables) await conn.query(`DROP ${t.type === 'VIEW' ? 'VIEW' : 'TABLE'} ??.??`, [db.database, t.name]);
  } finally {
    await conn.end();
  }
}

/** Debian's MariaDB client names its tools mariadb-dump and mariadb (the mysql* names are only compatibility links). */
function clientTool(mysqlName: string, mariadbName: string): string {
  return existsSync(`/usr/bin/${mysqlName}`) || !existsSync(`/usr/bin/${mariadbName}`) ? mysqlName : mariadbName;
}

function mysqlArgs(db: Extract<DatabaseConfig, { type: 'mysql' }>): string[] {
  return [`--host=${db.host}`, `--port=${db.port}`, `--user=${db.username}`, '--protocol=TCP'];
}

/** Runs a client tool with the password in its environment (never on the command line, where `ps` would show it). */
function run(cmd: string, args: string[], password: string, stdinFile: string | null, stdoutFile: string | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', stdoutFile ? 'pipe' : 'ignore', 'pipe'], env: { ...process.env, MYSQL_PWD: password } });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const written = stdoutFile
      ? new Promise<void>((done, fail) => child.stdout!.pipe(createWriteStream(stdoutFile)).on('finish', done).on('error', fail))
      : Promise.resolve();
    if (stdinFile) createReadStream(stdinFile).pipe(child.stdin!);
    else child.stdin!.end();
    child.on('error', (e) => reject(new Error(`${cmd} could not be started (${e.message}); install the MySQL/MariaDB client tools`)));
    child.on('close', (code) => (code === 0 ? written.then(resolve, reject) : reject(new Error(`${cmd} failed (${code}): ${stderr.trim()}`))));
  });
}
