import { describe, expect, it } from 'vitest';
import type { AppNotification } from './api';
import { notificationWording } from './wording';

const note = (kind: string, title: string, body: string, params: AppNotification['params']): AppNotification => ({
  id: 1,
  kind,
  title,
  body,
  link: '',
  read: false,
  createdAt: '2026-12-02T00:30:00.000Z',
  params,
});
const label = (s: string) => ({ SUBMITTED: 'Awaiting pre-review', COMPLETED: 'Completed' })[s] ?? s;

describe('a notification in the language in use', () => {
  it('is shown as the server wrote it in Chinese', () => {
    const n = note('transfer.changed', '组织关系转接：已完成', '转往 中共新沂市北沟街道工作委员会', { state: 'COMPLETED', destination: '中共新沂市北沟街道工作委员会' });
    expect(notificationWording(n, 'zh-CN', label)).toEqual({ title: '组织关系转接：已完成', body: '转往 中共新沂市北沟街道工作委员会' });
  });

  it('is worded in English from its kind and facts, names kept as written', () => {
    expect(notificationWording(note('transfer.changed', '组织关系转接：已完成', '转往 北沟街道党工委', { state: 'COMPLETED', destination: '北沟街道党工委' }), 'en', label)).toEqual({
      title: 'Membership transfer: Completed',
      body: 'To 北沟街道党工委',
    });
    expect(notificationWording(note('booking.reminder', '明天 09:30 到新安街道党群服务中心递交材料', '…', { time: '09:30', center: '新安街道党群服务中心', purpose: 'HAND_IN_MATERIALS', address: '新安路 1 号', code: 'A1B2C3' }), 'en', label)).toEqual({
      title: 'Tomorrow at 09:30: Hand in materials at 新安街道党群服务中心',
      body: 'Address: 新安路 1 号. Check-in code A1B2C3; please bring your ID card.',
    });
    expect(notificationWording(note('transfer.dueToday', '今日到期：5 件组织关系转接待办理', '…', { count: 5, names: '王建国、李明、张三' }), 'en', label)).toEqual({
      title: 'Due today: 5 membership transfers to act on',
      body: 'Please act today: 王建国, 李明, 张三 and others',
    });
    expect(notificationWording(note('transfer.dueToday', '今日到期：1 件组织关系转接待办理', '…', { count: 1, names: '王建国' }), 'en', label).title).toBe('Due today: 1 membership transfer to act on');
    // An appointment names the organisation as written.
    expect(notificationWording(note('admin.appointed', '您已被任命为沂河社区党支部管理员', '…', { org: '沂河社区党支部', role: 'BRANCH_ADMIN' }), 'en', label).title).toBe('You now administer 沂河社区党支部');
    expect(notificationWording(note('admin.dismissed', '您已不再担任沂河社区党支部管理员', '…', { org: '沂河社区党支部', role: 'BRANCH_ADMIN' }), 'en', label)).toEqual({
      title: 'You no longer administer 沂河社区党支部',
      body: 'Its to-dos have passed to other administrators.',
    });
    // A visit's confirmation and its move name the day and time, as the Chinese does.
    const visit = { date: '2026-12-08', time: '09:30', center: '新安街道党群服务中心', purpose: 'HAND_IN_MATERIALS', code: 'A1B2C3' };
    expect(notificationWording(note('booking.confirmed', '预约成功：12月8日（周二）09:30，新安街道党群服务中心', '…', visit), 'en', label)).toEqual({
      title: 'Visit booked: Tue 8 Dec, 09:30, 新安街道党群服务中心',
      body: 'Hand in materials; check-in code A1B2C3',
    });
    expect(notificationWording(note('booking.rescheduled', '已改约：…', '…', { ...visit, date: '2026-12-09', time: '10:00', fromDate: '2026-12-08', fromTime: '09:30' }), 'en', label)).toEqual({
      title: 'Visit moved to Wed 9 Dec, 10:00, 新安街道党群服务中心',
      body: 'It was booked for Tue 8 Dec, 09:30. Hand in materials; check-in code A1B2C3',
    });
    // One sent before the time was kept with it.
    expect(notificationWording(note('booking.confirmed', '预约成功：新安街道党群服务中心', '…', { center: '新安街道党群服务中心', purpose: 'HAND_IN_MATERIALS', code: 'A1B2C3' }), 'en', label).title).toBe('Visit booked: 新安街道党群服务中心');
    // A cancellation's reason is the administrator's own words.
    expect(notificationWording(note('booking.cancelled', '预约已被取消：新安街道党群服务中心', '中心临时停电', { center: '新安街道党群服务中心' }), 'en', label)).toEqual({
      title: 'Your visit to 新安街道党群服务中心 was cancelled',
      body: '中心临时停电',
    });
    // Since the visit and the cause are kept with it: the time, and a closure or a day off worded in English.
    expect(notificationWording(note('booking.cancelled', '预约已被取消：…', '窗口人员外出培训', { ...visit, cause: 'admin' }), 'en', label)).toEqual({
      title: 'Visit cancelled by the centre: Tue 8 Dec, 09:30, 新安街道党群服务中心',
      body: '窗口人员外出培训',
    });
    expect(notificationWording(note('booking.cancelled', '预约已被取消：…', '…', { ...visit, cause: 'closure', closedFrom: '2026-12-08', closedTo: '2026-12-09', reason: '场地维修' }), 'en', label).body).toBe(
      'The centre is closed from 2026-12-08 to 2026-12-09 (场地维修); please book another time.',
    );
    expect(notificationWording(note('booking.cancelled', '预约已被取消：…', '…', { ...visit, cause: 'closure', closedFrom: '2026-12-08', closedTo: '2026-12-08', reason: '场地维修' }), 'en', label).body).toBe(
      'The centre is closed on 2026-12-08 (场地维修); please book another time.',
    );
    expect(notificationWording(note('booking.cancelled', '预约已被取消：…', '…', { ...visit, cause: 'dayOff', dayOff: '2026-12-08', why: '元旦放假' }), 'en', label).body).toBe(
      '2026-12-08 is now a day off (元旦放假) and the centres are closed; please book another time.',
    );
    // The member's own cancellation, as their list records it.
    expect(notificationWording(note('booking.cancelledByMember', '已取消预约：12月8日（周二）09:30，新安街道党群服务中心', '递交材料', { date: '2026-12-08', time: '09:30', center: '新安街道党群服务中心', purpose: 'HAND_IN_MATERIALS' }), 'en', label)).toEqual({
      title: 'Visit cancelled: Tue 8 Dec, 09:30, 新安街道党群服务中心',
      body: 'Hand in materials',
    });
  });

  it('names the member an administrator’s to-do and talk reminders are about, and says when an organisation has no administrator', () => {
    expect(notificationWording(note('transfer.actionNeeded', '待办：王建国 的组织关系转接（待初审）', '…', { state: 'SUBMITTED', destination: '', member: '王建国' }), 'en', label).title).toBe(
      'To do: 王建国’s membership transfer (Awaiting pre-review)',
    );
    expect(notificationWording(note('transfer.actionNeeded', '待办：组织关系转接（待初审）', '', { state: 'SUBMITTED', destination: '' }), 'en', label).title).toBe(
      'To do: membership transfer (Awaiting pre-review)',
    );
    expect(notificationWording(note('transfer.talkDue', '待办：与新转入党员 武驰 谈话', '…', { dueOn: '2026-12-11', member: '武驰' }), 'en', label)).toEqual({
      title: 'To do: talk with 武驰',
      body: 'By 2026-12-11, please talk with 武驰, who has reported, and record it.',
    });
    const unstaffed = notificationWording(note('transfer.holderUnstaffed', '…', '…', { state: 'SUBMITTED', destination: '', member: '袁楷瑞', holder: '市社会组织党委' }), 'en', label);
    expect(unstaffed.title).toBe('To do (市社会组织党委 has no administrator): 袁楷瑞’s membership transfer (Awaiting pre-review)');
  });

  it('tells the member and the holders of a letter running out by when, and what is still waited for', () => {
    expect(notificationWording(note('transfer.letterExpiring', '介绍信将于 2026-12-10 到期', '…', { validUntil: '2026-12-10', place: '北沟街道阳光社区第一党支部' }), 'en', label)).toEqual({
      title: 'Your introduction letter expires on 2026-12-10',
      body: 'Please report to 北沟街道阳光社区第一党支部 by 2026-12-10. After that the letter is void and has to be issued again.',
    });
    const holder = (waiting: string) =>
      notificationWording(note('transfer.letterExpiringHolder', '介绍信即将到期：武驰 的组织关系转接', '介绍信 2026-12-10 到期', { validUntil: '2026-12-10', member: '武驰', waiting }), 'en', label);
    expect(holder('accept')).toEqual({ title: 'Letter expiring: 武驰’s membership transfer', body: 'The letter expires on 2026-12-10: please accept the transfer before then, or the letter lapses.' });
    expect(holder('receipt').body).toBe('The letter expires on 2026-12-10 and no receipt is recorded: please contact the member and urge them to report in time.');
    expect(holder('report').body).toBe('The letter expires on 2026-12-10 and the member has not reported: please contact them and urge them to report in time.');
    // A step not worded here keeps the server's text.
    expect(holder('later').body).toBe('介绍信 2026-12-10 到期');
  });

  it('tells the member everything to add after a return, and the branch to report to once placed', () => {
    const changed = (params: AppNotification['params']) => notificationWording(note('transfer.changed', '组织关系转接：…', '…', params), 'en', label);
    expect(changed({ state: 'RETURNED', destination: 'X', missing: '请补充联系电话；请补交党费 2 个月' }).body).toBe('To add: 请补充联系电话; 请补交党费 2 个月');
    expect(changed({ state: 'ACCEPTED', destination: 'X', branch: '第二支部' }).body).toBe('Placed in 第二支部: please report there soon');
    expect(changed({ state: 'SUBMITTED', destination: 'X' }).body).toBe('To X');
  });

  it('tells the receiving committee a revoked letter is void, by its number', () => {
    expect(notificationWording(note('transfer.letterVoid', '介绍信作废：武驰 的介绍信（第2026XY02027号）', '…', { member: '武驰', serial: '2026XY02027' }), 'en', label)).toEqual({
      title: 'Letter void: 武驰’s introduction letter (no. 2026XY02027)',
      body: 'The issuer has revoked this letter and will issue a new one. Do not accept the old letter if anyone presents it.',
    });
  });

  it('is shown as written when it has no facts (sent before they were kept) or is of a kind not worded', () => {
    expect(notificationWording(note('transfer.changed', '组织关系转接：已完成', '', null), 'en', label).title).toBe('组织关系转接：已完成');
    expect(notificationWording(note('something.new', '新消息', '', { a: 1 }), 'en', label).title).toBe('新消息');
  });
});
