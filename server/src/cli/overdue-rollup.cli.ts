import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { appLogger } from '../common/app-logger';
import { loadConfig } from '../config/app.config';
import { ConfigError } from '../config/config-error';
import { TransferOverdueJob } from '../transfers/transfer-overdue.job';

/**
 * `node server/dist/cli/overdue-rollup.cli.js`: one run of the overdue roll-up's job (transfer-overdue.ts), for
 * deployments whose API processes run with JOBS=false and leave scheduled work to cron, and for the benchmark.
 */
async function main() {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...loadConfig(), jobs: false }), { logger: appLogger(['warn', 'error']) });
  try {
    const n = await app.get(TransferOverdueJob).run();
    process.stdout.write(`Overdue roll-up moved to now: ${n} step(s) fell due since its last run.\n`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e))) + '\n');
  process.exit(1);
});
