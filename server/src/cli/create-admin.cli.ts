import { NestFactory } from '@nestjs/core';
import { ROLES, type Role } from '@zhdj/shared';
import { createInterface } from 'node:readline/promises';
import { AppModule } from '../app.module';
import { AuditService } from '../audit/audit.service';
import { appointAdministrator } from '../auth/appoint-administrator';
import { PasswordPolicyService } from '../auth/password-policy.service';
import { PasswordService } from '../auth/password.service';
import { appLogger } from '../common/app-logger';
import { Db } from '../common/database/db.service';
import { loadConfig } from '../config/app.config';
import { ConfigError } from '../config/config-error';
import { migrate } from '../database/prepare';
import { Organization } from '../organizations/entities/organization.entity';

const USAGE = `Creates an administrator account (there is no default password outside the demo).

  npm run admin:create -- --username <name> --role <COUNTY_ADMIN|COMMITTEE_ADMIN|BRANCH_ADMIN|SYSTEM_ADMIN>
                          [--org-code <code>] [--display-name <name>]
                          [--root-name <full name> --root-code <code>]

  --org-code     the organisation the role is held over (not for SYSTEM_ADMIN)
  --root-name/--root-code   on an empty database, first create the county committee (the root of the tree)
  The password is read from the ADMIN_PASSWORD environment variable, or asked for on the terminal; it must meet the
  active SECURITY_PROFILE (GET /api/auth/password-policy).`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  try {
    return (await rl.question('Password: ')).trim();
  } finally {
    rl.close();
  }
}

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
    const rootName = arg(args, 'root-name');
    const rootCode = arg(args, 'root-code');
    if (rootName && rootCode && (await db.em.count(Organization)) === 0) {
      await db.tx(async (em) => {
        const now = new Date();
        const root = em.create(Organization, {
          parentId: null, path: 'pending', depth: 0, level: 'COUNTY_COMMITTEE', type: 'ORGAN', name: rootName, shortName: rootName.slice(0, 50),
          code: rootCode, hasApprovalAuthority: true, tags: '', contactPerson: '', address: '', phone: '', fax: '', postcode: '',
          memberCount: 0, subtreeMemberCount: 0, descendantCount: 0, sortOrder: 0, createdAt: now, updatedAt: now,
        });
        await em.insert(Organization, root);
        await em.update(Organization, { id: root.id }, { path: `/${root.id}/` });
        await app.get(AuditService).record(em, null, { action: 'organization.create', targetType: 'organization', targetId: root.id, detail: { root: true, via: 'cli' } });
      });
      process.stdout.write(`Created the root organisation ${rootName} (${rootCode}).\n`);
    }
    const orgCode = arg(args, 'org-code');
    const org = orgCode ? await db.em.findOne(Organization, { where: { code: orgCode } }) : null;
    if (role !== 'SYSTEM_ADMIN' && !org) throw new Error(`--org-code is required for ${role} and must name an existing organisation`);
    const password = await readPassword();
    const weaknesses = app.get(PasswordPolicyService).weaknesses(password, username);
    if (weaknesses.length) throw new Error(`The password is too weak for the ${config.auth.securityProfile} profile: ${weaknesses.join(', ')}`);
    const hash = await app.get(PasswordService).hash(password);
    await db.tx((em) =>
      appointAdministrator(em, app.get(AuditService), { username, passwordHash: hash, displayName: arg(args, 'display-name') ?? username, role, org: role === 'SYSTEM_ADMIN' ? null : org, via: 'cli' }),
    );
    process.stdout.write(`Created ${role} "${username}"${org ? ` over ${org.name}` : ''}.\n`);
  } finally {
    await app.close();
  }
}

main().catch((e) => {
  process.stderr.write((e instanceof ConfigError ? e.message : (e as Error).message) + '\n');
  process.exit(1);
});
