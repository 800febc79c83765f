import type { BookingView } from '@zhdj/shared';
import type { Booking } from './entities/booking.entity';
import type { ServiceCenter } from './entities/service-center.entity';
import { isoString } from '../common/calendar/iso-string';

export function toBookingView(b: Booking, center: Pick<ServiceCenter, 'id' | 'name' | 'address' | 'phone' | 'cancelCutoffMinutes'>, memberName: string): BookingView {
  return {
    id: b.id,
    center: { id: center.id, name: center.name, address: center.address, phone: center.phone },
    member: { id: b.memberId, name: memberName },
    start: isoString(b.startAt),
    end: isoString(b.endAt),
    purpose: b.purpose,
    status: b.status,
    checkInCode: b.checkInCode,
    transferId: b.transferId,
    note: b.note,
    proxyName: b.proxyName,
    cancelReason: b.cancelReason,
    version: b.version,
    changeableUntil: isoString(b.startAt.getTime() - center.cancelCutoffMinutes * 60_000),
  };
}
