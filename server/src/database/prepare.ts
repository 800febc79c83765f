import type { INestApplicationContext } from '@nestjs/common';
import { SingleBar } from 'cli-progress';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PasswordService } from '../auth/password.service';
import { Db } from '../common/database/db.service';
import { IdNumberCipher } from '../common/crypto/id-number-cipher';
import { MemberWriter } from '../members/member-writer';
import { DEMO_PASSWORD } from './seed/demo-accounts';
import { seedCounty, type SeedResult } from './seed/seed';

/** Brings the schema up to date; the same call serves the app's start, the seed command and the benchmark. */
export async function migrate(app: INestApplicationContext): Promise<string[]> {
  const ran = await app.get(DataSource).runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
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
