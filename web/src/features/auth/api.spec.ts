import { describe, expect, it } from 'vitest';
import { useSessionStore } from '@/stores/session';
import { loginResponse, sessionUser } from '@/test/fixtures';
import { withLoggedInApi } from '@/test/logged-in-api';
import { fetchMe } from './api';

describe('GET /api/me', () => {
  const api = withLoggedInApi(['MEMBER']);

  it('a caller content with a recent answer shares the request in flight or just answered; others ask anew', async () => {
    let version = 0;
    const server = api.serve(() => ({ status: 200, data: sessionUser(['MEMBER'], { displayName: `v${++version}` }), delayMs: 20 }));
    const asked = () => server.requests.filter((r) => r.url === '/me').length;

    const [first, shared] = await Promise.all([fetchMe(), fetchMe({ maxAgeMs: 10_000 })]);
    expect(asked()).toBe(1);
    expect([first.displayName, shared.displayName]).toEqual(['v1', 'v1']);
    // Answered a moment ago: shared again.
    expect((await fetchMe({ maxAgeMs: 10_000 })).displayName).toBe('v1');
    expect(asked()).toBe(1);
    // A caller that needs a new answer (the default) asks anew, as does one whose limit has passed.
    expect((await fetchMe()).displayName).toBe('v2');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await fetchMe({ maxAgeMs: 1 })).displayName).toBe('v3');
    expect(asked()).toBe(3);
  });

  it('another user (logged in moments after the last) is never handed the last user’s answer', async () => {
    const server = api.serve((req) => ({ status: 200, data: sessionUser(['MEMBER'], { displayName: req.authorization ?? '' }) }));
    expect((await fetchMe()).displayName).toBe('Bearer access-1');
    const other = loginResponse(['MEMBER'], 'access-other', 'refresh-other');
    useSessionStore().applyLogin({ ...other, user: { ...other.user, id: 8 } });
    expect((await fetchMe({ maxAgeMs: 10_000 })).displayName).toBe('Bearer access-other');
    expect(server.requests).toHaveLength(2);
  });

  it('a failed request is not kept: the next call asks again', async () => {
    let calls = 0;
    api.serve(() => (++calls === 1 ? { networkError: true } : { status: 200, data: sessionUser(['MEMBER']) }));
    await expect(fetchMe()).rejects.toBeTruthy();
    expect((await fetchMe({ maxAgeMs: 10_000 })).memberId).toBe(75);
  });
});
