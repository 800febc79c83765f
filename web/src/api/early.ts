import type { AxiosResponse } from 'axios';
import { useSessionStore } from '@/stores/session';
import { http } from './http';

/** An early answer is used only this soon after it was asked for (a screen that never mounted leaves its own). */
const EARLY_MAX_AGE_MS = 10_000;

interface Early {
  userId: number;
  at: number;
  response: Promise<AxiosResponse<unknown>>;
}

const early = new Map<string, Early>();

/**
 * Starts a GET a screen will need while the router is still fetching the screen's code: on a slow phone network the
 * request and the code then travel together instead of one after the other. The screen's own fetch function takes
 * it with `takeEarly` — once, for the user who asked — or asks anew when there is none.
 */
export function startEarly(url: string): void {
  const userId = useSessionStore().user?.id;
  if (userId === undefined) return;
  const now = Date.now();
  for (const [key, entry] of early) if (now - entry.at > EARLY_MAX_AGE_MS) early.delete(key);
  const response = http.get<unknown>(url);
  // Settled here too: a failure is the taker's to report, and no taker is no unhandled rejection.
  response.catch(() => undefined);
  early.set(url, { userId, at: now, response });
}

/** The GET `startEarly` began for this URL, if the same user asked for it moments ago; it is handed out once. */
export function takeEarly<T>(url: string): Promise<AxiosResponse<T>> | null {
  const entry = early.get(url);
  if (!entry) return null;
  early.delete(url);
  const fresh = Date.now() - entry.at <= EARLY_MAX_AGE_MS && entry.userId === useSessionStore().user?.id;
  return fresh ? (entry.response as Promise<AxiosResponse<T>>) : null;
}
