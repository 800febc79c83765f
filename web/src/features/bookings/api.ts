import type { BookingConflictView, BookingPurpose, BookingView, CenterStats, DayAvailability, ServiceCenterView, TransferDetail, WeeklyHours } from '@zhdj/shared';
import { downloadFile } from '@/api/download';
import { takeEarly } from '@/api/early';
import { http } from '@/api/http';

/** GET /api/service-centers: every centre in the county, the member's own committee's first (`isMine`). */
export async function fetchCenters(signal?: AbortSignal): Promise<ServiceCenterView[]> {
  const { data } = await (takeEarly<ServiceCenterView[]>('/service-centers') ?? http.get<ServiceCenterView[]>('/service-centers', { signal }));
  return data;
}

export async function fetchCenter(id: number, signal?: AbortSignal): Promise<ServiceCenterView> {
  const { data } = await http.get<ServiceCenterView>(`/service-centers/${id}`, { signal });
  return data;
}

/** Per day: why it is closed, or its bookable slots with free places (at most 31 days at a time). */
export async function fetchAvailability(centerId: number, from: string, to: string, signal?: AbortSignal): Promise<DayAvailability[]> {
  const { data } = await http.get<DayAvailability[]>(`/service-centers/${centerId}/availability`, { params: { from, to }, signal });
  return data;
}

export interface NewBooking {
  serviceCenterId: number;
  start: string;
  purpose: BookingPurpose;
  transferId?: number;
  note?: string;
  proxyName?: string;
}

/**
 * Books a visit. The Idempotency-Key belongs to one booking attempt: a retry of the same attempt (after a lost
 * answer) sends the same key and gets the booking already made (200) rather than a second one.
 */
export async function createBooking(body: NewBooking, idempotencyKey: string): Promise<BookingView> {
  const { data } = await http.post<BookingView>('/bookings', body, { headers: { 'Idempotency-Key': idempotencyKey } });
  return data;
}

/** The member's bookings: upcoming (from yesterday on, oldest first) or, with `past`, all of them, newest first. */
export async function fetchMyBookings(past: boolean, signal?: AbortSignal): Promise<BookingView[]> {
  const { data } = await http.get<BookingView[]>('/bookings/mine', { params: past ? { past: 'true' } : {}, signal });
  return data;
}

export async function fetchBooking(id: number, signal?: AbortSignal): Promise<BookingView> {
  const { data } = await http.get<BookingView>(`/bookings/${id}`, { signal });
  return data;
}

/** Moves a booking atomically: when the new time is taken the old booking is kept (409 SLOT_FULL). */
export async function rescheduleBooking(id: number, start: string, version: number): Promise<BookingView> {
  const { data } = await http.post<BookingView>(`/bookings/${id}/reschedule`, { start, version });
  return data;
}

export async function cancelBooking(id: number, reason?: string): Promise<BookingView> {
  const { data } = await http.post<BookingView>(`/bookings/${id}/cancel`, reason ? { reason } : {});
  return data;
}

export function downloadBookingIcs(id: number): Promise<string> {
  return downloadFile(`/bookings/${id}/booking.ics`, { fallbackName: `booking-${id}.ics` });
}

/** The QR code wants the bearer token, so it is fetched as a blob; the caller revokes the object URL. */
export async function fetchBookingQr(id: number, signal?: AbortSignal): Promise<Blob> {
  const { data } = await http.get<Blob>(`/bookings/${id}/qr.svg`, { responseType: 'blob', signal });
  return data;
}

/** The transfer a visit is for (the tracker links here with it preselected). */
export async function fetchTransfer(id: number, signal?: AbortSignal): Promise<TransferDetail> {
  const { data } = await http.get<TransferDetail>(`/transfers/${id}`, { signal });
  return data;
}

// ---- Centre administrators (center.manage, within scope) ----

export async function fetchCenterBookings(centerId: number, from: string, to: string, signal?: AbortSignal): Promise<BookingView[]> {
  const { data } = await http.get<BookingView[]>(`/service-centers/${centerId}/bookings`, { params: { from, to }, signal });
  return data;
}

export async function checkInByCode(centerId: number, code: string): Promise<BookingView> {
  const { data } = await http.post<BookingView>(`/service-centers/${centerId}/check-in`, { code });
  return data;
}

export async function markAttended(id: number): Promise<BookingView> {
  const { data } = await http.post<BookingView>(`/bookings/${id}/attended`);
  return data;
}

export async function markNoShow(id: number): Promise<BookingView> {
  const { data } = await http.post<BookingView>(`/bookings/${id}/no-show`);
  return data;
}

/** A check-in or no-show marked by mistake, undone on the visit's day. */
export async function undoMark(id: number): Promise<BookingView> {
  const { data } = await http.post<BookingView>(`/bookings/${id}/undo-mark`);
  return data;
}

export interface CenterSettings {
  name: string;
  address: string;
  phone: string;
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  capacity: number;
  horizonDays: number;
  minNoticeMinutes: number;
  cancelCutoffMinutes: number;
  acceptsProxy: boolean;
  active: boolean;
}

export type CenterUpdateResult = ServiceCenterView & { conflicts: BookingConflictView[] };

/** Changes settings; bookings that no longer fit stay, and come back in `conflicts`. */
export async function updateCenter(id: number, settings: Partial<CenterSettings>, version: number): Promise<CenterUpdateResult> {
  const { data } = await http.patch<CenterUpdateResult>(`/service-centers/${id}`, { ...settings, version });
  return data;
}

export async function fetchConflicts(id: number, signal?: AbortSignal): Promise<BookingConflictView[]> {
  const { data } = await http.get<BookingConflictView[]>(`/service-centers/${id}/conflicts`, { signal });
  return data;
}

export interface CenterClosure {
  id: number;
  centerId: number;
  fromDate: string;
  toDate: string;
  reason: string;
  createdAt: string;
}

export async function fetchClosures(id: number, signal?: AbortSignal): Promise<CenterClosure[]> {
  const { data } = await http.get<CenterClosure[]>(`/service-centers/${id}/closures`, { signal });
  return data;
}

export async function addClosure(id: number, body: { fromDate: string; toDate: string; reason: string }): Promise<{ closureId: number; cancelled: number }> {
  const { data } = await http.post<{ closureId: number; cancelled: number }>(`/service-centers/${id}/closures`, body);
  return data;
}

/** Withdraws a closure entered in error; answers the first day that can be booked again. */
export async function removeClosure(id: number, closureId: number): Promise<{ reopenedFrom: string }> {
  const { data } = await http.delete<{ reopenedFrom: string }>(`/service-centers/${id}/closures/${closureId}`);
  return data;
}

export async function fetchCenterStats(from: string, to: string, signal?: AbortSignal): Promise<CenterStats[]> {
  const { data } = await http.get<CenterStats[]>('/service-centers/stats', { params: { from, to }, signal });
  return data;
}
