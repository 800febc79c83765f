import { ApiError } from '@/api/errors';

/** 32 hex characters from the browser's random source (works without HTTPS, unlike crypto.randomUUID). */
export function randomKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Idempotency keys for booking attempts. One attempt is one choice of centre, time, purpose and details: pressing
 * "confirm" again for the same choice after a lost answer (network failure, timeout, server error) sends the same
 * key, so the server answers with the booking it may already have made instead of making a second one. A definite
 * answer (booked, or refused by a rule) ends the attempt: the next press is a new attempt with a new key.
 */
export function createAttemptKeys(newKey: () => string = randomKey) {
  let current: { payload: string; key: string } | null = null;

  return {
    keyFor(payload: unknown): string {
      const serialized = JSON.stringify(payload);
      if (current?.payload !== serialized) current = { payload: serialized, key: newKey() };
      return current.key;
    },
    /** Call with the outcome of a request sent with `keyFor`'s key. */
    settle(error?: unknown): void {
      const answerLost = error !== undefined && (!(error instanceof ApiError) || error.statusCode === 0 || error.statusCode >= 500);
      if (!answerLost) current = null;
    },
  };
}
