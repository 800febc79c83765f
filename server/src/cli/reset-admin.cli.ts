import { NestFactory } from '@nestjs/core';
import { IsNull } from 'typeorm';
import { AppModule } from '../app.module';
import { AuditService } from '../audit/audit.service';
import { RecoveryCode } from '../auth/entities/recovery-code.entity';
import { Session } from '../auth/entities/session.entity';
import { UserTotp } from '../auth/entities/user-totp.entity';
import { User } from '../auth/entities/user.entity';
import { appLogger } from '../common/app-logger';
import { Db } from '../common/database/db.service';
import { loadConfig } from '../config/app.config';
import { ConfigError } from '../config/config-error';
import { acceptedPasswordHash, arg } from './cli-input';

const USAGE = `Gives an account back to its owner who cannot sign in: a lost phone (second factor), a forgotten password,
a lock-out. For the county's own administrator above all, whom no one in the app looks after.

  npm run admin:reset -- --username <name>

  The new password is read from ADMIN_PASSWORD or asked for on the terminal (not shown); it is a temporary one: the
  owner chooses their own at the next sign-in. The second factor and its recovery codes are removed (where it is
  required, the owner enrols again at the next sign-in), the lock-out is lifted and every session ended. Audited.`;

async function main() {
  const username = arg(process.argv.slice(2), 'username');
  if (!username) {
    process.stdout.write(USAGE + '\n');
    process.exit(2);
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, jobs: false }), { logger: appLogger(['warn', 'error']) });
  try {
    const db = app.get(Db);
    const user = await db.em.findOne(User, { where: { username } });
    if (!user) throw new Error(`There is no account named "${username}" (nothing was changed)`);
    const hash = await acceptedPasswordHash(app, username);
    const audit = app.get(AuditService);
    const mfaCleared = await db.tx(async (em) => {
      const now = new Date();
      // No date of change: the password counts as issued, so the owner is asked for their own at the next sign-in.
      await em.update(User, { id: user.id }, { passwordHash: hash, passwordChangedAt: null, failedLogins: 0, lockedUntil: null });
      const totp = await em.delete(UserTotp, { userId: user.id });
      await em.delete(RecoveryCode, { userId: user.id });
      await em.update(Session, { userId: user.id, revokedAt: IsNull() }, { revokedAt: now, revokedReason: 'accountReset' });
      const cleared = (totp.affected ?? 0) > 0;
      await audit.record(em, null, { action: 'auth.accountReset', targetType: 'user', targetId: user.id, detail: { username, via: 'cli', mfaCleared: cleared } });
      return cleared;
    });
    process.stdout.write(`Reset "${username}": a temporary password (to be changed at the next sign-in)${mfaCleared ? ', the second factor removed' : ''}, unlocked, every session ended.\n`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : (e as Error).message) + '\n');
  process.exit(1);
});
