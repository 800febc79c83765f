import { it } from 'vitest';

/**
 * A test that concerns one database driver (or one kind of machine): registered only where it applies, as a file of
 * its own would be, rather than reported as skipped everywhere else.
 */
export function itOn(applies: boolean): (name: string, fn: () => unknown, timeout?: number) => void {
  return applies ? (name, fn, timeout) => it(name, async () => void (await fn()), timeout) : () => undefined;
}
