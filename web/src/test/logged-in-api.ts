import type { Role } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach } from 'vitest';
import type { AxiosAdapter } from 'axios';
import { http } from '@/api/http';
import { useSessionStore } from '@/stores/session';
import { fakeServer, type FakeHandler } from './fake-server';
import { loginResponse } from './fixtures';

/**
 * For specs that go through the app's real http client: before each test, storage is cleared and a user with these
 * roles (none: nobody) is logged in; `serve` or `plug` puts a fake API behind the client; after each test the real
 * adapter is back.
 */
export function withLoggedInApi(roles: Role[] = ['MEMBER']) {
  const original = http.defaults.adapter;
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    if (roles.length) useSessionStore().applyLogin(loginResponse(roles));
  });
  afterEach(() => {
    http.defaults.adapter = original;
  });
  const plug = (adapter: AxiosAdapter) => {
    http.defaults.adapter = adapter;
  };
  return {
    plug,
    serve(handler: FakeHandler) {
      const server = fakeServer(handler);
      plug(server.adapter);
      return server;
    },
  };
}
