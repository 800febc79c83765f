import type { MemberDetail, SessionUser } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { sessionUser } from '@/test/fixtures';
import { loadOwnRecord, type OwnRecordDeps } from './own-record';

/** A promise the test settles when it chooses, to see what was asked before what answered. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const record = (id: number) => ({ id, name: `党员${id}` }) as unknown as MemberDetail;

function deps(overrides: Omit<Partial<OwnRecordDeps>, 'fetchMember'> & { me: Promise<SessionUser>; fetchMember?: ReturnType<typeof vi.fn<(id: number) => Promise<MemberDetail>>> }) {
  const onUser = vi.fn();
  const fetchMember = overrides.fetchMember ?? vi.fn(async (id: number) => record(id));
  return { onUser, fetchMember, d: { storedMemberId: 75, onUser, fetchMe: () => overrides.me, ...overrides, fetchMember } satisfies OwnRecordDeps };
}

describe("the member's own record on their home screen", () => {
  it('asks for the stored member’s record before /api/me answers, and uses it when /api/me names the same member', async () => {
    const me = deferred<SessionUser>();
    const { d, fetchMember, onUser } = deps({ me: me.promise });
    const loading = loadOwnRecord(d);
    // Both requests are on their way before either answers: one round trip, not two.
    expect(fetchMember).toHaveBeenCalledWith(75);
    me.resolve(sessionUser(['MEMBER']));
    expect(await loading).toEqual({ kind: 'member', member: record(75) });
    expect(fetchMember).toHaveBeenCalledTimes(1);
    expect(onUser).toHaveBeenCalledWith(expect.objectContaining({ memberId: 75 }));
  });

  it('when /api/me now names another member, shows that member’s record, not the stored one', async () => {
    const { d, fetchMember } = deps({ me: Promise.resolve(sessionUser(['MEMBER'], { memberId: 76 })) });
    expect(await loadOwnRecord(d)).toEqual({ kind: 'member', member: record(76) });
    expect(fetchMember.mock.calls).toEqual([[75], [76]]);
  });

  it('an account no longer linked to a member is "unlinked", whatever the early request found', async () => {
    const { d } = deps({ me: Promise.resolve(sessionUser(['BRANCH_ADMIN'])) });
    expect(await loadOwnRecord(d)).toEqual({ kind: 'unlinked' });
  });

  it('when the early request fails, asks again after /api/me; when that fails too, the error reaches the screen', async () => {
    const flaky = vi.fn(async (id: number) => {
      if (flaky.mock.calls.length === 1) throw new Error('network');
      return record(id);
    });
    expect(await loadOwnRecord(deps({ me: Promise.resolve(sessionUser(['MEMBER'])), fetchMember: flaky }).d)).toEqual({ kind: 'member', member: record(75) });
    expect(flaky).toHaveBeenCalledTimes(2);

    const down = vi.fn(async () => {
      throw new Error('down');
    });
    await expect(loadOwnRecord(deps({ me: Promise.resolve(sessionUser(['MEMBER'])), fetchMember: down }).d)).rejects.toThrow('down');
  });

  it('with no member in the stored session, waits for /api/me and asks once', async () => {
    const { d, fetchMember } = deps({ me: Promise.resolve(sessionUser(['MEMBER'])), storedMemberId: null });
    expect(await loadOwnRecord(d)).toEqual({ kind: 'member', member: record(75) });
    expect(fetchMember).toHaveBeenCalledTimes(1);
  });

  it('a failed /api/me is the screen’s error, and the early request’s answer is dropped without an unhandled rejection', async () => {
    const failing = vi.fn(async () => {
      throw new Error('early');
    });
    await expect(loadOwnRecord(deps({ me: Promise.reject(new Error('me failed')), fetchMember: failing }).d)).rejects.toThrow('me failed');
  });
});
