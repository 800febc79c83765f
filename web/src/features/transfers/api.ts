import {
  chinaDate,
  type Checklist,
  type CountedQueue,
  type Education,
  type MemberCategory,
  type OrgDirectoryEntry,
  type Sex,
  type TransferAction,
  type TransferChannel,
  type TransferDetail,
  type TransferQueue,
  type TransferReason,
  type TransferState,
  type TransferSummary,
} from '@zhdj/shared';
import { downloadFile, saveBlob, filenameFromDisposition } from '@/api/download';
import { takeEarly } from '@/api/early';
import { filterParams, queueUrl } from './queue-url';
import { http } from '@/api/http';

export type Queue = TransferQueue;
/** The tabs' counts: the ledger (all) is not counted. */
export type QueueCounts = Record<CountedQueue, number>;

export interface QueueFilters {
  q?: string;
  state?: TransferState;
  channel?: TransferChannel;
  orgId?: number;
  overdue?: boolean;
  /** Steps due later today (with overdue: both). */
  dueToday?: boolean;
  /** Completed transfers whose talk with the member the caller's side has yet to record. */
  talk?: 'pending';
  /** Submitted on or after / on or before these days (YYYY-MM-DD, Xinyi's calendar). */
  submittedFrom?: string;
  submittedTo?: string;
}

export interface QueuePage {
  items: TransferSummary[];
  nextCursor: string | null;
  counts: QueueCounts;
  /** The ledger's first page: how many applications the filters match. */
  total?: number;
}

/** The application's editable fields (a draft may leave any of them empty; submit checks them all at once). */
export interface TransferFields {
  channel?: Exclude<TransferChannel, 'INBOUND'>;
  destinationOrgId?: number;
  destinationName?: string;
  destinationRegion?: string;
  destinationAddressee?: string;
  reason?: TransferReason;
  reasonDetail?: string;
  duesPaidThrough?: string;
  phone?: string;
}

export interface ActionInput {
  action: Exclude<TransferAction, 'expire'>;
  version: number;
  comment?: string;
  checklist?: Checklist;
  missing?: string[];
  destinationBranchId?: number;
  receiptHandler?: string;
  receiptPhone?: string;
  incomingLetterNo?: string;
  validUntil?: string;
}

export interface InboundInput {
  destinationOrgId: number;
  incomingLetterNo: string;
  sourceOrgName: string;
  sourceRegion?: string;
  validUntil: string;
  name: string;
  sex: Sex;
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  phone: string;
  education: Education;
  category: MemberCategory;
  joinedAt: string;
  probationEndsAt?: string | null;
  duesPaidThrough: string;
  reason: TransferReason;
  reasonDetail?: string;
}

export interface TransferOverview {
  byState: Record<TransferState, number>;
  open: number;
  overdue: number;
  completedThisMonth: number;
  medianWorkingDays: number | null;
  overdueByOrganization: { org: { id: number; name: string; shortName: string }; overdue: number }[];
}

export interface LetterVerification {
  status: 'valid' | 'expired' | 'used' | 'revoked';
  serial: string;
  issuer: string;
  receiver: string;
  issuedAt: string;
  validUntil: string;
  memberName: string;
}

export async function fetchQueue(queue: Queue, filters: QueueFilters, cursor: string | null, limit: number, signal?: AbortSignal): Promise<QueuePage> {
  const url = queueUrl(queue, filters, cursor, limit);
  const { data } = await (takeEarly<QueuePage>(url) ?? http.get<QueuePage>(url, { signal }));
  return data;
}

/** The ledger (组织关系转接台账) of every application in scope, with the list's filters, as a workbook. */
export function exportLedger(filters: QueueFilters): Promise<string> {
  return downloadFile('/transfers/export', { params: filterParams(filters), fallbackName: `组织关系转接台账-${chinaDate()}.xlsx` });
}

/** The member's current (open, or else latest) transfer; null when they never applied. */
export async function fetchMine(signal?: AbortSignal): Promise<TransferDetail | null> {
  const { data } = await (takeEarly<TransferDetail | null>('/transfers/mine') ?? http.get<TransferDetail | null>('/transfers/mine', { signal }));
  return data ?? null;
}

export async function fetchTransfer(id: number, signal?: AbortSignal): Promise<TransferDetail> {
  const url = `/transfers/${id}`;
  const { data } = await (takeEarly<TransferDetail>(url) ?? http.get<TransferDetail>(url, { signal }));
  return data;
}

export async function createTransfer(fields: TransferFields & { memberId?: number }): Promise<TransferDetail> {
  const { data } = await http.post<TransferDetail>('/transfers', fields);
  return data;
}

export async function updateTransfer(id: number, version: number, fields: TransferFields): Promise<TransferDetail> {
  const { data } = await http.patch<TransferDetail>(`/transfers/${id}`, { ...fields, version });
  return data;
}

export async function deleteDraft(id: number): Promise<void> {
  await http.delete(`/transfers/${id}`);
}

export async function actOn(id: number, input: ActionInput): Promise<TransferDetail> {
  const { data } = await http.post<TransferDetail>(`/transfers/${id}/actions`, input);
  return data;
}

/** The receiving branch's record of its talk with a member who reported (POST /transfers/:id/talk). */
export async function recordTalk(id: number, input: { version: number; heldOn: string; note: string }): Promise<TransferDetail> {
  const { data } = await http.post<TransferDetail>(`/transfers/${id}/talk`, input);
  return data;
}

export async function registerInbound(input: InboundInput): Promise<TransferDetail> {
  const { data } = await http.post<TransferDetail>('/transfers/inbound', input);
  return data;
}

export async function fetchOverview(orgId?: number, signal?: AbortSignal): Promise<TransferOverview> {
  const { data } = await http.get<TransferOverview>('/transfers/overview', { params: orgId ? { orgId } : {}, signal });
  return data;
}

/** The county's organisation directory (names and codes only), for the destination picker. */
export async function searchDirectory(q: string, limit = 20, signal?: AbortSignal): Promise<OrgDirectoryEntry[]> {
  const { data } = await http.get<OrgDirectoryEntry[]>('/organizations/directory', { params: { q, limit }, signal });
  return data;
}

/** The letter PDF (each fetch is counted as a print by the server). */
/** Why the letter's PDF is asked for: only a print is counted on the letter; each is audited as what it is. */
export type LetterPurpose = 'print' | 'view' | 'download';

export async function fetchLetterPdf(id: number, purpose: LetterPurpose): Promise<{ blob: Blob; filename: string }> {
  const res = await http.get<Blob>(`/transfers/${id}/letter.pdf`, { params: { purpose }, responseType: 'blob', timeout: 120_000 });
  const filename = filenameFromDisposition(res.headers['content-disposition'] as string | undefined, `letter-${id}.pdf`);
  return { blob: res.data, filename };
}

export async function downloadLetter(id: number): Promise<string> {
  const { blob, filename } = await fetchLetterPdf(id, 'download');
  saveBlob(blob, filename);
  return filename;
}

/**
 * Opens the letter in a browser tab for viewing or printing. The tab is opened before the request (still inside the
 * click), because browsers block windows opened after an await.
 */
export async function openLetter(id: number, purpose: Exclude<LetterPurpose, 'download'>): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const { blob } = await fetchLetterPdf(id, purpose);
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    if (tab) tab.location.href = url;
    else window.location.assign(url);
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

/** Public: no login, no token (a receiver scanning the QR code). */
export async function verifyLetter(token: string, signal?: AbortSignal): Promise<LetterVerification> {
  const { data } = await http.get<LetterVerification>(`/letters/verify/${encodeURIComponent(token)}`, { skipAuth: true, signal });
  return data;
}
