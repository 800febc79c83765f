import type { BookingView } from '@zhdj/shared';
import { describe, expect, it } from 'vitest';
import { bookingIcs } from './booking-calendar-file';

const visit: BookingView = {
  id: 42,
  center: { id: 3, name: '新安街道党群服务中心', address: '江苏省新沂市沭东大道120号', phone: '0516-86454472' },
  member: { id: 7, name: '纪荣轩' },
  start: '2026-12-08T01:00:00.000Z',
  end: '2026-12-08T01:30:00.000Z',
  purpose: 'COLLECT_LETTER',
  status: 'BOOKED',
  checkInCode: '4711',
  transferId: null,
  note: '',
  proxyName: '王明',
  cancelReason: null,
  version: 1,
  changeableUntil: '2026-12-07T16:00:00.000Z',
};

/** The .ics text with its folded lines joined again (RFC 5545 folds at 75 octets). */
const unfolded = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('bookingIcs', () => {
  it('is in Chinese by default: the centre, the purpose, the check-in code and what to bring', () => {
    const ics = unfolded(bookingIcs(visit));
    expect(ics).toContain('SUMMARY:新安街道党群服务中心：领取纸质介绍信');
    expect(ics).toContain('签到码 4711');
    expect(ics).toContain('代办人 王明');
    expect(ics).toContain('DESCRIPTION:明天到党群服务中心办事');
    expect(ics).toContain('DTSTART:20261208T010000Z');
  });

  it('is in English when the member’s screen is: the same visit, its words in English, names as recorded', () => {
    const ics = unfolded(bookingIcs(visit, 'en'));
    expect(ics).toContain('SUMMARY:新安街道党群服务中心: Collect a paper letter');
    expect(ics).toContain('Check-in code 4711. Please bring your ID card\\; 王明\\, coming on your behalf\\, brings both ID cards and your written authorisation.');
    expect(ics).toContain('DESCRIPTION:Your visit to the service centre is tomorrow');
    expect(ics).toContain('DTSTART:20261208T010000Z');
    expect(ics).not.toMatch(/签到码|请携带|明天/);
  });
});
