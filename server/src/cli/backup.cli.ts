import { chmodSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/app.config';
import { ConfigError } from '../config/config-error';
import { backupDatabase, restoreDatabase } from '../database/backup';

const USAGE = `  npm run backup [-- --out <file>]     a consistent backup (SQLite: online backup; MySQL: mysqldump)
  npm run restore -- <file> [--force]  replaces the database with the backup; stop the app first (both drivers).
                                       MySQL: the database must exist; one with tables in it needs --force`;

/** `npm run backup` and `npm run restore`; the configured database (DB_TYPE, DB_PATH / DB_HOST …) is the target. */
async function main() {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const file = args.find((a) => !a.startsWith('--'));
  if (command === 'backup') {
    const i = args.indexOf('--out');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let out: string;
    if (i >= 0) {
      out = resolve(args[i + 1]);
    } else {
      // The default folder is the app's own: narrowed to its owner even when an earlier version made it 0755.
      const dir = resolve(config.dataDir, 'backups');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      out = resolve(dir, `zhdj-${stamp}.${config.db.type === 'sqlite' ? 'sqlite' : 'sql'}`);
    }
    await backupDatabase(config.db, out);
    // Production takes DATA_KEY from the environment; only the demo generates it into secrets.json.
    const key = config.dataKeyFile ? `the DATA_KEY in ${config.dataKeyFile}` : 'DATA_KEY (set in this environment)';
    process.stdout.write(`Backup written to ${out}\nKeep ${key} safe too, apart from the backup: without it the ID numbers in the backup cannot be read.\n`);
  } else if (command === 'restore' && file) {
    await restoreDatabase(config.db, resolve(file), { force: args.includes('--force') });
    process.stdout.write(`Restored ${file} into the ${config.db.type === 'sqlite' ? config.db.path : config.db.database} database.\n`);
  } else {
    process.stdout.write(USAGE + '\n');
    process.exitCode = 2;
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : (e as Error).message) + '\n');
  process.exit(1);
});
