import { BOOKING_PURPOSE_LABELS_ZH, type BookingPurpose } from '../bookings/booking';
import { TRANSFER_CHANNEL_LABELS_ZH, TRANSFER_STATE_LABELS_ZH, type TransferChannel, type TransferState } from '../transfers/transfer';

/**
 * The words for what an audit record's detail holds, in Chinese: an auditor reads 原状态：待初审 where the record keeps
 * {"from":"SUBMITTED"}. Keys not named here are shown as they are recorded.
 */
export const AUDIT_DETAIL_KEYS_ZH: Record<string, string> = {
  from: '原状态',
  to: '新状态',
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
  filter: '筛选条件',
  orgId: '党组织编号',
  userId: '账号编号',
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
};

const ZH_BOOLEAN = { true: '是', false: '否' };

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return ZH_BOOLEAN[`${value}`];
  if ((key === 'from' || key === 'to' || key === 'state') && typeof value === 'string' && value in TRANSFER_STATE_LABELS_ZH) return TRANSFER_STATE_LABELS_ZH[value as TransferState];
  if (key === 'channel' && typeof value === 'string' && value in TRANSFER_CHANNEL_LABELS_ZH) return TRANSFER_CHANNEL_LABELS_ZH[value as TransferChannel];
  if (key === 'purpose' && typeof value === 'string' && value in BOOKING_PURPOSE_LABELS_ZH) return BOOKING_PURPOSE_LABELS_ZH[value as BookingPurpose];
  // The pre-review checklist: how many of its items were confirmed.
  if (key === 'checklist' && typeof value === 'object' && !Array.isArray(value)) {
    const items = Object.values(value as Record<string, unknown>);
    return `已确认 ${items.filter((v) => v === true).length} 项，共 ${items.length} 项`;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('；');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** An audit record's detail as lines of 字段：值 (none for a record without one), for the audit screen and its export. */
export function auditDetailLinesZh(detail: unknown): string[] {
  if (detail === null || detail === undefined) return [];
  if (typeof detail !== 'object' || Array.isArray(detail)) return [valueText('', detail)];
  return Object.entries(detail as Record<string, unknown>).map(([key, value]) => `${AUDIT_DETAIL_KEYS_ZH[key] ?? key}：${valueText(key, value)}`);
}
