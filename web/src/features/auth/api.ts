import type { LoginResponse, SessionUser } from '@zhdj/shared';
import { http } from '@/api/http';

export async function login(username: string, password: string): Promise<LoginResponse> {
  const { data } = await http.post<LoginResponse>('/auth/login', { username, password }, { skipAuth: true });
  return data;
}

export async function logout(): Promise<void> {
  await http.post('/auth/logout');
}

export async function fetchMe(): Promise<SessionUser> {
  const { data } = await http.get<SessionUser>('/me');
  return data;
}
