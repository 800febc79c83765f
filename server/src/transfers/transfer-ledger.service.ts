import { Injectable } from '@nestjs/common';
import {
  Permission,
  TRANSFER_CHANNEL_LABELS_EN,
  TRANSFER_CHANNEL_LABELS_ZH,
  TRANSFER_REASON_LABELS_EN,
  TRANSFER_REASON_LABELS_ZH,
  TRANSFER_STATE_LABELS_EN,
  TRANSFER_STATE_LABELS_ZH,
  chinaDate,
  type TransferChannel,
  type TransferReason,
  type TransferState,
} from '@zhdj/shared';
import { stream } from 'exceljs';
import type { Writable } from 'node:stream';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../common/actor';
import { Db } from '../common/database/db.service';
import { nextPage } from '../common/download';
import { headedIn, type ExportLanguage, type Worded, type WordedColumn } from '../common/language';
import { keysetSql } from '../common/pagination/cursor';
import { Letter } from '../letters/entities/letter.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import type { TransferFilterQuery } from './dto/transfer.dto';
import { Transfer } from './entities/transfer.entity';
import { TransferQueuesService } from './transfer-queues.service';
import { LINE_NAMES, SUMMARY_FIELDS, type NamedLine } from './transfer-view';

const PAGE = 500;
const FIELDS = [...SUMMARY_FIELDS, 'reasonDetail', 'incomingLetterNo', 'completedAt'] as const;
type LedgerLine = NamedLine & Pick<Transfer, 'reasonDetail' | 'incomingLetterNo' | 'completedAt'>;

/** The columns of the ledger (组织关系转接台账), in order, headed in the export's language. */
const COLUMNS: WordedColumn[] = [
  { key: 'no', width: 7, header: { 'zh-CN': '序号', en: 'No.' } },
  { key: 'name', width: 10, header: { 'zh-CN': '姓名', en: 'Name' } },
  { key: 'channel', width: 12, header: { 'zh-CN': '转接类型', en: 'Kind' } },
  { key: 'source', width: 32, header: { 'zh-CN': '转出党组织', en: 'From' } },
  { key: 'destination', width: 36, header: { 'zh-CN': '转入党组织（去向）', en: 'To' } },
  { key: 'reason', width: 20, header: { 'zh-CN': '转接原因', en: 'Reason' } },
  { key: 'state', width: 13, header: { 'zh-CN': '状态', en: 'State' } },
  { key: 'holder', width: 26, header: { 'zh-CN': '当前办理', en: 'With' } },
  { key: 'dueDate', width: 12, header: { 'zh-CN': '办理期限', en: 'Due' } },
  { key: 'overdue', width: 9, header: { 'zh-CN': '是否超期', en: 'Overdue' } },
  { key: 'submitted', width: 12, header: { 'zh-CN': '提交日期', en: 'Submitted' } },
  { key: 'letterSerial', width: 20, header: { 'zh-CN': '介绍信编号', en: 'Letter no.' } },
  { key: 'letterIssued', width: 12, header: { 'zh-CN': '开具日期', en: 'Letter issued' } },
  { key: 'letterValidUntil', width: 12, header: { 'zh-CN': '有效期至', en: 'Letter valid until' } },
  { key: 'completed', width: 12, header: { 'zh-CN': '办结日期', en: 'Completed' } },
  { key: 'talk', width: 20, header: { 'zh-CN': '报到后谈话', en: 'Talk after reporting' } },
];

/** The ledger's other words: its name, the codes' labels, and the phrases of its cells. */
const WORDS: Worded<{
  title: string;
  sheet: string;
  channel: Record<TransferChannel, string>;
  reason: Record<TransferReason, string>;
  state: Record<TransferState, string>;
  member: string;
  yes: string;
  no: string;
  colon: string;
  talkDue: (due: string, late: boolean) => string;
}> = {
  'zh-CN': {
    title: '组织关系转接台账',
    sheet: '转接台账',
    channel: TRANSFER_CHANNEL_LABELS_ZH,
    reason: TRANSFER_REASON_LABELS_ZH,
    state: TRANSFER_STATE_LABELS_ZH,
    member: '本人',
    yes: '是',
    no: '否',
    colon: '：',
    talkDue: (due, late) => `待谈话（${due}前${late ? '，已超期' : ''}）`,
  },
  en: {
    title: 'Transfer ledger',
    sheet: 'Transfers',
    channel: TRANSFER_CHANNEL_LABELS_EN,
    reason: TRANSFER_REASON_LABELS_EN,
    state: TRANSFER_STATE_LABELS_EN,
    member: 'The member',
    yes: 'yes',
    no: 'no',
    colon: ': ',
    talkDue: (due, late) => `Due by ${due}${late ? ', overdue' : ''}`,
  },
};

const day = (at: Date | null | undefined) => (at ? chinaDate(at) : '');

/**
 * The transfer ledger (组织关系转接台账) as .xlsx: every application in the administrator's scope, whatever its
 * state, filtered as the list is, numbered in the order they were submitted — the book an organisation department
 * keeps and an inspection asks for. Streamed a page at a time, so the county's whole history is never held in memory;
 * each transfer's latest letter (a re-issue replaces a lost one) gives its serial and dates. No ID numbers, no phones.
 * Headed and worded in the caller's language (names and organisations as recorded).
 */
@Injectable()
export class TransferLedgerService {
  constructor(
    private readonly db: Db,
    private readonly queues: TransferQueuesService,
    private readonly orgs: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async prepare(actor: Actor, q: TransferFilterQuery, lang: ExportLanguage = 'zh-CN'): Promise<{ filename: string; write: (out: Writable) => Promise<void> }> {
    // Refusals (a bad range, an organisation out of scope) come before the response starts, as a plain 4xx.
    const ledger = await this.queues.ledgerSql(actor, q);
    const named = ledger.org;
    // The file says whose ledger it is: the organisation filtered on, else the administrator's own.
    const [own] = actor.assignments.filter((a) => a.orgId !== null && actor.scopes(Permission.TRANSFER_READ).includes(a.orgPath));
    const scopeName = named?.shortName ?? (own ? ((await this.orgs.refs([own.orgId!])).get(own.orgId!)?.shortName ?? '') : '');
    return {
      filename: `${WORDS[lang].title}${scopeName ? `-${scopeName}` : ''}-${chinaDate()}.xlsx`,
      write: async (out) => {
        // Recorded before the first byte leaves, as the member export does: the file is the disclosure.
        const [{ n }] = await this.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM transfers t WHERE ${ledger.sql}`, ledger.params);
        await this.db.tx((em) =>
          this.audit.record(em, actor, {
            action: 'transfer.export',
            targetType: named ? 'organization' : 'transfer',
            targetId: named?.id ?? null,
            permission: Permission.TRANSFER_READ,
            path: named?.path,
            detail: { rows: Number(n), filter: { q: q.q, state: q.state, channel: q.channel, orgId: q.orgId, overdue: q.overdue, dueToday: q.dueToday, talk: q.talk, submittedFrom: q.submittedFrom, submittedTo: q.submittedTo } },
          }),
        );
        const wb = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
        // The header stays in view while a long ledger scrolls.
        const sheet = wb.addWorksheet(WORDS[lang].sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
        sheet.columns = headedIn(lang, COLUMNS);
        sheet.getRow(1).font = { bold: true };
        // In the order of submission (idx_transfers_submitted), a page at a time after the last row written.
        let after: [Date, number] | null = null;
        let no = 0;
        const now = Date.now();
        for (;;) {
          await nextPage(out);
          const where = after ? `${ledger.sql} AND ${keysetSql('t.submitted_at', 't.id')}` : ledger.sql;
          const rows = (await this.db.pick(Transfer, FIELDS, where, after ? [...ledger.params, after[0], after[0], after[1]] : ledger.params, {
            tail: `ORDER BY t.submitted_at ASC, t.id ASC LIMIT ${PAGE}`,
            alias: 't',
            joined: LINE_NAMES,
          })) as LedgerLine[];
          const letters = await this.latestLetters(rows.map((r) => r.id));
          for (const r of rows) sheet.addRow(this.row(++no, r, letters.get(r.id), now, WORDS[lang])).commit();
          if (rows.length < PAGE) break;
          const last = rows[rows.length - 1];
          after = [last.submittedAt!, last.id];
        }
        sheet.commit();
        await wb.commit();
      },
    };
  }

  /** Each transfer's latest letter (by id: a re-issue is newer than the letter it replaces). */
  private async latestLetters(ids: number[]): Promise<Map<number, Pick<Letter, 'serial' | 'issuedAt' | 'validUntil'>>> {
    if (!ids.length) return new Map();
    const letters = await this.db.pick(Letter, ['id', 'transferId', 'serial', 'issuedAt', 'validUntil'], `transfer_id IN (${ids.map(() => '?').join(',')})`, ids, { tail: 'ORDER BY id ASC' });
    return new Map(letters.map((l) => [Number(l.transferId), l]));
  }

  private row(no: number, t: LedgerLine, letter: Pick<Letter, 'serial' | 'issuedAt' | 'validUntil'> | undefined, now: number, words: (typeof WORDS)[ExportLanguage]): Record<string, string | number> {
    const incoming = t.incomingMember ? (JSON.parse(t.incomingMember) as { name: string; sourceOrgName?: string; sourceRegion?: string | null }) : null;
    const outside = [t.destinationRegion, t.destinationName].filter(Boolean).join(' ');
    const holder = t.holderKind === 'MEMBER' ? words.member : t.holderKind === 'NONE' ? '' : (t.holderName ?? '');
    const due = t.holderKind === 'NONE' ? null : t.dueAt;
    const today = chinaDate(new Date(now));
    return {
      no,
      name: t.memberName ?? incoming?.name ?? '',
      channel: words.channel[t.channel],
      source: t.sourceName ?? [incoming?.sourceRegion, incoming?.sourceOrgName].filter(Boolean).join(' '),
      destination: t.destinationOrgName ?? outside,
      reason: [t.reason ? words.reason[t.reason] : '', t.reasonDetail].filter(Boolean).join(words.colon),
      state: words.state[t.state],
      holder,
      dueDate: day(due),
      overdue: due && due.getTime() < now ? words.yes : words.no,
      submitted: day(t.submittedAt),
      letterSerial: letter?.serial ?? t.incomingLetterNo ?? '',
      letterIssued: day(letter?.issuedAt),
      letterValidUntil: day(letter?.validUntil),
      completed: day(t.completedAt),
      // The receiving branch's talk: the day it was held, or by when it is due (and whether that has passed).
      talk: t.talkHeldOn ?? (t.talkDueOn ? words.talkDue(t.talkDueOn, t.talkDueOn < today) : ''),
    };
  }
}
