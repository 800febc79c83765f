import { BOOKING_PURPOSE_LABELS_ZH, type BookingPurpose } from '../bookings/booking';
import { ROLE_LABELS_ZH, type Role } from '../auth/roles';
import { chinaDateTime } from '../common/dates';
import { TRANSFER_CHANNEL_LABELS_ZH, TRANSFER_STATE_LABELS_ZH, type TransferChannel, type TransferState } from '../transfers/transfer';

/**
 * The words for what an audit record's detail holds, in Chinese: an auditor reads 原状态：待初审 where the record keeps
 * {"from":"SUBMITTED"}. Keys not named here are shown as they are recorded.
 */
export const AUDIT_DETAIL_KEYS_ZH = {
  from: '原状态',
  to: '新状态',
  // A visit's move records its times as from and to: named for what they are.
  fromTime: '原时间',
  toTime: '新时间',
  state: '状态',
  comment: '意见',
  reason: '原因',
  checklist: '初审核对',
  serial: '介绍信编号',
  reissueOf: '原介绍信编号',
  incomingLetterNo: '来信编号',
  missing: '需补正',
  branch: '编入党支部',
  member: '党员',
  memberId: '党员编号',
  center: '服务中心',
  start: '预约时间',
  purpose: '办理事项',
  name: '名称',
  title: '标题',
  before: '修改前',
  after: '修改后',
  fields: '修改内容',
  changes: '修改内容',
  idNumberChanged: '身份证号已修改',
  via: '方式',
  sessionId: '会话编号',
  endedSessions: '结束的会话数',
  rows: '行数',
  // An export whose client left part-way: its rows are those the export had written when it stopped (the client may
  // have received fewer).
  abandoned: '下载中途中断',
  // An export that failed part-way, with the rows it had written.
  failed: '导出中途出错',
  filter: '筛选条件',
  orgId: '党组织编号',
  userId: '账号编号',
  role: '角色',
  transferId: '转接编号',
  channel: '转接方式',
  dueOn: '截止日期',
  heldOn: '谈话日期',
  year: '年度',
  cancelledBookings: '取消的预约数',
  returning: '回流党员',
  destinationOrgId: '接收党组织编号',
  undone: '撤销的标记',
  score: '得分',
  passed: '是否通过',
  centerId: '服务中心编号',
  trackId: '学习清单编号',
  moduleId: '课程编号',
  startsOn: '开始日期',
  enrolled: '加入人数',
  kind: '类型',
  period: '年度',
  status: '状态筛选',
} satisfies Record<string, string>;

/**
 * What a language needs to put an audit record's detail into words: the fields' names, yes and no, the recorded codes
 * it has words for, and how lines and lists are punctuated.
 */
export interface AuditDetailWords {
  keys: Record<keyof typeof AUDIT_DETAIL_KEYS_ZH, string>;
  yes: string;
  no: string;
  /** A recorded code in words (a transfer's state or channel, a visit's purpose), or undefined to show it as recorded. */
  code(key: string, value: string): string | undefined;
  /** The pre-review checklist: how many of its items were confirmed. */
  checklist(confirmed: number, total: number): string;
  /** Between a field's name and its value (：, or ": "). */
  colon: string;
  /** Between the items of a list (；, or "; "). */
  listSeparator: string;
}

/** A language's words for the codes a detail records: a transfer's states and channel, a visit's purpose, a role. */
export interface AuditCodeLabels {
  state: Record<TransferState, string>;
  channel: Record<TransferChannel, string>;
  purpose: Record<BookingPurpose, string>;
  role: Record<Role, string>;
}

/** `AuditDetailWords.code` over a language's labels: which field holds which kind of code. */
export function codeWords(labels: AuditCodeLabels): AuditDetailWords['code'] {
  const kindOf: Record<string, keyof AuditCodeLabels> = { from: 'state', to: 'state', state: 'state', channel: 'channel', purpose: 'purpose', role: 'role' };
  return (key, value) => {
    const words: Record<string, string> | undefined = Object.hasOwn(kindOf, key) ? labels[kindOf[key]] : undefined;
    return words && Object.hasOwn(words, value) ? words[value] : undefined;
  };
}

export const AUDIT_DETAIL_WORDS_ZH: AuditDetailWords = {
  keys: AUDIT_DETAIL_KEYS_ZH,
  yes: '是',
  no: '否',
  code: codeWords({ state: TRANSFER_STATE_LABELS_ZH, channel: TRANSFER_CHANNEL_LABELS_ZH, purpose: BOOKING_PURPOSE_LABELS_ZH, role: ROLE_LABELS_ZH }),
  checklist: (confirmed, total) => `已确认 ${confirmed} 项，共 ${total} 项`,
  colon: '：',
  listSeparator: '；',
};

/** An instant as the API records it (UTC): shown in Beijing time, as the log's own times are. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const isInstant = (value: unknown): value is string => typeof value === 'string' && INSTANT.test(value);

function valueText(key: string, value: unknown, words: AuditDetailWords): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (isInstant(value)) return chinaDateTime(new Date(value));
  if (typeof value === 'string') return words.code(key, value) ?? value;
  if (key === 'checklist' && typeof value === 'object' && !Array.isArray(value)) {
    const items = Object.values(value as Record<string, unknown>);
    return words.checklist(items.filter((v) => v === true).length, items.length);
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(words.listSeparator);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * An audit record's detail as lines of 字段：值 (none for a record without one), for the audit screen and its export.
 * Keys without a name are shown as they are recorded.
 */
export function auditDetailLines(detail: unknown, words: AuditDetailWords): string[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== 'object' || Array.isArray(detail)) return [valueText('', detail, words)];
  const keys: Record<string, string> = words.keys;
  const name = (key: string, value: unknown) => ((key === 'from' || key === 'to') && isInstant(value) ? keys[`${key}Time`] : keys[key]) ?? key;
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => `${name(key, value)}${words.colon}${valueText(key, value, words)}`);
}

/** The detail in Chinese: what the Excel export and the Chinese screen show. */
export const auditDetailLinesZh = (detail: unknown): string[] => auditDetailLines(detail, AUDIT_DETAIL_WORDS_ZH);
