/**
 * The language an export is written in. Chinese unless the caller's most preferred language is English: the web asks
 * in the screen's language (web/src/api/download.ts), and a client that names none gets the county's own files.
 */
export type ExportLanguage = 'zh-CN' | 'en';

/** Reads `Accept-Language` (`en-GB,en;q=0.9,zh;q=0.5`): the tag with the highest weight, the first among equals. */
export function exportLanguage(acceptLanguage: string | string[] | undefined): ExportLanguage {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { tag: string; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    if (!tag) continue;
    const weight = params.map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/.exec(p)).find(Boolean);
    const q = weight ? Number(weight[1]) : 1;
    if (q > 0 && (!best || q > best.q)) best = { tag: tag.trim().toLowerCase(), q };
  }
  return best && (best.tag === 'en' || best.tag.startsWith('en-')) ? 'en' : 'zh-CN';
}

/** Words of one export in both languages, picked by the caller's. */
export type Worded<T> = Record<ExportLanguage, T>;

/** A workbook column whose heading is in both languages. */
export interface WordedColumn {
  key: string;
  width: number;
  header: Worded<string>;
}

/** The columns as ExcelJS takes them, headed in one language. */
export const headedIn = (lang: ExportLanguage, columns: WordedColumn[]) => columns.map((c) => ({ key: c.key, width: c.width, header: c.header[lang] }));
