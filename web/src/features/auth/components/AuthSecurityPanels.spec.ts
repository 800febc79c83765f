import { flushPromises, mount } from '@vue/test-utils';
import type { MfaStatus, SessionInfo } from '@zhdj/shared';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { http } from '@/api/http';
import { i18n } from '@/i18n';
import { apiError, fakeServer, type FakeHandler } from '@/test/fake-server';
import AuthSessionList from './AuthSessionList.vue';
import AuthTotpPanel from './AuthTotpPanel.vue';

const originalAdapter = http.defaults.adapter;
const use = (handler: FakeHandler) => {
  const server = fakeServer(handler);
  http.defaults.adapter = server.adapter;
  return server;
};

describe('account-security panels', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => {
    http.defaults.adapter = originalAdapter;
  });

  it('TOTP enrolment: QR and grouped key, a wrong code explained, recovery codes shown once behind "I have saved them"', async () => {
    let status: MfaStatus = { totpEnabled: false, enabledAt: null, recoveryCodesLeft: 0, available: true, required: false };
    const codes = Array.from({ length: 10 }, (_, i) => `abcd${i + 2}-fghjk`);
    const server = use((req) => {
      if (req.url === '/auth/mfa') return { status: 200, data: status };
      if (req.url === '/auth/mfa/totp/setup') return { status: 200, data: { secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/x', qrDataUrl: 'data:image/svg+xml;base64,PHN2Zy8+' } };
      const body = req.body as { code: string };
      if (body.code === '000000') return apiError(400, 'MFA_CODE_INVALID');
      status = { ...status, totpEnabled: true, enabledAt: '2026-11-28T02:00:00Z', recoveryCodesLeft: 10 };
      return { status: 200, data: { recoveryCodes: codes } };
    });
    const wrapper = mount(AuthTotpPanel, { global: { plugins: [i18n] } });
    await flushPromises();
    expect(wrapper.get('[data-testid=totp-state]').text()).toBe('未开启');
    await wrapper.get('[data-testid=totp-enable]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid=totp-secret]').text()).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(wrapper.get('img').attributes('src')).toMatch(/^data:image\/svg\+xml;base64,/);

    await wrapper.get('#totp-code').setValue('000000');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('[data-testid=totp-error]').text()).toContain('动态码不正确');

    await wrapper.get('#totp-code').setValue('123456');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.findAll('[data-testid=recovery-codes] li').map((li) => li.text())).toEqual(codes);
    expect(wrapper.get('[data-testid=codes-done]').attributes('disabled')).toBeDefined();
    await wrapper.get('[data-testid=codes-saved]').setValue(true);
    await wrapper.get('[data-testid=codes-done]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid=recovery-codes]').exists()).toBe(false);
    expect(wrapper.text()).not.toContain(codes[0]);
    expect(wrapper.get('[data-testid=totp-state]').text()).toBe('已开启');
    expect(wrapper.emitted('enrolled')).toHaveLength(1);
    expect(server.requests.filter((r) => r.url === '/auth/mfa/totp/confirm').map((r) => r.body)).toEqual([{ code: '000000' }, { code: '123456' }]);
  });

  it('sessions: ending one takes a second click, then the list reloads', async () => {
    const session = (id: number, current: boolean, browser: string | null, os: string | null): SessionInfo => ({
      id,
      createdAt: '2026-11-28T01:00:00Z',
      lastUsedAt: '2026-11-28T01:30:00Z',
      idleExpiresAt: '2026-11-28T02:00:00Z',
      expiresAt: '2026-11-28T13:00:00Z',
      ip: '10.0.0.8',
      browser,
      os,
      current,
    });
    let list = [session(1, true, 'Chrome', 'Windows'), session(2, false, 'WeChat', 'Android'), session(3, false, null, null)];
    const server = use((req) => {
      if (req.method === 'DELETE') {
        list = list.filter((s) => `/auth/sessions/${s.id}` !== req.url);
        return { status: 204 };
      }
      return { status: 200, data: list };
    });
    const wrapper = mount(AuthSessionList, { global: { plugins: [i18n] } });
    await flushPromises();
    expect(wrapper.get('[data-testid=session-current]').text()).toContain('Chrome ·\u00a0Windows');
    expect(wrapper.findAll('[data-testid=session-other]').map((w) => w.text())).toEqual([expect.stringContaining('WeChat ·\u00a0Android'), expect.stringContaining('未知设备')]);
    const end = () => wrapper.get('[data-session-id="2"] [data-testid=end-session]');
    await end().trigger('click');
    expect(server.requests.filter((r) => r.method === 'DELETE')).toHaveLength(0);
    expect(end().text()).toBe('确认结束');
    await end().trigger('click');
    await flushPromises();
    expect(server.requests.filter((r) => r.method === 'DELETE').map((r) => r.url)).toEqual(['/auth/sessions/2']);
    expect(wrapper.get('[data-testid=session-notice]').text()).toBe('已结束该会话');
    expect(wrapper.find('[data-session-id="2"]').exists()).toBe(false);
  });
});
