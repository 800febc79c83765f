import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { chmodSync, closeSync, copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
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
  await run(dumpTool(), ['--single-transaction', '--skip-lock-tables', '--no-tablespaces', '--default-character-set=utf8mb4', ...mysqlArgs(db), db.database], db.password, null, out);
}

/**
 * Restores a backup over the configured database. SQLite: the server must be stopped; the file is checked with
 * `PRAGMA integrity_check` before it replaces the database. MySQL: the dump is replayed into the database.
 */
export async function restoreDatabase(db: DatabaseConfig, file: string): Promise<void> {
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
  await run('mysql', ['--default-character-set=utf8mb4', ...mysqlArgs(db), db.database], db.password, file, null);
}

function dumpTool(): string {
  return existsSync('/usr/bin/mysqldump') || !existsSync('/usr/bin/mariadb-dump') ? 'mysqldump' : 'mariadb-dump';
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
