import { ETHNICITIES, type Ethnicity } from '@zhdj/shared';

/**
 * The 56 ethnic groups' names in English (GB 3304's romanisation), in the order of ETHNICITIES. Records keep the
 * Chinese name (the standard's own, printed on the letter); the English screens show these.
 */
const ENGLISH = [
  'Han', 'Mongol', 'Hui', 'Tibetan', 'Uyghur', 'Miao', 'Yi', 'Zhuang', 'Buyei', 'Korean',
  'Manchu', 'Dong', 'Yao', 'Bai', 'Tujia', 'Hani', 'Kazakh', 'Dai', 'Li', 'Lisu',
  'Va', 'She', 'Gaoshan', 'Lahu', 'Sui', 'Dongxiang', 'Naxi', 'Jingpo', 'Kirgiz', 'Tu',
  'Daur', 'Mulao', 'Qiang', 'Blang', 'Salar', 'Maonan', 'Gelao', 'Xibe', 'Achang', 'Pumi',
  'Tajik', 'Nu', 'Uzbek', 'Russian', 'Ewenki', 'Deang', 'Bonan', 'Yugur', 'Gin', 'Tatar',
  'Derung', 'Oroqen', 'Hezhen', 'Monba', 'Lhoba', 'Jino',
] as const;

const BY_CHINESE = new Map<string, string>(ETHNICITIES.map((e: Ethnicity, i: number) => [e, ENGLISH[i]]));

/** An ethnic group as the chosen language names it (a name outside the standard's list is shown as recorded). */
export function ethnicityName(recorded: string, locale: string): string {
  return locale === 'en' ? (BY_CHINESE.get(recorded) ?? recorded) : recorded;
}
