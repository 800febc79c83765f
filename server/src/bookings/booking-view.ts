import type { BookingView } from '@zhdj/shared';
import type { Booking } from './entities/booking.entity';
import type { ServiceCenter } from './entities/service-center.entity';

export function toBookingView(b: Booking, center: Pick<ServiceCenter, 'id' | 'name' | 'address' | 'phone' | 'cancelCutoffMinutes'>, memberName: string): BookingView {
  return {
    id: b.id,
    center: { id: center.id, name: center.name, address: center.address, phone: center.phone },
    member: { id: b.memberId, name: memberName },
    start: b.startAt.toISOString(),
    end: b.endAt.toISOString(),
    purpose: b.purpose,
    status: b.status,
    checkInCode: b.checkInCode,
    transferId: b.transferId,
    note: b.note,
    proxyName: b.proxyName,
    cancelReason: b.cancelReason,
    version: b.version,
    changeableUntil: new Date(b.startAt.getTime() - center.cancelCutoffMinutes * 60_000).toISOString(),
  };
}
