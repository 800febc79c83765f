import { idCheckChar, MEMBER_IMPORT_COLUMNS, type MemberImportColumnKey } from '@zhdj/shared';
import { Workbook } from 'exceljs';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'superagent';

export type ImportRow = Partial<Record<MemberImportColumnKey, string | number | Date | null>>;

/** An import workbook as a user would fill it: the Chinese header row, then one row per member. */
export async function importFile(rows: ImportRow[], columns = MEMBER_IMPORT_COLUMNS.map((c) => c.key as MemberImportColumnKey)): Promise<Buffer> {
  const wb = new Workbook();
  const sheet = wb.addWorksheet('党员信息');
  const header = new Map(MEMBER_IMPORT_COLUMNS.map((c) => [c.key as string, c.header]));
  sheet.addRow(columns.map((k) => header.get(k)));
  for (const r of rows) sheet.addRow(columns.map((k) => r[k] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A valid ID number in region 320397 (used by nothing else in the tests), unique for each i below 10,000. */
export function importIdNumber(i: number): { idNumber: string; birthDate: string; sex: 'M' | 'F' } {
  const birthDate = `19${70 + (i % 30)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`;
  const sex = i % 2 ? 'M' : 'F';
  // Rows sharing a birth date are 420 apart (and share a sex), so the sequence tells them apart.
  const seq = Math.floor(i / 420) * 2 + (sex === 'M' ? 1 : 0);
  const first17 = '320397' + birthDate.replaceAll('-', '') + String(seq).padStart(3, '0');
  return { idNumber: first17 + idCheckChar(first17), birthDate, sex };
}

/** A complete valid row for member number i in the branch with the given code. */
export function validRow(i: number, orgCode: string, phonePrefix = '150'): ImportRow {
  const { idNumber, birthDate, sex } = importIdNumber(i);
  const probationary = i % 20 === 0;
  return {
    name: ['王', '李', '张', '刘', '陈'][i % 5] + ['建华', '秀兰', '志明', '丽娟'][i % 4],
    sex: sex === 'M' ? '男' : '女',
    ethnicity: i % 7 ? '汉族' : '回族',
    idNumber,
    birthDate,
    phone: `${phonePrefix}${String(i).padStart(8, '0')}`,
    education: ['高中、中专', '大专', '大学本科', '硕士研究生'][i % 4],
    category: probationary ? '预备党员' : '正式党员',
    joinedAt: probationary ? '2026-01-01' : '2008-07-01',
    probationEndsAt: probationary ? '2027-01-01' : '',
    orgCode,
    duesPaidThrough: '2026-06',
    post: i % 50 === 1 ? '委员' : '',
    isRetired: i % 9 === 0 ? '是' : '否',
    isMobile: '否',
    isGraduate: i % 11 === 0 ? '是' : '',
  };
}

/** Reads a workbook's first sheet as rows of cell text (header included). */
export async function readSheet(buffer: Buffer): Promise<{ sheetNames: string[]; rows: string[][] }> {
  const wb = new Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0].eachRow((row) => {
    const values = row.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return { sheetNames: wb.worksheets.map((w) => w.name), rows };
}

/** superagent parser that keeps a binary body as a Buffer. */
export function binary(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  // superagent hands a custom parser the raw Node response stream.
  const stream = res as unknown as IncomingMessage;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
