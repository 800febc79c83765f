import type { AppointAdministratorRequest, OrgAdministrator, OrgAdministrators, OrgDetail, OrgLevel, OrgSummary, UnstaffedOrganizations } from '@zhdj/shared';
import { downloadFile } from '@/api/download';
import { http } from '@/api/http';

/** The roots of the caller's scope (the county for a county administrator, their branch for a branch one). */
export async function fetchRootOrgs(): Promise<OrgSummary[]> {
  const { data } = await http.get<OrgSummary[]>('/organizations');
  return data;
}

export async function fetchOrgChildren(id: number): Promise<OrgSummary[]> {
  const { data } = await http.get<OrgSummary[]>(`/organizations/${id}/children`);
  return data;
}

export async function fetchOrg(id: number, signal?: AbortSignal): Promise<OrgDetail> {
  const { data } = await http.get<OrgDetail>(`/organizations/${id}`, { signal });
  return data;
}

export async function searchOrgs(q: string, limit = 20, signal?: AbortSignal): Promise<OrgSummary[]> {
  const { data } = await http.get<OrgSummary[]>('/organizations', { params: { q, limit }, signal });
  return data;
}

/** Who administers the organisation, and whether the caller may change that (permission admin.appoint). */
export async function fetchOrgAdministrators(orgId: number, signal?: AbortSignal): Promise<OrgAdministrators> {
  const { data } = await http.get<OrgAdministrators>(`/organizations/${orgId}/administrators`, { signal });
  return data;
}

/** Gives a member of the organisation's subtree the organisation's administrator role (the server picks the role). */
export async function appointAdministrator(orgId: number, memberId: number): Promise<OrgAdministrator> {
  const body: AppointAdministratorRequest = { memberId };
  const { data } = await http.post<OrgAdministrator>(`/organizations/${orgId}/administrators`, body);
  return data;
}

export async function dismissAdministrator(orgId: number, assignmentId: number): Promise<void> {
  await http.delete(`/organizations/${orgId}/administrators/${assignmentId}`);
}

/** The organisations of a subtree no enabled administrator serves, a keyset page at a time (permission admin.appoint). */
export async function fetchUnstaffedOrgs(
  orgId: number,
  filter: UnstaffedFilter,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<UnstaffedOrganizations> {
  const params = { ...unstaffedParams(filter), ...(cursor ? { cursor } : {}), limit: 20 };
  const { data } = await http.get<UnstaffedOrganizations>(`/organizations/${orgId}/unstaffed`, { params, signal });
  return data;
}

/** The same list, whole, as a spreadsheet (Chinese headings, as the county files it). Resolves with the file's name. */
export function exportUnstaffedOrgs(orgId: number, filter: UnstaffedFilter): Promise<string> {
  return downloadFile(`/organizations/${orgId}/unstaffed/export`, { params: unstaffedParams(filter), fallbackName: 'unstaffed-organisations.xlsx' });
}

export interface UnstaffedFilter {
  level: OrgLevel | null;
  waiting: boolean;
}

const unstaffedParams = (filter: UnstaffedFilter) => ({ ...(filter.level ? { level: filter.level } : {}), ...(filter.waiting ? { waiting: true } : {}) });
