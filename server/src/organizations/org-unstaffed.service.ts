import { Injectable } from '@nestjs/common';
import { chinaDate, ORG_LEVEL_LABELS_EN, ORG_LEVEL_LABELS_ZH, ORG_LEVELS, pathIds, Permission, rolesForHolder, type HolderKind, type OrgLevel, type UnstaffedOrganization, type UnstaffedOrganizations } from '@zhdj/shared';
import { stream } from 'exceljs';
import type { Writable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { inSubtree, type SqlPart } from '../common/database/subtree-sql';
import { nextPage } from '../common/download';
import { headedIn, type ExportLanguage, type Worded, type WordedColumn } from '../common/language';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { servedPathOf, SERVED_KINDS, STAFFED_SQL, type Staffing } from '../transfers/transfer-serving';
import type { UnstaffedOrganizationsFilter, UnstaffedOrganizationsQuery } from './dto/organization.dto';
import type { Organization } from './entities/organization.entity';
import { OrganizationsService, toOrgRef } from './organizations.service';

interface UnstaffedRow {
  id: number;
  name: string;
  short_name: string;
  level: OrgLevel;
  path: string;
  member_count: unknown;
  parent_name: string | null;
}

/** The tier of transfer steps an organisation of this level holds: whose roles may serve them (rolesForHolder). */
const holderKindOf = (level: OrgLevel): HolderKind => (level === 'COUNTY_COMMITTEE' ? 'COUNTY' : level === 'COMMITTEE' ? 'COMMITTEE' : 'BRANCH');

/**
 * "Organisation `o` has an enabled administrator who may serve its steps", per level in one condition: the same rule
 * as the serving of steps (servedPathOf), so that the list names exactly the organisations whose steps go above.
 */
const STAFFED_HERE = `EXISTS (SELECT 1 FROM role_assignments ra JOIN users u ON u.id = ra.user_id WHERE ra.org_id = o.id AND u.disabled = ? AND (${ORG_LEVELS.map(
  (level) => `(o.level = '${level}' AND ra.role IN (${rolesForHolder(holderKindOf(level)).map((r) => `'${r}'`).join(', ')}))`,
).join(' OR ')}))`;

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** How many rows the export reads at a time: a county's 1,800 organisations in two reads, memory bounded at any scale. */
const EXPORT_BATCH = 1000;

/** The export's columns, headed in its language. */
const COLUMNS: WordedColumn[] = [
  { key: 'name', width: 40, header: { 'zh-CN': '党组织名称', en: 'Organisation' } },
  { key: 'shortName', width: 24, header: { 'zh-CN': '简称', en: 'Short name' } },
  { key: 'level', width: 10, header: { 'zh-CN': '层级', en: 'Level' } },
  { key: 'parent', width: 24, header: { 'zh-CN': '上级党组织', en: 'Parent organisation' } },
  { key: 'members', width: 10, header: { 'zh-CN': '党员人数', en: 'Members' } },
  { key: 'waiting', width: 10, header: { 'zh-CN': '待办事项', en: 'Steps waiting' } },
  { key: 'servedBy', width: 24, header: { 'zh-CN': '代办党组织', en: 'Worked by' } },
];

/** The export's name (a sheet's name has at most 31 characters), its levels' words and "nobody". */
const WORDS: Worded<{ title: string; sheet: string; level: Record<OrgLevel, string>; nobody: string }> = {
  'zh-CN': { title: '未配备管理员的组织', sheet: '未配备管理员的组织', level: ORG_LEVEL_LABELS_ZH, nobody: '无' },
  en: { title: 'Organisations without an administrator', sheet: 'Without an administrator', level: ORG_LEVEL_LABELS_EN, nobody: 'None' },
};

/**
 * The organisations of a subtree with no enabled administrator, whose transfer steps the nearest administered
 * organisation above works instead: what a committee or the county must staff. Listed in tree order (keyset on the
 * unique path), each with its open steps and who works them; exported whole as a spreadsheet. For those who appoint.
 */
@Injectable()
export class OrgUnstaffedService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor, orgId: number, query: UnstaffedOrganizationsQuery): Promise<UnstaffedOrganizations> {
    const org = await this.orgs.findInScope(actor, orgId, Permission.ADMIN_APPOINT);
    const limit = query.limit ?? 20;
    const after = decodeCursor<[string]>(query.cursor, ['string'])?.[0] ?? null;
    const filter = this.where(org, query);
    const [page, total] = await Promise.all([this.page(filter, after, limit), this.count(filter)]);
    return { items: page.items, nextCursor: page.lastPath ? encodeCursor([page.lastPath]) : null, total };
  }

  /**
   * The whole list under the same filter as .xlsx, streamed a batch at a time. The scope is checked and the rows
   * counted before anything is sent (a refusal is a plain 404, not a broken download), and the export is audited before
   * its first byte leaves, as every export is. Headed and worded in the caller's language.
   */
  async prepareExport(actor: Actor, orgId: number, query: UnstaffedOrganizationsFilter, lang: ExportLanguage = 'zh-CN'): Promise<{ filename: string; write: (out: Writable) => Promise<void> }> {
    const org = await this.orgs.findInScope(actor, orgId, Permission.ADMIN_APPOINT);
    const filter = this.where(org, query);
    const total = await this.count(filter);
    return {
      filename: `${WORDS[lang].title}-${org.shortName}-${chinaDate()}.xlsx`,
      write: async (out) => {
        await this.db.tx((em) =>
          this.audit.record(em, actor, {
            action: 'organization.exportUnstaffed',
            targetType: 'organization',
            targetId: org.id,
            permission: Permission.ADMIN_APPOINT,
            path: org.path,
            detail: { rows: total, filter: { level: query.level ?? null, waiting: query.waiting ?? false } },
          }),
        );
        const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
        const words = WORDS[lang];
        const sheet = wb.addWorksheet(words.sheet);
        sheet.columns = headedIn(lang, COLUMNS);
        let after: string | null = null;
        do {
          await nextPage(out);
          const page = await this.page(filter, after, EXPORT_BATCH);
          for (const u of page.items) {
            sheet
              .addRow({
                name: u.org.name,
                shortName: u.org.shortName,
                level: words.level[u.org.level],
                parent: u.parentName ?? '',
                members: u.memberCount,
                waiting: u.waitingSteps,
                servedBy: u.servedBy?.shortName ?? words.nobody,
              })
              .commit();
          }
          after = page.lastPath;
        } while (after);
        sheet.commit();
        await wb.commit();
      },
    };
  }

  /** The subtree's unstaffed organisations under the filter, as one condition over `o` (organizations). */
  private where(org: Organization, query: UnstaffedOrganizationsFilter): SqlPart {
    const subtree = inSubtree('o.path', org.path);
    const sql = [subtree.sql, `NOT ${STAFFED_HERE}`];
    const params: unknown[] = [...subtree.params, false];
    if (query.level) {
      sql.push('o.level = ?');
      params.push(query.level);
    }
    if (query.waiting) {
      sql.push(`EXISTS (SELECT 1 FROM transfers t WHERE t.holder_kind IN (${inList(SERVED_KINDS.length)}) AND t.holder_org_path = o.path)`);
      params.push(...SERVED_KINDS);
    }
    return { sql: sql.join(' AND '), params };
  }

  private async count(filter: SqlPart): Promise<number> {
    const [{ n }] = await this.db.em.query<{ n: unknown }[]>(`SELECT COUNT(*) AS n FROM organizations o WHERE ${filter.sql}`, filter.params);
    return Number(n);
  }

  /** One keyset page after `after` (a path), with the path to continue from, or null at the end. */
  private async page(filter: SqlPart, after: string | null, limit: number): Promise<{ items: UnstaffedOrganization[]; lastPath: string | null }> {
    const rows = await this.db.em.query<UnstaffedRow[]>(
      `SELECT o.id, o.name, o.short_name, o.level, o.path, o.subtree_member_count AS member_count, p.short_name AS parent_name
        FROM organizations o LEFT JOIN organizations p ON p.id = o.parent_id
        WHERE ${filter.sql}${after ? ' AND o.path > ?' : ''} ORDER BY o.path LIMIT ?`,
      [...filter.params, ...(after ? [after] : []), limit + 1],
    );
    const page = rows.slice(0, limit);
    if (!page.length) return { items: [], lastPath: null };

    // Who serves each one: the serving rule's own staffing read (STAFFED_SQL), of the page's ancestors only — a few
    // dozen organisations, however large the county.
    const ancestorIds = [...new Set(page.flatMap((r) => pathIds(r.path).slice(0, -1)))];
    const paths = page.map((r) => r.path);
    const [staffing, waiting] = await Promise.all([
      ancestorIds.length ? this.db.em.query<Staffing>(`${STAFFED_SQL} AND ra.org_id IN (${inList(ancestorIds.length)})`, [false, ...ancestorIds]) : Promise.resolve([] as Staffing),
      this.db.em.query<{ path: string; n: unknown }[]>(
        `SELECT holder_org_path AS path, COUNT(*) AS n FROM transfers
          WHERE holder_kind IN (${inList(SERVED_KINDS.length)}) AND holder_org_path IN (${inList(paths.length)}) GROUP BY holder_org_path`,
        [...SERVED_KINDS, ...paths],
      ),
    ]);
    const waitingAt = new Map(waiting.map((w) => [w.path, Number(w.n)]));
    const servedPaths = new Map(page.map((r) => [r.id, servedPathOf(holderKindOf(r.level), r.path, staffing)]));
    const refs = await this.orgs.refs([...servedPaths.values()].flatMap((p) => (p ? [pathIds(p).at(-1)!] : [])));
    return {
      items: page.map((r) => {
        const served = servedPaths.get(r.id);
        return {
          org: toOrgRef({ id: Number(r.id), name: r.name, shortName: r.short_name, level: r.level }),
          parentName: r.parent_name,
          memberCount: Number(r.member_count),
          waitingSteps: waitingAt.get(r.path) ?? 0,
          servedBy: served ? (refs.get(pathIds(served).at(-1)!) ?? null) : null,
        };
      }),
      lastPath: rows.length > limit ? page.at(-1)!.path : null,
    };
  }
}
