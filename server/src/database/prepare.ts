import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/password.service';
import { Db } from '../common/database/db.service';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { MemberWriter } from '../members/member-writer';
import { isSqlite } from './data-source';
import { DEMO_PASSWORD } from './seed/demo-accounts';
import { seedCounty, type SeedResult } from './seed/seed';

/** How long a process waits for another one's migrations before giving up (a long one at ten times the county). */
const MIGRATION_LOCK_WAIT_SECONDS = 600;

/**
 * Brings the schema up to date; the same call serves the app's start, the seed command and the benchmark.
 *
 * On MySQL, processes started together (a restart of several, an upgrade) take turns: MySQL's DDL is not
 * transactional, so two running the same migration crashed one ("Duplicate column") and could leave a half-applied
 * one. A named lock, held on a connection of its own, lets the first run them; the others then find nothing to run.
 * A database not in utf8mb4 is refused before anything is created in it: its first Chinese name would fail.
 */
export async function migrate(app: INestApplicationContext): Promise<string[]> {
  return migrateDataSource(app.get(DataSource));
}

/** `migrate` on a data source of its own (the tests' two processes in one). */
export async function migrateDataSource(ds: DataSource): Promise<string[]> {
  const run = async () => (await ds.runMigrations({ transaction: 'each' })).map((m) => m.name);
  if (isSqlite(ds)) return run();
  await refuseNonUtf8mb4(ds);
  const lock = ds.createQueryRunner();
  try {
    const [got] = (await lock.query('SELECT GET_LOCK(?, ?) AS got', ['zhdj.migrate', MIGRATION_LOCK_WAIT_SECONDS])) as { got: number | string | null }[];
    if (Number(got.got) !== 1) throw new Error(`Another process has been migrating the database for over ${MIGRATION_LOCK_WAIT_SECONDS} s (lock zhdj.migrate); not starting`);
    return await run();
  } finally {
    await lock.query('SELECT RELEASE_LOCK(?)', ['zhdj.migrate']).catch(() => undefined);
    await lock.release();
  }
}

/** The database's character set, and any table of another: zhdj stores Chinese text, which needs utf8mb4. */
async function refuseNonUtf8mb4(ds: DataSource): Promise<void> {
  const [db] = (await ds.query('SELECT DATABASE() AS name, @@character_set_database AS charset')) as { name: string; charset: string }[];
  const tables = (await ds.query(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' AND TABLE_COLLATION NOT LIKE 'utf8mb4%'",
  )) as { name: string }[];
  const fix = `ALTER DATABASE \`${db.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
  if (db.charset !== 'utf8mb4' && !tables.length) {
    throw new Error(`The database ${db.name} uses the character set ${db.charset}; zhdj stores Chinese text and needs utf8mb4. Before the first start: ${fix}`);
  }
  if (tables.length) {
    throw new Error(`Tables of ${db.name} are not in utf8mb4 (${tables.map((t) => t.name).slice(0, 5).join(', ')}${tables.length > 5 ? '…' : ''}); zhdj stores Chinese text and needs utf8mb4: convert them (ALTER TABLE … CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci) and the database (${fix})`);
  }
}

/** Seeds the county demo if the database is empty, showing a progress bar and the time it took. */
export async function seedDemo(app: INestApplicationContext, scale: number, out: NodeJS.WriteStream = process.stdout): Promise<SeedResult & { seconds: number }> {
  const started = Date.now();
  const bar = new SingleBar({
    format: '  Seeding the county demo [{bar}] {percentage}% | {value}/{total} members | {duration}s',
    stream: out,
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 5000,
  });
  let barStarted = false;
  const passwordHash = await app.get(PasswordService).hash(DEMO_PASSWORD);
  const result = await seedCounty(app.get(Db), app.get(MemberWriter), app.get(IdNumberCipher), app.get(AuditService), {
    scale,
    passwordHash,
    onProgress: (done, total) => {
      if (!barStarted) {
        bar.start(total, 0);
        barStarted = true;
      }
      bar.update(done);
      if (done === total) {
        bar.stop();
        barStarted = false;
      }
    },
    onPhase: (phase, seconds) => out.write(`  ${phase}: ${seconds.toFixed(1)} s\n`),
  });
  if (barStarted) bar.stop();
  return { ...result, seconds: (Date.now() - started) / 1000 };
}
