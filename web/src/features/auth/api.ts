import type { LoginResponse, LoginResult, MfaStatus, PasswordPolicy, SessionInfo, SessionUser, TotpConfirmed, TotpSetup } from '@zhdj/shared';
import { http } from '@/api/http';
import { useSessionStore } from '@/stores/session';

/** The password step: a completed login, or a challenge for the second factor. */
export async function login(username: string, password: string): Promise<LoginResult> {
  const { data } = await http.post<LoginResult>('/auth/login', { username, password }, { skipAuth: true });
  return data;
}

/** The second step: a code from the authenticator app, or a recovery code. */
export async function loginMfa(mfaToken: string, proof: { code: string } | { recoveryCode: string }): Promise<LoginResponse> {
  const { data } = await http.post<LoginResponse>('/auth/login/mfa', { mfaToken, ...proof }, { skipAuth: true });
  return data;
}

/** The change-only path of an expired password; completes the login. */
export async function changeExpiredPassword(changeToken: string, newPassword: string): Promise<LoginResponse> {
  const { data } = await http.post<LoginResponse>('/auth/password/expired', { changeToken, newPassword }, { skipAuth: true });
  return data;
}

export async function fetchPasswordPolicy(): Promise<PasswordPolicy> {
  const { data } = await http.get<PasswordPolicy>('/auth/password-policy', { skipAuth: true });
  return data;
}

export async function logout(): Promise<void> {
  await http.post('/auth/logout');
}

let lastMe: { at: number; userId: number | undefined; user: Promise<SessionUser> } | null = null;

/**
 * GET /api/me. A caller content with an answer up to `maxAgeMs` old — the member's home screen, moments after
 * start-up's quiet refresh of a restored session asked the same — shares that request, in flight or answered (on a
 * slow phone network each round trip is felt), if it was asked for the same user. By default it asks anew: after
 * enrolment, say, only a new answer will do.
 */
export function fetchMe(options: { maxAgeMs?: number } = {}): Promise<SessionUser> {
  const now = Date.now();
  const userId = useSessionStore().user?.id;
  if (lastMe && userId !== undefined && lastMe.userId === userId && now - lastMe.at <= (options.maxAgeMs ?? 0)) return lastMe.user;
  const entry = { at: now, userId, user: http.get<SessionUser>('/me').then(({ data }) => data) };
  lastMe = entry;
  // A failed answer is never shared.
  entry.user.catch(() => {
    if (lastMe === entry) lastMe = null;
  });
  return entry.user;
}

export async function fetchSessions(): Promise<SessionInfo[]> {
  const { data } = await http.get<SessionInfo[]>('/auth/sessions');
  return data;
}

export async function endSession(id: number): Promise<void> {
  await http.delete(`/auth/sessions/${id}`);
}

export async function endOtherSessions(): Promise<{ endedSessions: number }> {
  const { data } = await http.post<{ endedSessions: number }>('/auth/sessions/end-others');
  return data;
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<{ endedSessions: number }> {
  const { data } = await http.post<{ endedSessions: number }>('/auth/password', { currentPassword, newPassword });
  return data;
}

export async function fetchMfaStatus(): Promise<MfaStatus> {
  const { data } = await http.get<MfaStatus>('/auth/mfa');
  return data;
}

export async function startTotpSetup(): Promise<TotpSetup> {
  const { data } = await http.post<TotpSetup>('/auth/mfa/totp/setup');
  return data;
}

export async function confirmTotp(code: string): Promise<TotpConfirmed> {
  const { data } = await http.post<TotpConfirmed>('/auth/mfa/totp/confirm', { code });
  return data;
}

export async function disableTotp(proof: { code: string } | { password: string }): Promise<void> {
  await http.post('/auth/mfa/totp/disable', proof);
}
