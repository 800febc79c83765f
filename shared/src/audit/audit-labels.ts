import { TRANSFER_ACTIONS, TRANSFER_EVENT_LABELS_ZH, type TransferEvent } from '../transfers/transfer';
import { AUDIT_AREAS, type AuditArea } from './audit';

/**
 * What the audit log names, in words: the actions the server records, the kinds of object they are about, and their
 * Chinese labels. The log screen (through its messages) and the Excel export both read them from here, so an auditor
 * sees 党支部初审通过 in either place, never `transfer.preApprove` in one of them.
 */

/**
 * The verbs the server records in each area of the log (the action is `area.verb`); the search offers them. The
 * server's audit entry is typed by this list (`AuditAction`), so an action recorded without being listed — and so
 * without words here — fails the type check.
 */
export const AUDIT_VERBS = {
  auth: ['login', 'loginFailed', 'logout', 'locked', 'accountReset', 'passwordChanged', 'passwordExpired', 'refreshReuse', 'sessionEnded', 'sessionsEnded', 'mfa.setup', 'mfa.enabled', 'mfa.disabled', 'mfa.recoveryCodes'],
  member: ['create', 'update', 'import', 'importRefused', 'export', 'read', 'revealId', 'issuePassword'],
  organization: ['create', 'update', 'move', 'exportUnstaffed'],
  transfer: ['create', 'update', 'deleteDraft', 'registerInbound', 'export', 'read', ...TRANSFER_ACTIONS, 'recordTalk'],
  letter: ['print', 'view', 'download'],
  booking: ['create', 'reschedule', 'cancel', 'attend', 'noShow', 'undoMark'],
  center: ['create', 'update', 'close', 'reopen'],
  calendar: ['day.create', 'day.update', 'day.delete', 'day.sweep'],
  study: [
    'module.create',
    'module.update',
    'module.complete',
    'question.create',
    'question.update',
    'track.create',
    'track.update',
    'assignment.create',
    'assignment.update',
    'assignment.cancel',
    'quiz.submit',
    'quiz.grantAttempt',
    'export',
  ],
  user: ['create', 'appoint', 'dismiss'],
  audit: ['export'],
  seed: ['run'],
} as const satisfies Record<AuditArea, readonly string[]>;

/** An action the log records: `transfer.preApprove`, `auth.mfa.setup`… */
export type AuditAction = { [A in AuditArea]: `${A}.${(typeof AUDIT_VERBS)[A][number]}` }[AuditArea];

export const auditAreaActions = (area: AuditArea): AuditAction[] => AUDIT_VERBS[area].map((verb: string) => `${area}.${verb}` as AuditAction);

/** Every action the server records. */
export const AUDIT_ACTIONS: readonly AuditAction[] = AUDIT_AREAS.flatMap(auditAreaActions);

/** The kinds of object the log names, in the search's order. */
export const AUDIT_TARGET_TYPES = [
  'member',
  'organization',
  'transfer',
  'user',
  'session',
  'booking',
  'serviceCenter',
  'calendarDay',
  'studyModule',
  'quizQuestion',
  'studyTrack',
  'studyAssignment',
  'quizAttempt',
  'audit',
  'system',
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

export const AUDIT_AREA_LABELS_ZH: Record<AuditArea, string> = {
  auth: '账号与登录',
  member: '党员信息',
  organization: '党组织',
  transfer: '组织关系转接',
  letter: '介绍信',
  booking: '预约',
  center: '党群服务中心',
  calendar: '工作日历',
  study: '学习教育',
  user: '账号管理',
  audit: '审计日志',
  seed: '演示数据',
};

export const AUDIT_TARGET_TYPE_LABELS_ZH: Record<AuditTargetType, string> = {
  member: '党员',
  organization: '党组织',
  transfer: '转接',
  user: '账号',
  session: '登录会话',
  booking: '预约',
  serviceCenter: '党群服务中心',
  calendarDay: '工作日历日期',
  studyModule: '课程',
  quizQuestion: '试题',
  studyTrack: '学习清单',
  studyAssignment: '学习任务',
  quizAttempt: '答题记录',
  audit: '审计日志',
  system: '系统',
};

/**
 * A transfer's step in the log, named as its timeline names it (the record's `transfer.update` is the timeline's
 * `edit`), or null for the log's own words. `approve` is the committee's and the county's alike — the timeline tells
 * them apart from the states, the log cannot — so it has its own neutral word, as have deleting a draft and exporting
 * the ledger, which no timeline shows.
 */
export function transferEventOf(action: string): TransferEvent | null {
  if (!action.startsWith('transfer.')) return null;
  const verb = action.slice('transfer.'.length);
  if (verb === 'approve' || verb === 'deleteDraft' || verb === 'export') return null;
  const event = ({ create: 'create', update: 'edit', registerInbound: 'register' } as Record<string, string>)[verb] ?? verb;
  return event in TRANSFER_EVENT_LABELS_ZH ? (event as TransferEvent) : null;
}

/** The log's own words for its actions, nested as the action's path (`auth.mfa.setup`). */
export const AUDIT_ACTION_LABELS_ZH = {
  auth: {
    login: '登录',
    loginFailed: '登录失败',
    logout: '退出登录',
    locked: '账号临时锁定',
    accountReset: '命令行重置账号（临时密码、移除双因素）',
    passwordChanged: '修改密码',
    passwordExpired: '密码过期',
    refreshReuse: '登录凭证被重复使用',
    sessionEnded: '结束一个登录会话',
    sessionsEnded: '结束全部登录会话',
    mfa: {
      setup: '开始设置两步验证',
      enabled: '开启两步验证',
      disabled: '关闭两步验证',
      recoveryCodes: '重新生成恢复码',
    },
  },
  member: {
    create: '新增党员',
    update: '修改党员信息',
    import: '批量导入党员',
    importRefused: '导入被拒（含已登记人员）',
    export: '导出党员名册',
    read: '查看党员信息',
    revealId: '查看完整身份证号',
    issuePassword: '生成临时密码',
  },
  organization: {
    create: '新增党组织',
    update: '修改党组织',
    move: '调整隶属关系',
    exportUnstaffed: '导出未配备管理员的组织',
  },
  transfer: {
    approve: '审批通过',
    deleteDraft: '删除草稿',
    export: '导出转接台账',
    read: '查看转接详情',
  },
  booking: {
    create: '预约',
    reschedule: '改约',
    cancel: '取消预约',
    attend: '登记到访',
    noShow: '登记未到',
    undoMark: '撤销到访或未到登记',
  },
  center: {
    create: '新增服务中心',
    update: '修改服务中心',
    close: '设置闭馆',
    reopen: '撤销闭馆',
  },
  calendar: {
    day: {
      create: '录入日期',
      update: '修改日期',
      delete: '删除日期',
      sweep: '取消放假日的预约',
    },
  },
  study: {
    module: { create: '新建课程', update: '修改课程', complete: '完成课程' },
    question: { create: '新增试题', update: '修改试题' },
    track: { create: '新建学习清单', update: '修改学习清单' },
    assignment: { create: '布置学习任务', update: '修改学习任务', cancel: '撤销学习任务' },
    quiz: { submit: '提交测验', grantAttempt: '增加一次答题机会' },
    export: '导出学习情况',
  },
  user: { create: '创建账号', appoint: '任命管理员', dismiss: '免去管理员' },
  audit: { export: '导出审计日志' },
  seed: { run: '生成演示数据' },
  letter: { print: '打印介绍信', view: '查看介绍信', download: '下载介绍信（PDF）' },
};

/** The label at an action's path (`auth.mfa.setup`) in a nested table of labels, or undefined where it has none. */
export function labelAt(labels: object, action: string): string | undefined {
  let node: unknown = labels;
  for (const part of action.split('.')) node = node && typeof node === 'object' && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/** An action in Chinese words; an action the log has no words for is shown as recorded. */
export function auditActionLabelZh(action: string): string {
  const event = transferEventOf(action);
  return event ? TRANSFER_EVENT_LABELS_ZH[event] : (labelAt(AUDIT_ACTION_LABELS_ZH, action) ?? action);
}

export const auditTargetTypeLabelZh = (type: string): string => (Object.hasOwn(AUDIT_TARGET_TYPE_LABELS_ZH, type) ? AUDIT_TARGET_TYPE_LABELS_ZH[type as AuditTargetType] : type);
