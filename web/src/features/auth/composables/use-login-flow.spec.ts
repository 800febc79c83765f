import { ErrorCode, type LoginResponse } from '@zhdj/shared';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/errors';
import { loginResponse } from '@/test/fixtures';
import { createLoginFlow, type LoginFlowApi } from './use-login-flow';

const fail = (statusCode: number, code: string, details?: unknown) => Promise.reject(new ApiError({ statusCode, code, message: code, details }));
const done: LoginResponse = loginResponse(['COUNTY_ADMIN']);

function fakeApi(overrides: Partial<LoginFlowApi>): LoginFlowApi {
  return {
    login: vi.fn(() => Promise.resolve(done)),
    loginMfa: vi.fn(() => Promise.resolve(done)),
    changeExpiredPassword: vi.fn(() => Promise.resolve(done)),
    ...overrides,
  };
}

describe('the login steps', () => {
  it('without TOTP, the password completes the login', async () => {
    const flow = createLoginFlow(fakeApi({}));
    await expect(flow.submitPassword('admin', 'pw')).resolves.toBe(done);
    expect(flow.state.step).toBe('password');
  });

  it('with TOTP, the password leads to the code, which completes the login with the challenge token', async () => {
    const api = fakeApi({ login: vi.fn(() => Promise.resolve({ mfaRequired: true as const, mfaToken: 'mfa-1', expiresIn: 300 })) });
    const flow = createLoginFlow(api);
    await expect(flow.submitPassword('admin', 'pw')).resolves.toBeNull();
    expect(flow.state).toMatchObject({ step: 'mfa', mfaToken: 'mfa-1', username: 'admin' });
    await expect(flow.submitSecondFactor({ code: '123456' })).resolves.toBe(done);
    expect(api.loginMfa).toHaveBeenCalledWith('mfa-1', { code: '123456' });
  });

  it('a wrong code keeps the code step (and its token) for another try; a recovery code goes the same way', async () => {
    const loginMfa = vi.fn().mockImplementationOnce(() => fail(401, ErrorCode.MFA_CODE_INVALID)).mockImplementationOnce(() => Promise.resolve(done));
    const flow = createLoginFlow(fakeApi({ login: () => Promise.resolve({ mfaRequired: true, mfaToken: 'mfa-1', expiresIn: 300 }), loginMfa }));
    await flow.submitPassword('admin', 'pw');
    await expect(flow.submitSecondFactor({ code: '000000' })).rejects.toMatchObject({ code: ErrorCode.MFA_CODE_INVALID });
    expect(flow.state.step).toBe('mfa');
    await expect(flow.submitSecondFactor({ recoveryCode: 'abcde-fghjk' })).resolves.toBe(done);
    expect(loginMfa).toHaveBeenLastCalledWith('mfa-1', { recoveryCode: 'abcde-fghjk' });
  });

  it('a challenge that timed out, or an account locked meanwhile, goes back to the password', async () => {
    for (const [status, code, reason] of [
      [401, ErrorCode.MFA_TOKEN_INVALID, 'mfaExpired'],
      [423, ErrorCode.ACCOUNT_LOCKED, 'locked'],
    ] as const) {
      const flow = createLoginFlow(fakeApi({ login: () => Promise.resolve({ mfaRequired: true, mfaToken: 'm', expiresIn: 300 }), loginMfa: () => fail(status, code) }));
      await flow.submitPassword('admin', 'pw');
      await expect(flow.submitSecondFactor({ code: '123456' })).rejects.toMatchObject({ code });
      expect(flow.state).toMatchObject({ step: 'password', mfaToken: null, restartReason: reason });
    }
  });

  it('an expired password (at the password or after the code) leads to the change-only step, which completes the login', async () => {
    const expired = () => fail(403, ErrorCode.PASSWORD_EXPIRED, { changeToken: 'change-1', expiresIn: 600, reason: 'expired' });
    const api = fakeApi({ login: expired });
    const flow = createLoginFlow(api);
    await expect(flow.submitPassword('member', 'pw')).resolves.toBeNull();
    expect(flow.state).toMatchObject({ step: 'expired', changeToken: 'change-1' });
    await expect(flow.submitNewPassword('a new passphrase')).resolves.toBe(done);
    expect(api.changeExpiredPassword).toHaveBeenCalledWith('change-1', 'a new passphrase');

    const withCode = createLoginFlow(fakeApi({ login: () => Promise.resolve({ mfaRequired: true, mfaToken: 'm', expiresIn: 300 }), loginMfa: expired }));
    await withCode.submitPassword('admin', 'pw');
    await expect(withCode.submitSecondFactor({ code: '123456' })).resolves.toBeNull();
    expect(withCode.state).toMatchObject({ step: 'expired', changeToken: 'change-1', mfaToken: null, changeReason: 'expired' });

    const issued = createLoginFlow(fakeApi({ login: () => fail(403, ErrorCode.PASSWORD_EXPIRED, { changeToken: 'change-2', expiresIn: 600, reason: 'issued' }) }));
    await issued.submitPassword('13900000000', 'ABCD-EFGH-JKLM');
    expect(issued.state).toMatchObject({ step: 'expired', changeToken: 'change-2', changeReason: 'issued' });
  });

  it('a weak new password keeps the change step; a timed-out change goes back to the password', async () => {
    const changeExpiredPassword = vi
      .fn()
      .mockImplementationOnce(() => fail(400, ErrorCode.PASSWORD_TOO_WEAK, { reasons: ['TOO_SHORT'] }))
      .mockImplementationOnce(() => fail(401, ErrorCode.PASSWORD_CHANGE_TOKEN_INVALID));
    const flow = createLoginFlow(fakeApi({ login: () => fail(403, ErrorCode.PASSWORD_EXPIRED, { changeToken: 'c', expiresIn: 600 }), changeExpiredPassword }));
    await flow.submitPassword('member', 'pw');
    await expect(flow.submitNewPassword('short')).rejects.toMatchObject({ code: ErrorCode.PASSWORD_TOO_WEAK });
    expect(flow.state.step).toBe('expired');
    await expect(flow.submitNewPassword('a long enough one')).rejects.toMatchObject({ code: ErrorCode.PASSWORD_CHANGE_TOKEN_INVALID });
    expect(flow.state).toMatchObject({ step: 'password', changeToken: null, restartReason: 'changeExpired' });
  });

  it('other failures at the password step leave the flow where it was', async () => {
    const flow = createLoginFlow(fakeApi({ login: () => fail(401, ErrorCode.INVALID_CREDENTIALS) }));
    await expect(flow.submitPassword('admin', 'x')).rejects.toMatchObject({ code: ErrorCode.INVALID_CREDENTIALS });
    expect(flow.state.step).toBe('password');
    await expect(flow.submitSecondFactor({ code: '123456' })).rejects.toThrow('No second step');
  });
});
