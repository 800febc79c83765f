import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSessionStore } from '@/stores/session';
import type { fakeServer } from '@/test/fake-server';
import { loginResponse } from '@/test/fixtures';
import { withLoggedInApi } from '@/test/logged-in-api';
import { startEarly, takeEarly } from './early';

describe('a request started while the screen loads', () => {
  const api = withLoggedInApi(['MEMBER']);
  let server: ReturnType<typeof fakeServer>;
  beforeEach(() => {
    let n = 0;
    server = api.serve((req) => ({ status: 200, data: { url: req.url, n: ++n } }));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is handed to the screen once; the next fetch asks anew', async () => {
    startEarly('/transfers/mine');
    expect((await takeEarly('/transfers/mine'))?.data).toEqual({ url: '/transfers/mine', n: 1 });
    expect(server.requests).toHaveLength(1);
    expect(takeEarly('/transfers/mine')).toBeNull();
    expect(takeEarly('/members/75')).toBeNull();
  });

  it('is not handed to another user, nor once it is older than ten seconds', async () => {
    startEarly('/transfers/mine');
    const session = useSessionStore();
    session.applyLogin({ ...loginResponse(['MEMBER']), user: { ...session.user!, id: 8 } });
    expect(takeEarly('/transfers/mine')).toBeNull();

    vi.useFakeTimers({ toFake: ['Date'] });
    startEarly('/transfers/mine');
    vi.setSystemTime(Date.now() + 10_001);
    expect(takeEarly('/transfers/mine')).toBeNull();
  });

  it('is not started without a session, and a failure is the taker’s to see', async () => {
    useSessionStore().clear();
    startEarly('/transfers/mine');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.requests).toHaveLength(0);
    expect(takeEarly('/transfers/mine')).toBeNull();

    useSessionStore().applyLogin(loginResponse(['MEMBER']));
    api.serve(() => ({ networkError: true }));
    startEarly('/transfers/mine');
    await expect(takeEarly('/transfers/mine')).rejects.toBeTruthy();
  });
});
