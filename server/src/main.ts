import 'reflect-metadata';
import { createApp } from './app.factory';
import { startHttpRedirect } from './common/https-server';
import { Db } from './common/database/db.service';
import { loadConfig, type AppConfig } from './config/app.config';
import { ConfigError } from './config/config-error';
import { migrate, seedDemo } from './database/prepare';
import { databaseStartProblem } from './database/start-failure';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './database/seed/demo-accounts';

async function main() {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(e.message + '\n');
      process.exit(1);
    }
    throw e;
  }
  const log = (line: string) => process.stdout.write(`  ${line}\n`);
  const app = await createApp(config);
  const ran = await migrate(app);
  if (ran.length) log(`Migrations applied: ${ran.join(', ')}`);
  if (config.demoSeed) {
    const result = await seedDemo(app, 1);
    if (!result.skipped) log(`Seeded ${result.organizations} organisations and ${result.members} members in ${result.seconds.toFixed(1)} s`);
  }
  // Only now: a migration's or the seed's long statement must not be cut as a silent database would be.
  if (config.db.type === 'mysql') app.get(Db).limitAnswerWait(config.db.answerTimeoutMs);
  await app.listen(config.port, config.host);
  if (config.tls?.redirectPort) await startHttpRedirect(config.tls.redirectPort, config.transfers.publicBaseUrl, config.host);
  const url = `${config.tls ? 'https' : 'http'}://localhost:${config.port}`;
  const db = config.db.type === 'sqlite' ? `SQLite ${config.db.path}` : `MySQL ${config.db.host}:${config.db.port}/${config.db.database}`;
  process.stdout.write(
    [
      '',
      `  zhdj 智慧党建 is running at ${url}`,
      config.apiDocs ? `  API docs: ${url}/api/docs    database: ${db}` : `  database: ${db}`,
      ...(config.tls ? [`  HTTPS with HTTP/2${config.tls.redirectPort ? `; http:// on port ${config.tls.redirectPort} redirects to ${config.transfers.publicBaseUrl}` : ''}`] : []),
      ...(config.demoSeed
        ? [
            `  Demo accounts (password ${DEMO_PASSWORD}):`,
            ...DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(10)} ${a.role.padEnd(16)} ${a.describe}`),
            '    …every other town, street and system committee by its code (xy-05), and every seeded member by their mobile number.',
          ]
        : []),
      '',
    ].join('\n') + '\n',
  );
}

main().catch((e) => {
  process.stderr.write(((e as Error).stack ?? String(e)) + '\n');
  // Configuration was read before anything could fail here; a problem with the database says what to change.
  const hint = databaseStartProblem(e, loadConfig().db);
  if (hint) process.stderr.write(`\n  Cannot start: ${hint}\n\n`);
  process.exit(1);
});
