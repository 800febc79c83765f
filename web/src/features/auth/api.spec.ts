import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import { fakeServer } from '@/test/fake-server';
import { loginResponse, sessionUser } from '@/test/fixtures';
import { fetchMe } from './api';

const originalAdapter = http.defaults.adapter;

describe('GET /api/me', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    useSessionStore().applyLogin(loginResponse(['MEMBER']));
  });
  afterEach(() => {
    http.defaults.adapter = originalAdapter;
  });

  it('a caller content with a recent answer shares the request in flight or just answered; others ask anew', async () => {
    let version = 0;
    const server = fakeServer(() => ({ status: 200, data: sessionUser(['MEMBER'], { displayName: `v${++version}` }), delayMs: 20 }));
    http.defaults.adapter = server.adapter;
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
    const server = fakeServer((req) => ({ status: 200, data: sessionUser(['MEMBER'], { displayName: req.authorization ?? '' }) }));
    http.defaults.adapter = server.adapter;
    expect((await fetchMe()).displayName).toBe('Bearer access-1');
    const other = loginResponse(['MEMBER'], 'access-other', 'refresh-other');
    useSessionStore().applyLogin({ ...other, user: { ...other.user, id: 8 } });
    expect((await fetchMe({ maxAgeMs: 10_000 })).displayName).toBe('Bearer access-other');
    expect(server.requests).toHaveLength(2);
  });

  it('a failed request is not kept: the next call asks again', async () => {
    let calls = 0;
    const server = fakeServer(() => (++calls === 1 ? { networkError: true } : { status: 200, data: sessionUser(['MEMBER']) }));
    http.defaults.adapter = server.adapter;
    await expect(fetchMe()).rejects.toBeTruthy();
    expect((await fetchMe({ maxAgeMs: 10_000 })).memberId).toBe(75);
  });
});
