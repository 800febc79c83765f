import { Injectable } from '@nestjs/common';
import {
  auditActionLabelEn,
  auditActionLabelZh,
  auditDetailLinesEn,
  auditDetailLinesZh,
  auditTargetTypeLabelEn,
  auditTargetTypeLabelZh,
  chinaDateTime,
  Permission,
  ROLE_LABELS_EN,
  ROLE_LABELS_ZH,
  type AuditRecord,
  type Page,
  type Role,
} from '@zhdj/shared';
import { stream } from 'exceljs';
import type { Writable } from 'node:stream';
import type { Actor } from '../common/actor';
import { Db, toDate } from '../common/database/db.service';
import { nextPage, rowsThenRecord } from '../common/download';
import { headedIn, type ExportLanguage, type Worded, type WordedColumn } from '../common/language';
import { decodeCursor, encodeCursor } from '../common/pagination/cursor';
import { AuditService } from './audit.service';
import type { AuditQuery } from './dto/audit.dto';

interface Row {
  id: number;
  at: unknown;
  actor_user_id: number | null;
  username: string | null;
  actor_role: string | null;
  actor_org_id: number | null;
  org_name: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_username: string | null;
  ip: string;
  detail: string | null;
  seq: number | null;
}

/** The export's columns, headed in its language. */
const COLUMNS: WordedColumn[] = [
  { key: 'id', width: 10, header: { 'zh-CN': '编号', en: 'No.' } },
  { key: 'at', width: 20, header: { 'zh-CN': '时间（北京时间）', en: 'Time (Beijing)' } },
  { key: 'username', width: 18, header: { 'zh-CN': '用户', en: 'User' } },
  { key: 'role', width: 14, header: { 'zh-CN': '角色', en: 'Role' } },
  { key: 'orgName', width: 30, header: { 'zh-CN': '组织', en: 'Organisation' } },
  { key: 'orgId', width: 10, header: { 'zh-CN': '组织ID', en: 'Organisation ID' } },
  { key: 'action', width: 24, header: { 'zh-CN': '操作', en: 'Action' } },
  { key: 'actionCode', width: 24, header: { 'zh-CN': '操作代码', en: 'Action code' } },
  { key: 'targetType', width: 14, header: { 'zh-CN': '对象类型', en: 'Object type' } },
  { key: 'targetId', width: 12, header: { 'zh-CN': '对象ID', en: 'Object ID' } },
  { key: 'ip', width: 18, header: { 'zh-CN': 'IP', en: 'IP' } },
  { key: 'detail', width: 60, header: { 'zh-CN': '详情', en: 'Detail' } },
  { key: 'detailJson', width: 60, header: { 'zh-CN': '详情（原始记录）', en: 'Detail (as recorded)' } },
];

/** The export's words: the screen's, in the same language (shared's labels). */
const WORDS: Worded<{
  sheet: string;
  role: Record<Role, string>;
  action: (action: string) => string;
  targetType: (type: string) => string;
  detail: (detail: unknown) => string[];
  system: string;
  anonymous: string;
  signingIn: (username: string) => string;
}> = {
  'zh-CN': {
    sheet: '审计日志',
    role: ROLE_LABELS_ZH,
    action: auditActionLabelZh,
    targetType: auditTargetTypeLabelZh,
    detail: auditDetailLinesZh,
    system: '系统',
    anonymous: '未登录',
    signingIn: (username) => `${username}（登录时）`,
  },
  en: {
    sheet: 'Audit log',
    role: ROLE_LABELS_EN,
    action: auditActionLabelEn,
    targetType: auditTargetTypeLabelEn,
    detail: auditDetailLinesEn,
    system: 'System',
    anonymous: 'Not logged in',
    signingIn: (username) => `${username} (signing in)`,
  },
};

/** Searching and exporting the audit log (county and system administrators); newest first, keyset-paginated. */
@Injectable()
export class AuditQueryService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
  ) {}

  private where(q: AuditQuery): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      parts.push(sql);
      params.push(value);
    };
    if (q.from) add('a.at >= ?', new Date(q.from));
    if (q.to) add('a.at < ?', new Date(q.to));
    if (q.action) {
      if (q.action.endsWith('.')) add('a.action LIKE ?', q.action + '%');
      else add('a.action = ?', q.action);
    }
    if (q.actorUserId) add('a.actor_user_id = ?', q.actorUserId);
    // What the account did, and what was done to it: a login is recorded before anyone is logged in, with the
    // account as its target. Both sides compare an indexed column with the account's id (not the joined username), so
    // the search reads the account's records through the actor and target indexes instead of the whole log.
    if (q.username) {
      parts.push(`(a.actor_user_id = (SELECT id FROM users WHERE username = ?) OR (a.target_type = 'user' AND a.target_id = (SELECT CAST(id AS CHAR) FROM users WHERE username = ?)))`);
      params.push(q.username, q.username);
    }
    if (q.targetType) add('a.target_type = ?', q.targetType);
    if (q.targetId) add('a.target_id = ?', q.targetId);
    return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
  }

  private async rows(q: AuditQuery, beforeId: number | null, limit: number): Promise<Row[]> {
    const w = this.where(q);
    return this.db.query<Row>(
      `SELECT a.id, a.at, a.actor_user_id, u.username, a.actor_role, a.actor_org_id, o.short_name AS org_name, a.action, a.target_type, a.target_id, tu.username AS target_username, a.ip, a.detail, a.seq
         FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id LEFT JOIN organizations o ON o.id = a.actor_org_id
         LEFT JOIN users tu ON a.target_type = 'user' AND tu.id = a.target_id
        WHERE ${w.sql}${beforeId ? ' AND a.id < ?' : ''} ORDER BY a.id DESC LIMIT ${limit}`,
      beforeId ? [...w.params, beforeId] : w.params,
    );
  }

  async search(q: AuditQuery): Promise<Page<AuditRecord>> {
    const limit = q.limit ?? 50;
    const before = decodeCursor<[number]>(q.cursor, ['number']);
    const rows = await this.rows(q, before?.[0] ?? null, limit + 1);
    const items = rows.slice(0, limit).map(view);
    return { items, nextCursor: rows.length > limit ? encodeCursor([items[items.length - 1].id]) : null };
  }

  /** Streams the matching records as .xlsx, headed and worded in the caller's language; the export itself is audited. */
  async export(actor: Actor, q: AuditQuery, out: Writable, lang: ExportLanguage = 'zh-CN'): Promise<void> {
    const words = WORDS[lang];
    const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = wb.addWorksheet(words.sheet);
    sheet.columns = headedIn(lang, COLUMNS);
    // Recorded before the workbook's last bytes go out: a client holding a complete export can always find its record
    // (recorded after, it raced the client's next request, and a failure there left an export unaudited).
    await rowsThenRecord(
      async (tally) => {
        let before: number | null = null;
        for (;;) {
          await nextPage(out);
          const rows = await this.rows(q, before, 1000);
          for (const r of rows.map(view)) {
            sheet
              .addRow({
                id: r.id,
                at: chinaDateTime(new Date(r.at), true),
                username: actorName(r, words),
                role: r.actor.role ? (words.role[r.actor.role as Role] ?? r.actor.role) : '',
                orgName: r.actor.orgName ?? '',
                orgId: r.actor.orgId ?? '',
                // The screen's words (党支部初审通过), and the code beside them, which the log's search and API take.
                action: words.action(r.action),
                actionCode: r.action,
                targetType: words.targetType(r.target.type),
                targetId: r.target.id ?? '',
                ip: r.ip,
                // In words for the auditor (原状态：待初审), and as recorded beside it for anyone checking it by machine.
                detail: words.detail(r.detail).join('\n'),
                detailJson: r.detail ? JSON.stringify(r.detail) : '',
              })
              .commit();
          }
          tally.rows += rows.length;
          if (rows.length < 1000) break;
          before = Number(rows[rows.length - 1].id);
        }
        sheet.commit();
      },
      (detail) => this.db.tx((em) => this.audit.record(em, actor, { action: 'audit.export', targetType: 'audit', permission: Permission.AUDIT_READ, detail: { ...detail, filter: q } })),
    );
    await wb.commit();
  }
}

/**
 * Who acted, as the audit screen says it: the account; with none, the platform's own jobs (no address), or a request
 * before any log-in — a login's own record names the account being signed in to.
 */
function actorName(r: AuditRecord, words: (typeof WORDS)[ExportLanguage]): string {
  if (r.actor.username) return r.actor.username;
  if (!r.ip) return words.system;
  return r.target.type === 'user' && r.target.username ? words.signingIn(r.target.username) : words.anonymous;
}

function view(r: Row): AuditRecord {
  let detail: unknown;
  try {
    detail = r.detail ? JSON.parse(r.detail) : null;
  } catch {
    detail = r.detail;
  }
  return {
    id: Number(r.id),
    at: toDate(r.at)!.toISOString(),
    actor: { userId: r.actor_user_id === null ? null : Number(r.actor_user_id), username: r.username, role: r.actor_role, orgId: r.actor_org_id === null ? null : Number(r.actor_org_id), orgName: r.org_name },
    action: r.action,
    target: { type: r.target_type, id: r.target_id, username: r.target_username },
    ip: r.ip,
    detail,
    sealed: r.seq !== null,
  };
}
