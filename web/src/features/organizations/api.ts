import type { OrgDetail, OrgSummary } from '@zhdj/shared';
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
