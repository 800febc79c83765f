import {
  EDUCATION_LABELS_ZH,
  ETHNICITIES,
  MEMBER_CATEGORY_LABELS_ZH,
  MEMBER_IMPORT_COLUMNS,
  MEMBER_POST_LABELS_ZH,
  SEX_LABELS_ZH,
  type Education,
  type MemberCategory,
  type MemberPost,
  type MemberSummary,
  type Sex,
} from '@zhdj/shared';
import type { Cell, Worksheet } from 'exceljs';

/** Chinese labels ⇄ stored values for the spreadsheet columns. */
const invert = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));
export const SEX_BY_LABEL = invert<Sex>(SEX_LABELS_ZH);
export const EDUCATION_BY_LABEL = invert<Education>(EDUCATION_LABELS_ZH);
export const CATEGORY_BY_LABEL = invert<MemberCategory>(MEMBER_CATEGORY_LABELS_ZH);
export const POST_BY_LABEL = invert<MemberPost>(MEMBER_POST_LABELS_ZH);
export const ETHNICITY_SET = new Set<string>(ETHNICITIES);
export const YES = new Set(['是', 'Y', 'y', '1', 'TRUE', 'true']);
export const NO = new Set(['否', 'N', 'n', '0', 'FALSE', 'false', '']);

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the text a person typed: dates as YYYY-MM-DD, numbers as written, rich text flattened. */
export function cellText(cell: Cell): { text: string; numeric: boolean } {
  const v = cell.value;
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (v instanceof Date) return { text: `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`, numeric: false };
  if (typeof v === 'number') return { text: String(v), numeric: true };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', numeric: false };
  if (typeof v === 'object') {
    if ('richText' in v) return { text: v.richText.map((r) => r.text).join('').trim(), numeric: false };
    if ('text' in v) return { text: String(v.text).trim(), numeric: false };
    if ('result' in v) return { text: String(v.result ?? '').trim(), numeric: typeof v.result === 'number' };
  }
  return { text: String(v).trim(), numeric: false };
}

/** The template's header row, with widths and text-formatted columns so Excel keeps 18-digit numbers intact. */
export function writeHeader(sheet: Worksheet, extra: { header: string; key: string }[] = []): void {
  sheet.columns = [...MEMBER_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idNumber' ? 22 : 14 })), ...extra.map((e) => ({ ...e, width: 30 }))];
  for (const key of ['idNumber', 'phone', 'orgCode', 'duesPaidThrough', 'birthDate', 'joinedAt', 'probationEndsAt']) {
    sheet.getColumn(key).numFmt = '@';
  }
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit?.();
}

export function summaryToRow(m: MemberSummary & { orgCode: string; orgName: string }): Record<string, string> {
  return {
    name: m.name,
    sex: SEX_LABELS_ZH[m.sex],
    idNumber: m.idNumberMasked,
    phone: m.phone,
    category: MEMBER_CATEGORY_LABELS_ZH[m.category],
    orgCode: m.orgCode,
    duesPaidThrough: m.duesPaidThrough,
    post: m.post ? MEMBER_POST_LABELS_ZH[m.post] : '',
    isRetired: m.isRetired ? '是' : '否',
    isMobile: m.isMobile ? '是' : '否',
    isGraduate: m.isGraduate ? '是' : '否',
    orgName: m.orgName,
    status: m.status,
  };
}
