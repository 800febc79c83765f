import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module';
import { appLogger } from '../../common/app-logger';
import { loadConfig } from '../../config/app.config';
import { ConfigError } from '../../config/config-error';
import { migrate, seedDemo } from '../prepare';

/** `npm run seed -- --scale N`: migrates, then seeds the county demo (N × 1,800 organisations, N × 48,000 members). */
async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf('--scale');
  const scale = at >= 0 ? Number(args[at + 1]) : 1;
  if (!Number.isInteger(scale) || scale < 1 || scale > 100) {
    process.stderr.write('Usage: npm run seed -- [--scale N]   (N from 1 to 100)\n');
    process.exit(2);
  }
  const config = loadConfig();
  // A one-off command: the scheduled jobs belong to the running server (one here would wait on the seed's locks).
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, jobs: false }), { logger: appLogger(['warn', 'error']) });
  try {
    const ran = await migrate(app);
    if (ran.length) process.stdout.write(`Migrations applied: ${ran.join(', ')}\n`);
    const result = await seedDemo(app, scale);
    process.stdout.write(
      result.skipped
        ? 'The database already holds organisations: nothing seeded (the seed is idempotent).\n'
        : `Seeded ${result.organizations} organisations and ${result.members} members in ${result.seconds.toFixed(1)} s.\n`,
    );
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : (e as Error).stack ?? String(e)) + '\n');
  process.exit(1);
});
