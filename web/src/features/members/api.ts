import type { ImportResult, MemberCategory, MemberCount, MemberDetail, MemberPost, MemberStatus, MemberSummary, Page } from '@zhdj/shared';
import type { AxiosProgressEvent } from 'axios';
import { downloadFile } from '@/api/download';
import { takeEarly } from '@/api/early';
import { http } from '@/api/http';
import type { CreateMemberInput, UpdateMemberInput } from './composables/member-form';

export interface MemberFilters {
  orgId?: number;
  q?: string;
  category?: MemberCategory;
  role?: MemberPost | 'ANY';
  status?: MemberStatus;
}

/** Drops empty filters so the query string carries only what the user chose. */
export function filterParams(filters: MemberFilters): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null || value === '') continue;
    params[key] = typeof value === 'string' ? value.trim() : (value as number);
  }
  return params;
}

export async function fetchMembers(
  filters: MemberFilters,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
): Promise<Page<MemberSummary>> {
  const params = { ...filterParams(filters), limit, ...(cursor ? { cursor } : {}) };
  const { data } = await http.get<Page<MemberSummary>>('/members', { params, signal });
  return data;
}

/** How many members the filters match across all pages (asked once per search; page turns keep it). */
export async function countMembers(filters: MemberFilters, signal?: AbortSignal): Promise<MemberCount> {
  const { data } = await http.get<MemberCount>('/members/count', { params: filterParams(filters), signal });
  return data;
}

export async function fetchMember(id: number, signal?: AbortSignal): Promise<MemberDetail> {
  const url = `/members/${id}`;
  const { data } = await (takeEarly<MemberDetail>(url) ?? http.get<MemberDetail>(url, { signal }));
  return data;
}

/** The full ID number; the server writes an audit record for every call. */
export async function revealIdNumber(id: number): Promise<string> {
  const { data } = await http.post<{ idNumber: string }>(`/members/${id}/reveal-id`);
  return data.idNumber;
}

export function downloadImportTemplate(): Promise<string> {
  return downloadFile('/members/import-template', { fallbackName: '党员信息导入模板.xlsx' });
}

export function exportMembers(filters: MemberFilters, onProgress?: (bytes: number) => void): Promise<string> {
  return downloadFile('/members/export', { params: filterParams(filters), fallbackName: 'members.xlsx', onProgress });
}

export async function importMembers(file: File, onProgress: (percent: number) => void): Promise<ImportResult> {
  const form = new FormData();
  form.append('file', file, file.name);
  const { data } = await http.post<ImportResult>('/members/import', form, {
    timeout: 10 * 60_000,
    onUploadProgress: (e: AxiosProgressEvent) => {
      if (e.total) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    },
  });
  return data;
}

/** A temporary first password for a member's account (shown once; the member replaces it at the first login). */
export async function issueMemberPassword(id: number): Promise<{ username: string; temporaryPassword: string }> {
  const { data } = await http.post<{ username: string; temporaryPassword: string }>(`/members/${id}/issue-password`);
  return data;
}

/** Adds one member to a branch in the caller's scope; answers the new record. */
export async function createMember(input: CreateMemberInput): Promise<MemberDetail> {
  const { data } = await http.post<MemberDetail>('/members', input);
  return data;
}

/** Changes the fields given; `version` is the one read (a stale one is refused with 409 CONFLICT). */
export async function updateMember(id: number, input: UpdateMemberInput): Promise<MemberDetail> {
  const { data } = await http.patch<MemberDetail>(`/members/${id}`, input);
  return data;
}
