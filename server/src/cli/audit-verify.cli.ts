import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { AuditChainService } from '../audit/audit-chain.service';
import { appLogger } from '../common/app-logger';
import { loadConfig } from '../config/app.config';
import { ConfigError } from '../config/config-error';

/** `npm run audit:verify`: checks the audit log's hash chain and names the first broken record (exit 1 if any). */
async function main() {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...loadConfig(), jobs: false }), { logger: appLogger(['warn', 'error']) });
  try {
    const chain = app.get(AuditChainService);
    if (process.argv.includes('--seal')) process.stdout.write(`Sealed ${await chain.seal(0)} record(s).\n`);
    const r = await chain.verify();
    if (r.ok) {
      process.stdout.write(`Audit chain intact: ${r.sealed} sealed record(s), ${r.unsealed} awaiting sealing.\n`);
    } else {
      process.stdout.write(`Audit chain BROKEN at position ${r.firstBroken!.seq}${r.firstBroken!.id ? ` (audit_log id ${r.firstBroken!.id})` : ''}: ${r.firstBroken!.reason}.\n`);
      process.exitCode = 1;
    }
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : ((e as Error).stack ?? String(e))) + '\n');
  process.exit(1);
});
