import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http } from '@/api/http';
import { i18n } from '@/i18n';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import { routes } from '@/router';
import { useSessionStore } from '@/stores/session';
import { apiError, fakeServer, type FakeHandler } from '@/test/fake-server';
import { loginResponse, sessionUser } from '@/test/fixtures';
import AuthLoginView from './AuthLoginView.vue';

const originalAdapter = http.defaults.adapter;

/** The app's real route table (paths, names, permissions) with empty screens, so navigating loads nothing. */
function stubbed(records: RouteRecordRaw[]): RouteRecordRaw[] {
  return records.map(
    (r) => ({ ...r, ...('component' in r && r.component ? { component: { render: () => null } } : {}), ...(r.children ? { children: stubbed(r.children) } : {}) }) as RouteRecordRaw,
  );
}
let router = createRouter({ history: createMemoryHistory(), routes: stubbed(routes) });

async function mountLogin(path: string, handler: FakeHandler) {
  const server = fakeServer(handler);
  http.defaults.adapter = server.adapter;
  await router.push(path);
  const wrapper = mount(AuthLoginView, { global: { plugins: [i18n, router] } });
  return { wrapper, server };
}

async function submit(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper'], username: string, password: string) {
  await wrapper.get('#login-username').setValue(username);
  await wrapper.get('#login-password').setValue(password);
  await wrapper.get('form').trigger('submit');
  await flushPromises();
}

describe('login page', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    router = createRouter({ history: createMemoryHistory(), routes: stubbed(routes) });
  });

  afterEach(() => {
    http.defaults.adapter = originalAdapter;
  });

  it('says what is missing without calling the server', async () => {
    const { wrapper, server } = await mountLogin('/login', () => ({ status: 500 }));
    await submit(wrapper, '  ', '');
    expect(wrapper.text()).toContain('请输入用户名或手机号码');
    expect(wrapper.text()).toContain('请输入密码');
    expect(server.requests).toHaveLength(0);
  });

  it('explains a wrong password and clears the password box', async () => {
    const { wrapper } = await mountLogin('/login', () => apiError(401, 'INVALID_CREDENTIALS'));
    await submit(wrapper, 'member', 'not-the-password');
    expect(wrapper.get('[data-testid=login-error]').text()).toBe('用户名或密码错误，请重新输入');
    expect((wrapper.get('#login-password').element as HTMLInputElement).value).toBe('');
    expect(useSessionStore().isLoggedIn).toBe(false);
  });

  it('tells a locked-out user when they may try again', async () => {
    const lockedUntil = new Date(Date.now() + 15 * 60_000);
    const { wrapper } = await mountLogin('/login', () => apiError(423, 'ACCOUNT_LOCKED', 'locked', { lockedUntil: lockedUntil.toISOString() }));
    await submit(wrapper, 'member', 'x');
    const hhmm = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false }).format(lockedUntil);
    expect(wrapper.get('[data-testid=login-error]').text()).toContain('账号已临时锁定');
    expect(wrapper.get('[data-testid=login-error]').text()).toContain(hhmm);
  });

  it('asks a throttled client to wait', async () => {
    const { wrapper } = await mountLogin('/login', () => apiError(429, 'TOO_MANY_REQUESTS'));
    await submit(wrapper, 'member', 'x');
    expect(wrapper.get('[data-testid=login-error]').text()).toContain('请稍等一分钟');
  });

  it('shows why the user is back after the session expired', async () => {
    const { wrapper } = await mountLogin('/login?reason=expired', () => ({ status: 500 }));
    expect(wrapper.get('[data-testid=login-notice]').text()).toBe('会话已过期，请重新登录');
  });

  it('logs a member in and opens the member app', async () => {
    const { wrapper, server } = await mountLogin('/login', () => ({ status: 200, data: loginResponse(['MEMBER']) }));
    await submit(wrapper, ' member ', 'Demo-2026-zhdj');
    expect(server.requests[0]).toMatchObject({ url: '/auth/login', body: { username: 'member', password: 'Demo-2026-zhdj' }, authorization: null });
    expect(useSessionStore().isLoggedIn).toBe(true);
    expect(router.currentRoute.value.fullPath).toBe('/m/profile');
  });

  it('returns an administrator to the page they asked for, but not to one they may not open', async () => {
    const first = await mountLogin('/login?redirect=/admin/members', () => ({ status: 200, data: loginResponse(['BRANCH_ADMIN']) }));
    await submit(first.wrapper, 'branch', 'Demo-2026-zhdj');
    expect(router.currentRoute.value.fullPath).toBe('/admin/members');

    useSessionStore().clear();
    const second = await mountLogin('/login?redirect=/m/profile', () => ({ status: 200, data: loginResponse(['BRANCH_ADMIN']) }));
    await submit(second.wrapper, 'branch', 'Demo-2026-zhdj');
    expect(router.currentRoute.value.path).toBe('/admin/orgs');
  });

  describe('with two-step verification', () => {
    const challenge = { status: 200, data: { mfaRequired: true, mfaToken: 'mfa-token-1', expiresIn: 300 } };

    it('asks for the code after the password, then logs in with it', async () => {
      const { wrapper, server } = await mountLogin('/login', (req) => (req.url === '/auth/login' ? challenge : { status: 200, data: loginResponse(['COUNTY_ADMIN']) }));
      await submit(wrapper, 'admin', 'Demo-2026-zhdj');
      expect(wrapper.find('[data-testid=mfa-form]').exists()).toBe(true);
      expect(useSessionStore().isLoggedIn).toBe(false);
      await wrapper.get('#login-code').setValue('123 456');
      await wrapper.get('[data-testid=mfa-form]').trigger('submit');
      await flushPromises();
      expect(server.requests[1]).toMatchObject({ url: '/auth/login/mfa', body: { mfaToken: 'mfa-token-1', code: '123456' }, authorization: null });
      expect(useSessionStore().isLoggedIn).toBe(true);
      expect(router.currentRoute.value.path).toBe('/admin/orgs');
    });

    it('explains a wrong code and a used recovery code, and checks the form before calling', async () => {
      const { wrapper, server } = await mountLogin('/login', (req) => (req.url === '/auth/login' ? challenge : apiError(401, 'MFA_CODE_INVALID')));
      await submit(wrapper, 'admin', 'Demo-2026-zhdj');
      await wrapper.get('#login-code').setValue('12345');
      await wrapper.get('[data-testid=mfa-form]').trigger('submit');
      await flushPromises();
      expect(wrapper.get('[data-testid=login-error]').text()).toBe('请输入 6 位数字动态码');
      expect(server.requests).toHaveLength(1);
      await wrapper.get('#login-code').setValue('000000');
      await wrapper.get('[data-testid=mfa-form]').trigger('submit');
      await flushPromises();
      expect(wrapper.get('[data-testid=login-error]').text()).toContain('动态码不正确');
      await wrapper.get('[data-testid=mfa-toggle-recovery]').trigger('click');
      await wrapper.get('#login-code').setValue('abcde-fghjk');
      await wrapper.get('[data-testid=mfa-form]').trigger('submit');
      await flushPromises();
      expect(server.requests.at(-1)).toMatchObject({ body: { mfaToken: 'mfa-token-1', recoveryCode: 'abcde-fghjk' } });
      expect(wrapper.get('[data-testid=login-error]').text()).toBe('恢复码不正确或已经用过');
    });

    it('a timed-out challenge returns to the password with a notice', async () => {
      const { wrapper } = await mountLogin('/login', (req) => (req.url === '/auth/login' ? challenge : apiError(401, 'MFA_TOKEN_INVALID')));
      await submit(wrapper, 'admin', 'Demo-2026-zhdj');
      await wrapper.get('#login-code').setValue('123456');
      await wrapper.get('[data-testid=mfa-form]').trigger('submit');
      await flushPromises();
      expect(wrapper.find('#login-password').exists()).toBe(true);
      expect(wrapper.get('[data-testid=login-error]').text()).toContain('验证已超时');
    });
  });

  it('sends an administrator who must enrol TOTP to the enrolment page', async () => {
    const response = { ...loginResponse(['COUNTY_ADMIN']), user: sessionUser(['COUNTY_ADMIN'], { mfaEnrolmentRequired: true }) };
    const { wrapper } = await mountLogin('/login', () => ({ status: 200, data: response }));
    await submit(wrapper, 'admin', 'Demo-2026-zhdj');
    expect(router.currentRoute.value.name).toBe('mfa-enrol');
  });

  it('an expired password gets the change-only step with the rules; a weak one is explained; a good one logs in', async () => {
    const policy = { profile: 'mlps3', minLength: 8, maxLength: 128, requiredClasses: 3, maxAgeDays: 90, historySize: 5, lockout: { maxFailures: 5, seconds: 600 } };
    const { wrapper, server } = await mountLogin('/login', (req) => {
      if (req.url === '/auth/login') return apiError(403, 'PASSWORD_EXPIRED', 'expired', { changeToken: 'change-1', expiresIn: 600 });
      if (req.url === '/auth/password-policy') return { status: 200, data: policy };
      const body = req.body as { newPassword: string };
      return body.newPassword === 'Weakpass1' ? apiError(400, 'PASSWORD_TOO_WEAK', 'weak', { reasons: ['COMMON_PASSWORD'] }) : { status: 200, data: loginResponse(['MEMBER']) };
    });
    await submit(wrapper, 'member', 'Old-pass-2025');
    expect(wrapper.find('[data-testid=expired-form]').exists()).toBe(true);
    expect(wrapper.get('[data-testid=password-rules]').text()).toContain('每 90 天须更换一次');
    await wrapper.get('#login-new-password').setValue('abc');
    expect(wrapper.get('[data-testid=password-rules]').text()).toContain('长度不够');
    await wrapper.get('#login-new-password-again').setValue('abd');
    await wrapper.get('[data-testid=expired-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid=login-error]').text()).toBe('两次输入的新密码不一致');
    for (const field of ['#login-new-password', '#login-new-password-again']) await wrapper.get(field).setValue('Weakpass1');
    await wrapper.get('[data-testid=expired-form]').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid=login-error]').text()).toBe('新密码不符合要求：属于常见或已泄露的密码');
    for (const field of ['#login-new-password', '#login-new-password-again']) await wrapper.get(field).setValue('Fresh-start-91');
    await wrapper.get('[data-testid=expired-form]').trigger('submit');
    await flushPromises();
    expect(server.requests.at(-1)).toMatchObject({ url: '/auth/password/expired', body: { changeToken: 'change-1', newPassword: 'Fresh-start-91' } });
    expect(router.currentRoute.value.fullPath).toBe('/m/profile');
  });
});
