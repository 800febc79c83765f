import type { LocationQuery, LocationQueryRaw } from 'vue-router';

/**
 * The search of the audit log as the address keeps it (so a filtered view can be reloaded, bookmarked and shared):
 * the API's own words, except that `from` and `to` are Xinyi dates (`YYYY-MM-DD`, both days included) rather than
 * instants. `action` is an exact action (`member.revealId`) or an area's prefix ending in a dot (`member.`).
 */
export interface AuditFilters {
  from: string;
  to: string;
  action: string;
  username: string;
  targetType: string;
  targetId: string;
}

export const FILTER_KEYS = ['from', 'to', 'action', 'username', 'targetType', 'targetId'] as const satisfies readonly (keyof AuditFilters)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

export const emptyFilters = (): AuditFilters => ({ from: '', to: '', action: '', username: '', targetType: '', targetId: '' });

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

/** The filters a search sends: words trimmed, and a date that is not one dropped (a hand-edited address). */
export function cleanFilters(input: AuditFilters): AuditFilters {
  const out = emptyFilters();
  for (const key of FILTER_KEYS) out[key] = input[key].trim();
  if (!isDay(out.from)) out.from = '';
  if (!isDay(out.to)) out.to = '';
  return out;
}

export function filtersFromQuery(query: LocationQuery): AuditFilters {
  const out = emptyFilters();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (typeof value === 'string') out[key] = value;
  }
  return cleanFilters(out);
}

/** Only what is set, so the address stays short. */
export function filtersToQuery(filters: AuditFilters): LocationQueryRaw {
  return Object.fromEntries(FILTER_KEYS.filter((key) => filters[key]).map((key) => [key, filters[key]]));
}

export const sameFilters = (a: AuditFilters, b: AuditFilters) => FILTER_KEYS.every((key) => a[key] === b[key]);

/** The instant a Xinyi day starts, `days` after the given one: UTC+8 all year (no daylight saving). */
export const xinyiDayStart = (date: string, days = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + days * 86_400_000).toISOString();

/**
 * The query of GET /api/audit and its export: the dates become instants, `to` the start of the day after the last
 * one (the API's `to` is exclusive).
 */
export function auditParams(filters: AuditFilters): Record<string, string> {
  const params: Record<string, string> = {};
  for (const key of FILTER_KEYS) if (filters[key]) params[key] = filters[key];
  if (filters.from) params.from = xinyiDayStart(filters.from);
  if (filters.to) params.to = xinyiDayStart(filters.to, 1);
  return params;
}
