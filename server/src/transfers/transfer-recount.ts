import type { EntityManager } from 'typeorm';
import { reOverdue } from './transfer-overdue';
import { retally, type TallyFacts } from './transfer-tally';

/**
 * Moves a transfer's counts in the overview's counters (by state and completion) and in its overdue roll-up from what
 * it was to what it is (null for a transfer created or deleted), in the transaction of the change.
 */
export async function recount(em: EntityManager, before: TallyFacts | null, after: TallyFacts | null): Promise<void> {
  await retally(em, before, after);
  await reOverdue(em, before, after);
}
