/**
 * `date.toISOString()`, about ten times faster. V8's own costs 0.6–0.7 µs here, and the hot answers write many
 * instants: a fortnight of a centre's booking slots is over 400 of them (an eighth of that request's CPU went on
 * writing them), a queue page 60–80. Each UTC day's `YYYY-MM-DDT` is worked out once and kept; the time of day is
 * arithmetic. Instants outside 1970–9999, and invalid ones, are left to toISOString (which throws a RangeError for an
 * invalid date, as here).
 */
const DAY_MS = 86_400_000;
const END_OF_9999 = 253_402_300_800_000;
const prefixes = new Map<number, string>();

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

export function isoString(at: Date | number): string {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (!(ms >= 0 && ms < END_OF_9999) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let prefix = prefixes.get(day);
  if (prefix === undefined) {
    if (prefixes.size >= 4096) prefixes.clear(); // eleven years of days; a long-running process starts afresh past that
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    prefixes.set(day, prefix);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  return `${prefix}${pad2(h)}:${pad2(m)}:${pad2(s)}.${pad3(rest - s * 1000)}Z`;
}
