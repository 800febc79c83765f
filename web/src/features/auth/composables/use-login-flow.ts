import { ErrorCode, isMfaChallenge, type LoginResponse, type LoginResult, type PasswordExpiredDetails } from '@zhdj/shared';
import { reactive, readonly } from 'vue';
import { isApiError } from '@/api/errors';
import * as authApi from '../api';

/** password → (mfa) → (expired) → done. Each step's token comes from the step before. */
export type LoginStep = 'password' | 'mfa' | 'expired';

export interface LoginFlowApi {
  login(username: string, password: string): Promise<LoginResult>;
  loginMfa(mfaToken: string, proof: { code: string } | { recoveryCode: string }): Promise<LoginResponse>;
  changeExpiredPassword(changeToken: string, newPassword: string): Promise<LoginResponse>;
}

/** Why the flow went back to the password step, for the page to say. */
export type RestartReason = 'mfaExpired' | 'changeExpired' | 'locked' | null;

/**
 * The steps of a login, without any screen: the password, then a second factor for accounts with TOTP, then — under
 * a profile with password expiry — a new password. Each submit resolves to the completed login, or to null when
 * another step is needed; failures reject with the ApiError for the page to explain. A step token that the server no
 * longer accepts (expired, or the account locked meanwhile) sends the flow back to the password.
 */
export function createLoginFlow(api: LoginFlowApi = authApi) {
  const state = reactive({
    step: 'password' as LoginStep,
    username: '',
    mfaToken: null as string | null,
    changeToken: null as string | null,
    /** Why a new password is needed: too old, or a temporary one an administrator issued. */
    changeReason: 'expired' as PasswordExpiredDetails['reason'],
    restartReason: null as RestartReason,
  });

  function restart(reason: RestartReason = null): void {
    state.step = 'password';
    state.mfaToken = null;
    state.changeToken = null;
    state.restartReason = reason;
  }

  /** PASSWORD_EXPIRED carries the token of the change-only path. */
  function expiredFrom(error: unknown): boolean {
    if (!isApiError(error, ErrorCode.PASSWORD_EXPIRED)) return false;
    const details = error.details as Partial<PasswordExpiredDetails> | undefined;
    if (typeof details?.changeToken !== 'string') return false;
    state.step = 'expired';
    state.mfaToken = null;
    state.changeToken = details.changeToken;
    state.changeReason = details.reason === 'issued' ? 'issued' : 'expired';
    return true;
  }

  async function submitPassword(username: string, password: string): Promise<LoginResponse | null> {
    state.restartReason = null;
    state.username = username;
    try {
      const result = await api.login(username, password);
      if (!isMfaChallenge(result)) return result;
      state.step = 'mfa';
      state.mfaToken = result.mfaToken;
      return null;
    } catch (error) {
      if (expiredFrom(error)) return null;
      throw error;
    }
  }

  async function submitSecondFactor(proof: { code: string } | { recoveryCode: string }): Promise<LoginResponse | null> {
    if (state.step !== 'mfa' || !state.mfaToken) throw new Error('No second step is pending');
    try {
      return await api.loginMfa(state.mfaToken, proof);
    } catch (error) {
      if (expiredFrom(error)) return null;
      if (isApiError(error, ErrorCode.MFA_TOKEN_INVALID)) restart('mfaExpired');
      else if (isApiError(error, ErrorCode.ACCOUNT_LOCKED)) restart('locked');
      throw error;
    }
  }

  async function submitNewPassword(newPassword: string): Promise<LoginResponse> {
    if (state.step !== 'expired' || !state.changeToken) throw new Error('No password change is pending');
    try {
      return await api.changeExpiredPassword(state.changeToken, newPassword);
    } catch (error) {
      if (isApiError(error, ErrorCode.PASSWORD_CHANGE_TOKEN_INVALID)) restart('changeExpired');
      throw error;
    }
  }

  return { state: readonly(state), submitPassword, submitSecondFactor, submitNewPassword, restart };
}

export type LoginFlow = ReturnType<typeof createLoginFlow>;
