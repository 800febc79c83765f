import { TRANSFER_QUEUES } from '@zhdj/shared';
import type { Queue, QueueFilters } from './api';

export const QUEUES: readonly Queue[] = TRANSFER_QUEUES;

export function isQueue(value: unknown): value is Queue {
  return typeof value === 'string' && (QUEUES as string[]).includes(value);
}

/** The queue the address names (`?queue=`), else the to-do list: the screen and its early request agree on it. */
export function queueFrom(value: unknown): Queue {
  return isQueue(value) ? value : 'todo';
}

/**
 * The filter a link asks for with `?due=`: `today` (the morning reminder's link when several steps are due today) or
 * `overdue`; anything else asks for none.
 */
export function dueFilters(value: unknown): Pick<QueueFilters, 'dueToday' | 'overdue'> {
  return value === 'today' ? { dueToday: true } : value === 'overdue' ? { overdue: true } : {};
}

/** The filters the user set, and only those, as query parameters (the list's and the ledger export's). */
export function filterParams(filters: QueueFilters): Record<string, string | number | boolean> {
  const params: Record<string, string | number | boolean> = {};
  if (filters.q) params.q = filters.q;
  if (filters.state) params.state = filters.state;
  if (filters.channel) params.channel = filters.channel;
  if (filters.orgId) params.orgId = filters.orgId;
  if (filters.overdue) params.overdue = true;
  if (filters.dueToday) params.dueToday = true;
  if (filters.talk) params.talk = filters.talk;
  if (filters.submittedFrom) params.submittedFrom = filters.submittedFrom;
  if (filters.submittedTo) params.submittedTo = filters.submittedTo;
  return params;
}

/** A page's query: the queue, its size, the filters set and the cursor, if any. */
export function queueParams(queue: Queue, filters: QueueFilters, cursor: string | null, limit: number): Record<string, string | number | boolean> {
  return { queue, limit, ...filterParams(filters), ...(cursor ? { cursor } : {}) };
}

/**
 * GET /api/transfers for a page of a queue, as one URL: the route starts the first page's request with the screen's
 * code (`meta.early`), and the screen's fetch finds it under the same URL. Small, so the routes can carry it.
 */
export function queueUrl(queue: Queue, filters: QueueFilters, cursor: string | null, limit: number): string {
  const query = new URLSearchParams(Object.entries(queueParams(queue, filters, cursor, limit)).map(([k, v]) => [k, String(v)]));
  return `/transfers?${query}`;
}
