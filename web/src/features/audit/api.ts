import { chinaDate, type Page } from '@zhdj/shared';
import { type AuditChainReport, type AuditRecord } from '@zhdj/shared/audit';
import { downloadFile } from '@/api/download';
import { http } from '@/api/http';
import { auditParams, type AuditFilters } from './audit-filters';

// ---- The audit log (audit.read: county and system administrators) ----

export const AUDIT_PAGE_SIZE = 50;

/** A page of records matching the filters, newest first; `cursor` is the previous page's `nextCursor`. */
export async function fetchAuditPage(filters: AuditFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<AuditRecord>> {
  const params = { ...auditParams(filters), ...(cursor ? { cursor } : {}), limit: AUDIT_PAGE_SIZE };
  const { data } = await http.get<Page<AuditRecord>>('/audit', { params, signal });
  return data;
}

/** Walks the log's hash chain from its first record and names the first one altered, missing or out of order. */
export async function verifyAuditChain(): Promise<AuditChainReport> {
  const { data } = await http.get<AuditChainReport>('/audit/verify');
  return data;
}

/** Every record matching the filters as an .xlsx download (the export is itself recorded). */
export function exportAudit(filters: AuditFilters): Promise<string> {
  return downloadFile('/audit/export', { params: auditParams(filters), fallbackName: `audit-${chinaDate()}.xlsx` });
}
