import { NestFactory } from '@nestjs/core';
import { ROLES, type Role } from '@zhdj/shared';
import { AppModule } from '../app.module';
import { AuditService } from '../audit/audit.service';
import { appointAdministrator } from '../auth/appoint-administrator';
import { User } from '../auth/entities/user.entity';
import { appLogger } from '../common/app-logger';
import { isUniqueViolation } from '../common/database/db-errors';
import { Db } from '../common/database/db.service';
import { loadConfig } from '../config/app.config';
import { ConfigError } from '../config/config-error';
import { migrate } from '../database/prepare';
import { acceptedPasswordHash, arg } from './cli-input';
import { Organization } from '../organizations/entities/organization.entity';

const USAGE = `Creates an administrator account (there is no default password outside the demo).

  npm run admin:create -- --username <name> --role <COUNTY_ADMIN|COMMITTEE_ADMIN|BRANCH_ADMIN|SYSTEM_ADMIN>
                          [--org-code <code>] [--display-name <name>]
                          [--root-name <full name> --root-code <code>]

  --org-code     the organisation the role is held over (not for SYSTEM_ADMIN)
  --root-name/--root-code   on an empty database, first create the county committee (the root of the tree)
  The password is read from the ADMIN_PASSWORD environment variable, or asked for on the terminal; it must meet the
  active SECURITY_PROFILE (GET /api/auth/password-policy).`;

async function main() {
  const args = process.argv.slice(2);
  const username = arg(args, 'username');
  const role = arg(args, 'role') as Role | undefined;
  if (!username || !role || !ROLES.includes(role) || role === 'MEMBER') {
    process.stdout.write(USAGE + '\n');
    process.exit(2);
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, jobs: false }), { logger: appLogger(['warn', 'error']) });
  try {
    await migrate(app);
    const db = app.get(Db);
    // Everything that can be refused is checked before anything is written: a weak password or a taken username
    // must not leave a root organisation behind without its administrator.
    if (await db.em.exists(User, { where: { username } })) throw new Error(`An account named "${username}" already exists: choose another --username (nothing was changed)`);
    const rootName = arg(args, 'root-name');
    const rootCode = arg(args, 'root-code');
    const orgCode = arg(args, 'org-code');
    const makeRoot = !!rootName && !!rootCode && (await db.em.count(Organization)) === 0;
    const orgKnown = !!orgCode && ((makeRoot && orgCode === rootCode) || (await db.em.exists(Organization, { where: { code: orgCode } })));
    if (role !== 'SYSTEM_ADMIN' && !orgKnown) throw new Error(`--org-code is required for ${role} and must name an existing organisation`);
    const hash = await acceptedPasswordHash(app, username);
    const audit = app.get(AuditService);
    // One transaction: the root and its administrator are made together or not at all.
    const org = await db.tx(async (em) => {
      if (makeRoot) {
        const now = new Date();
        const root = em.create(Organization, {
          parentId: null, path: 'pending', depth: 0, level: 'COUNTY_COMMITTEE', type: 'ORGAN', name: rootName, shortName: rootName.slice(0, 50),
          code: rootCode, hasApprovalAuthority: true, tags: '', contactPerson: '', address: '', phone: '', fax: '', postcode: '',
          memberCount: 0, subtreeMemberCount: 0, descendantCount: 0, sortOrder: 0, createdAt: now, updatedAt: now,
        });
        await em.insert(Organization, root);
        await em.update(Organization, { id: root.id }, { path: `/${root.id}/` });
        await audit.record(em, null, { action: 'organization.create', targetType: 'organization', targetId: root.id, detail: { root: true, via: 'cli' } });
      }
      const held = role === 'SYSTEM_ADMIN' || !orgCode ? null : await em.findOneOrFail(Organization, { where: { code: orgCode } });
      await appointAdministrator(em, audit, { username, passwordHash: hash, displayName: arg(args, 'display-name') ?? username, role, org: held, via: 'cli' });
      return held;
    }).catch((e: unknown) => {
      // Another appointment of the same name that committed meanwhile.
      if (isUniqueViolation(e, 'username')) throw new Error(`An account named "${username}" already exists: choose another --username (nothing was changed)`);
      throw e;
    });
    if (makeRoot) process.stdout.write(`Created the root organisation ${rootName} (${rootCode}).\n`);
    process.stdout.write(`Created ${role} "${username}"${org ? ` over ${org.name}` : ''}.\n`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : (e as Error).message) + '\n');
  process.exit(1);
});
