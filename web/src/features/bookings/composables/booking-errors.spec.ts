import { mount } from '@vue/test-utils';
import { defineComponent } from 'vue';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@/api/errors';
import { i18n } from '@/i18n';
import { loadBookingMessages } from '../load-messages';
import { bookingErrorWording } from './booking-errors';
import { markDay } from './schedule';
import { useBookingFormat } from './use-booking-format';

const refusal = (code: string, statusCode = 409, details?: unknown, message = code) => new ApiError({ statusCode, code, message, details });

/** useBookingFormat inside a mounted component, with the app's real messages. */
function format() {
  let api!: ReturnType<typeof useBookingFormat>;
  mount(defineComponent({ setup: () => ((api = useBookingFormat()), () => null) }), { global: { plugins: [i18n] } });
  return api;
}

// The booking screens' messages join the app's when a booking route opens; here, before the tests.
beforeAll(() => loadBookingMessages('member', 'admin'));

const rules = { minNoticeMinutes: 120, cancelCutoffMinutes: 60, horizonDays: 14, phone: '0516-86454472' };

describe('booking refusals in plain words', () => {
  afterEach(() => {
    i18n.global.locale.value = 'zh-CN';
  });

  it('says the old booking is kept when a reschedule meets a full slot', () => {
    const f = format();
    expect(f.errorText(refusal('SLOT_FULL'), 'book', rules)).toBe('这个时间刚刚被约满了，请换一个时间。');
    expect(f.errorText(refusal('SLOT_FULL'), 'reschedule', rules)).toBe('新的时间刚刚被约满了，您原来的预约仍然保留。请换一个时间。');
  });

  it('tells the window a visit is already checked in or marked a no-show, in words for what it was doing', () => {
    const f = format();
    expect(f.errorText(refusal('ALREADY_CHECKED_IN'), 'checkIn', rules)).toBe('这个预约已经签到过了，无需重复签到。');
    expect(f.errorText(refusal('ALREADY_NO_SHOW'), 'checkIn', rules)).toBe('这个预约已被标记为未到。如本人确已到场，请先在当日预约中该行点“撤销登记”，再签到。');
    expect(f.errorText(refusal('ALREADY_NO_SHOW'), 'noShow', rules)).toBe('这个预约已经标记为未到，无需重复标记。');
  });

  it('words a notice or cut-off of 0 as the visit having begun, never “0 分钟”', () => {
    const f = format();
    expect(f.errorText(refusal('TOO_LATE'), 'book', { ...rules, minNoticeMinutes: 0 })).toBe('这个时间已经开始了，请选择稍晚的时间。');
    expect(f.errorText(refusal('TOO_LATE'), 'cancel', { ...rules, cancelCutoffMinutes: 0 })).toBe('预约时间已经开始，不能在网上改约或取消。请致电服务中心 0516-86454472。');
  });

  it('says a booking cannot be linked to a transfer that has ended', () => {
    const f = format();
    expect(f.errorText(refusal('TRANSFER_STATE_CONFLICT', 409, { state: 'COMPLETED' }), 'book', rules)).toBe('所关联的转接已经办结、退回或撤回，不能再为它预约。如有其他事项，请不关联转接直接预约。');
  });

  it('quotes the centre’s own notice, cut-off, horizon and phone', () => {
    const f = format();
    expect(f.errorText(refusal('TOO_LATE'), 'book', rules)).toBe('这个时间太近了，需要提前 2 小时预约，请选择稍晚的时间。');
    expect(f.errorText(refusal('TOO_LATE'), 'book', { ...rules, minNoticeMinutes: 90 })).toContain('需要提前 90 分钟预约');
    expect(f.errorText(refusal('TOO_LATE'), 'cancel', rules)).toBe('距离预约时间已不足 1 小时，不能在网上改约或取消。请致电服务中心 0516-86454472。');
    // Moving a booking still before its cut-off into a time too soon: the notice; moving one past it: phone.
    expect(f.errorText(refusal('TOO_LATE'), 'reschedule', { ...rules, pastCutoff: false })).toContain('需要提前 2 小时预约');
    expect(f.errorText(refusal('TOO_LATE'), 'reschedule', { ...rules, pastCutoff: true })).toContain('请致电服务中心');
    expect(f.errorText(refusal('BEYOND_HORIZON'), 'book', rules)).toBe('只能预约未来 14 天内的时间，请选择更近的日期。');
  });

  it('names the holiday or closure that closes a day', () => {
    const f = format();
    expect(f.errorText(refusal('CENTER_CLOSED', 409, { reason: 'HOLIDAY', detail: '元旦' }), 'book', rules)).toBe('服务中心这一天不开放（元旦），请选择其他日期。');
    expect(f.errorText(refusal('CENTER_CLOSED'), 'book', rules)).toBe('服务中心这一天不开放，请选择其他日期。');
  });

  it('explains every booking rule, and leaves the rest to the app’s general messages', () => {
    const f = format();
    expect(f.errorText(refusal('OUTSIDE_HOURS'), 'book')).toContain('不在服务中心的办公时间内');
    expect(f.errorText(refusal('DUPLICATE_BOOKING'), 'book')).toContain('已经有预约');
    expect(f.errorText(refusal('PROXY_NOT_ACCEPTED', 422), 'book')).toContain('不接受他人代办');
    expect(f.errorText(refusal('BOOKING_NOT_CHANGEABLE'), 'cancel')).toContain('不能再更改');
    expect(f.errorText(refusal('BOOKING_NOT_CHANGEABLE'), 'noShow')).toBe('预约时间结束后才能标记为未到。');
    expect(f.errorText(refusal('CHECK_IN_CODE_UNKNOWN', 404), 'checkIn')).toContain('没有找到今天在本中心');
    expect(f.errorText(refusal('VALIDATION_FAILED', 400, [{ field: 'transferId', constraint: 'own', message: 'x' }]), 'book')).toContain('不是您本人的');
    expect(f.errorText(refusal('NETWORK_ERROR', 0), 'book')).toBe('网络连接失败，请检查网络后重试');
    expect(f.errorText(new Error('boom'), 'book')).toBe('操作失败，请稍后再试');
    expect(bookingErrorWording(refusal('FORBIDDEN', 403), 'book')).toBeNull();
  });

  it('speaks English when the member chose it', async () => {
    const { applyLocale } = await import('@/i18n');
    await applyLocale('en');
    await loadBookingMessages('member', 'admin');
    const f = format();
    expect(f.errorText(refusal('SLOT_FULL'), 'reschedule', rules)).toBe('The new time has just been fully booked; your current booking is kept. Please choose another time.');
    expect(f.errorText(refusal('TOO_LATE'), 'book', rules)).toContain('at least 2 hours ahead');
    // The month by name: "3/12" is 3 December to some readers and 12 March to others.
    expect(f.dayLabel('2026-12-03', { relative: true, today: '2026-12-02' })).toBe('3 Dec (tomorrow)');
    expect(f.when({ start: '2027-01-04T01:00:00.000Z', end: '2027-01-04T01:30:00.000Z' }, { year: true })).toBe('Mon 4 Jan 2027, 09:00\u2060–\u206009:30');
  });
});

describe('calendar wording', () => {
  it('shows a holiday’s own name in its cell and explains it in full', () => {
    const f = format();
    const day = markDay({ date: '2027-01-01', closed: { reason: 'HOLIDAY', detail: '元旦' }, slots: [] }, '2026-12-28');
    expect(f.dayMarkText(day)).toBe('元旦');
    expect(f.dayState(day)).toBe('法定节假日（元旦），服务中心不开放');
    const weekend = markDay({ date: '2026-12-05', closed: { reason: 'WEEKEND' }, slots: [] }, '2026-11-30');
    expect(f.dayMarkText(weekend)).toBe('休息');
    expect(f.dayState(weekend)).toBe('周末休息，服务中心不开放');
    expect(f.dayLabel('2026-11-30')).toBe('11月30日 周一');
    expect(f.dayLabel('2026-12-01', { relative: true, today: '2026-11-30' })).toBe('12月1日 明天');
    expect(f.when({ start: '2026-11-30T01:00:00.000Z', end: '2026-11-30T01:30:00.000Z' })).toBe('11月30日 周一 09:00\u2060–\u206009:30');
  });
});
