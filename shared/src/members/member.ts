import type { OrgRef } from '../organizations/organization';

export const MemberCategory = {
  FULL: 'FULL', // 正式党员
  PROBATIONARY: 'PROBATIONARY', // 预备党员
} as const;
export type MemberCategory = (typeof MemberCategory)[keyof typeof MemberCategory];

export const MemberStatus = {
  ACTIVE: 'ACTIVE',
  IN_TRANSFER: 'IN_TRANSFER', // an open transfer: the source stays responsible until the receiver accepts
  TRANSFERRED_OUT: 'TRANSFERRED_OUT', // left the county; the record is kept
} as const;
export type MemberStatus = (typeof MemberStatus)[keyof typeof MemberStatus];

/** Posts a member may hold in their branch or committee (roles in domain.md §3). */
export const MemberPost = {
  SECRETARY: 'SECRETARY', // 书记
  DEPUTY_SECRETARY: 'DEPUTY_SECRETARY', // 副书记
  COMMITTEE_MEMBER: 'COMMITTEE_MEMBER', // 委员
} as const;
export type MemberPost = (typeof MemberPost)[keyof typeof MemberPost];
export const MEMBER_POSTS = Object.values(MemberPost);

/** A member's name: 1–50 Chinese or Latin letters, the middle dot (少数民族 names) and spaces. */
export const MEMBER_NAME_PATTERN = /^[\u3400-\u9fff·•A-Za-z ]{1,50}$/;

export const Sex = { M: 'M', F: 'F' } as const;
export type Sex = (typeof Sex)[keyof typeof Sex];

export const Education = {
  PRIMARY: 'PRIMARY', // 小学
  JUNIOR: 'JUNIOR', // 初中
  SENIOR: 'SENIOR', // 高中、中专
  COLLEGE: 'COLLEGE', // 大专
  BACHELOR: 'BACHELOR', // 大学本科
  MASTER: 'MASTER', // 硕士研究生
  DOCTOR: 'DOCTOR', // 博士研究生
} as const;
export type Education = (typeof Education)[keyof typeof Education];
export const EDUCATIONS = Object.values(Education);

export const EDUCATION_LABELS_ZH: Record<Education, string> = {
  PRIMARY: '小学',
  JUNIOR: '初中',
  SENIOR: '高中、中专',
  COLLEGE: '大专',
  BACHELOR: '大学本科',
  MASTER: '硕士研究生',
  DOCTOR: '博士研究生',
};

/** The 56 officially recognised ethnic groups (GB 3304), in the standard order. */
export const ETHNICITIES = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];

/** Mainland mobile numbers: 11 digits starting with 1[3-9]. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export interface MemberFlags {
  isRetired: boolean;
  isMobile: boolean; // 流动党员
  isGraduate: boolean; // 高校毕业生 (recent graduate whose membership must find a home)
}

export interface MemberSummary extends MemberFlags {
  id: number;
  name: string;
  sex: Sex;
  phone: string;
  /** Always masked: `3203**********1234`. */
  idNumberMasked: string;
  category: MemberCategory;
  status: MemberStatus;
  post: MemberPost | null;
  org: OrgRef;
  duesPaidThrough: string;
  /** The last day of a probationary member's probation (YYYY-MM-DD); null for full members. */
  probationEndsAt: string | null;
}

/**
 * A probationary member whose probation has ended without a decision on full membership (domain.md §4: decided
 * before any transfer). `today` is the date in Xinyi, YYYY-MM-DD.
 */
export function probationOverdue(m: { category: string | null; probationEndsAt: string | null }, today: string): boolean {
  return m.category === 'PROBATIONARY' && !!m.probationEndsAt && m.probationEndsAt < today;
}

/** How many members a list's filters match across all its pages (the list itself pages by keyset, without a total). */
export interface MemberCount {
  total: number;
}

export interface MemberDetail extends MemberSummary {
  ethnicity: string;
  birthDate: string;
  education: Education;
  joinedAt: string;
  /** From the root down to the member's branch. */
  orgAncestors: OrgRef[];
  history: MemberOrgHistoryEntry[];
  /** The member's transfer under way (submitted, not yet finished), if any: the record links to it. */
  openTransferId: number | null;
  /**
   * The member's account administers an organisation the caller could not appoint administrators of: its password,
   * login (mobile number) and name are the appointing tier's to change (the server refuses them with 403).
   */
  accountHeldAbove: boolean;
  version: number;
}

export interface MemberOrgHistoryEntry {
  org: OrgRef;
  from: string;
  to: string | null;
  transferId: number | null;
}

/** Excel import/export column headers (Chinese, as users expect); the order is the template's order. */
export const MEMBER_IMPORT_COLUMNS = [
  { key: 'name', header: '姓名', required: true },
  { key: 'sex', header: '性别', required: true },
  { key: 'ethnicity', header: '民族', required: true },
  { key: 'idNumber', header: '公民身份号码', required: true },
  { key: 'birthDate', header: '出生日期', required: true },
  { key: 'phone', header: '手机号码', required: true },
  { key: 'education', header: '学历', required: true },
  { key: 'category', header: '人员类别', required: true },
  { key: 'joinedAt', header: '入党日期', required: true },
  { key: 'probationEndsAt', header: '预备期满日期', required: false },
  { key: 'orgCode', header: '所在党支部编码', required: true },
  { key: 'duesPaidThrough', header: '党费交至', required: true },
  { key: 'post', header: '党内职务', required: false },
  { key: 'isRetired', header: '离退休', required: false },
  { key: 'isMobile', header: '流动党员', required: false },
  { key: 'isGraduate', header: '高校毕业生', required: false },
] as const;
export type MemberImportColumnKey = (typeof MEMBER_IMPORT_COLUMNS)[number]['key'];

export const MEMBER_CATEGORY_LABELS_ZH: Record<MemberCategory, string> = { FULL: '正式党员', PROBATIONARY: '预备党员' };
export const MEMBER_POST_LABELS_ZH: Record<MemberPost, string> = {
  SECRETARY: '书记',
  DEPUTY_SECRETARY: '副书记',
  COMMITTEE_MEMBER: '委员',
};
export const SEX_LABELS_ZH: Record<Sex, string> = { M: '男', F: '女' };

/**
 * What can be wrong with a row of an import file, with its Chinese wording: the server sends both (the code, its
 * parameters and this text, for API users), and the web says it again in the reader's language from the code. `{x}`
 * names a parameter, as vue-i18n writes it.
 */
export const IMPORT_PROBLEM_WORDING_ZH = {
  missingColumn: '缺少列：{header}',
  required: '{header}不能为空',
  nameFormat: '姓名应为 1–50 个汉字或字母',
  sexValue: '性别应为 男 或 女',
  ethnicityUnknown: '民族“{value}”不在 56 个民族之列',
  idNumberAsNumber: '身份证号被 Excel 存成了数字（末几位已丢失），请将该列设为文本后重新填写',
  idCheckDigit: '身份证号校验码错误',
  idFormat: '身份证号格式或出生日期错误',
  birthDateMismatch: '出生日期与身份证号不符（应为 {expected}）',
  sexMismatch: '性别与身份证号不符',
  dateFormat: '{header}应为 YYYY-MM-DD',
  phoneFormat: '手机号码应为 11 位',
  educationUnknown: '学历“{value}”无法识别',
  categoryValue: '人员类别应为 正式党员 或 预备党员',
  probationEndRequired: '预备党员须填写预备期满日期',
  yearMonthFormat: '{header}应为 YYYY-MM',
  joinedAfterBirth: '入党日期应在出生日期之后',
  joinedInFuture: '入党日期不能晚于今天',
  duesTooFarAhead: '党费最多预交 12 个月（交至 {latest}）',
  postValue: '党内职务应为 书记、副书记、委员 或留空',
  yesNo: '应填 是 或 否',
  orgNotInScope: '组织编码 {code} 不存在或不在您的管理范围内',
  orgNotBranch: '组织编码 {code} 不是党支部，党员只能编入党支部',
  idRepeated: '身份证号与第 {row} 行重复',
  idRegistered: '该身份证号的党员已在系统中',
  phoneRepeated: '手机号码与第 {row} 行重复',
  phoneTaken: '该手机号码已被其他账号使用',
} satisfies Record<string, string>;
export type ImportProblem = keyof typeof IMPORT_PROBLEM_WORDING_ZH;
export type ImportProblemParams = Record<string, string | number>;

/** The Chinese text of a problem, its parameters put in. */
export function importProblemZh(problem: ImportProblem, params: ImportProblemParams = {}): string {
  return IMPORT_PROBLEM_WORDING_ZH[problem].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export interface ImportRowError {
  /** 1-based spreadsheet row number (the header is row 1). */
  row: number;
  field: MemberImportColumnKey | 'row';
  problem: ImportProblem;
  /** The values the wording names (a column's header, the row repeated, the value not recognised). */
  params: ImportProblemParams;
  /** The problem in Chinese (IMPORT_PROBLEM_WORDING_ZH), for API users; the web words it from `problem`. */
  message: string;
}

export interface ImportResult {
  imported: number;
}

export const IMPORT_MAX_ROWS = 10_000;
