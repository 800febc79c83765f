import { BOOKING_PURPOSE_LABELS_ZH, type BookingPurpose } from '../bookings/booking';
import { ROLE_LABELS_ZH, type Role } from '../auth/roles';
import { chinaDateTime } from '../common/dates';
import { TRANSFER_CHANNEL_LABELS_ZH, TRANSFER_REASON_LABELS_ZH, TRANSFER_STATE_LABELS_ZH, type TransferChannel, type TransferReason, type TransferState } from '../transfers/transfer';

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
  username: '账号',
  mfaCleared: '已移除双因素认证',
  sessionId: '会话编号',
  endedSessions: '结束的会话数',
  rows: '行数',
  idRegistered: '身份证号已登记的行数',
  phoneTaken: '手机号码已被使用的行数',
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
  // The fields an edit records before and after (member.update, organization.update, transfer.update, center.update,
  // study.module.update, study.question.update), named as their forms name them.
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  phone: '联系电话',
  education: '学历',
  category: '党员类别',
  joinedAt: '入党日期',
  probationEndsAt: '预备期满日期',
  duesPaidThrough: '党费交至',
  post: '党内职务',
  isRetired: '离退休',
  isMobile: '流动党员',
  isGraduate: '高校毕业生',
  shortName: '简称',
  type: '组织类型',
  hasApprovalAuthority: '有审批预备党员权限',
  tags: '标签',
  contactPerson: '联系人',
  address: '地址',
  fax: '传真',
  postcode: '邮政编码',
  reasonDetail: '具体情况',
  destinationName: '接收党组织',
  destinationRegion: '接收党组织所在地区',
  destinationAddressee: '介绍信抬头',
  weeklyHours: '开放时间',
  slotMinutes: '每个时段长度（分钟）',
  capacity: '每个时段名额',
  horizonDays: '可提前预约天数',
  minNoticeMinutes: '最少提前预约（分钟）',
  cancelCutoffMinutes: '取消预约截止（开始前分钟）',
  acceptsProxy: '可代为预约',
  active: '启用',
  summary: '简介',
  need: '必修或选修',
  classHours: '学时',
  published: '已发布',
  body: '正文',
  // An article's body is recorded by its length, hash and opening words, not in full (see the catalogue service).
  chars: '字符数',
  sha256: 'SHA-256',
  excerpt: '开头',
  minReadSeconds: '最短阅读时间（秒）',
  videoUrl: '视频地址',
  durationSeconds: '视频时长（秒）',
  questionsPerAttempt: '每次抽题数',
  passPercent: '及格分',
  attemptsAllowed: '可答题次数',
  timeLimitSeconds: '答题时限（秒）',
  showAnswers: '交卷后显示答案和解析',
  stem: '题干',
  options: '选项',
  answer: '答案',
  explanation: '解析',
  working: '工作日',
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
  /** Between a changed field's value before and after. */
  arrow: string;
}

/** A language's words for the codes a detail records: a transfer's states, channel and reason, a visit's purpose, a role. */
export interface AuditCodeLabels {
  state: Record<TransferState, string>;
  channel: Record<TransferChannel, string>;
  reason: Record<TransferReason, string>;
  purpose: Record<BookingPurpose, string>;
  role: Record<Role, string>;
}

/** `AuditDetailWords.code` over a language's labels: which field holds which kind of code. */
export function codeWords(labels: AuditCodeLabels): AuditDetailWords['code'] {
  const kindOf: Record<string, keyof AuditCodeLabels> = { from: 'state', to: 'state', state: 'state', channel: 'channel', reason: 'reason', purpose: 'purpose', role: 'role' };
  return (key, value) => {
    const words: Record<string, string> | undefined = Object.hasOwn(kindOf, key) ? labels[kindOf[key]] : undefined;
    return words && Object.hasOwn(words, value) ? words[value] : undefined;
  };
}

export const AUDIT_DETAIL_WORDS_ZH: AuditDetailWords = {
  keys: AUDIT_DETAIL_KEYS_ZH,
  yes: '是',
  no: '否',
  code: codeWords({ state: TRANSFER_STATE_LABELS_ZH, channel: TRANSFER_CHANNEL_LABELS_ZH, reason: TRANSFER_REASON_LABELS_ZH, purpose: BOOKING_PURPOSE_LABELS_ZH, role: ROLE_LABELS_ZH }),
  checklist: (confirmed, total) => `已确认 ${confirmed} 项，共 ${total} 项`,
  colon: '：',
  listSeparator: '；',
  arrow: ' → ',
};

/** An instant as the API records it (UTC): shown in Beijing time, as the log's own times are. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const isInstant = (value: unknown): value is string => typeof value === 'string' && INSTANT.test(value);

/** The detail keys that hold a group of named fields. */
const FIELD_GROUPS = new Set(['before', 'after', 'changes', 'body']);

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A field's name in a language's words, or as recorded where it has none. */
const keyName = (key: string, words: AuditDetailWords): string => (words.keys as Record<string, string>)[key] ?? key;

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
  // A group of fields (a day's values before it was deleted, an article's digest): each named, as a line would be.
  // Other objects (an export's filter, a centre's weekly hours, a key without words) are shown as recorded.
  if (isRecord(value) && FIELD_GROUPS.has(key)) {
    return Object.entries(value)
      .map(([k, v]) => `${keyName(k, words)}${words.colon}${valueText(k, v, words)}`)
      .join(words.listSeparator);
  }
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * An edit's record holds `before` and `after`, each the changed fields' values: one line per field, 字段：旧值 → 新值,
 * so a field reads as one change rather than two halves to match up. A field missing on one side shows —.
 */
function changeLines(before: Record<string, unknown>, after: Record<string, unknown>, words: AuditDetailWords): string[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.map((k) => `${keyName(k, words)}${words.colon}${valueText(k, before[k], words)}${words.arrow}${valueText(k, after[k], words)}`);
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
  const { before, after, ...rest } = detail as Record<string, unknown>;
  const edit = isRecord(before) && isRecord(after);
  const lines = Object.entries(edit ? rest : (detail as Record<string, unknown>)).map(([key, value]) => `${name(key, value)}${words.colon}${valueText(key, value, words)}`);
  return edit ? [...lines, ...changeLines(before, after, words)] : lines;
}

/** The detail in Chinese: what the Excel export and the Chinese screen show. */
export const auditDetailLinesZh = (detail: unknown): string[] => auditDetailLines(detail, AUDIT_DETAIL_WORDS_ZH);
