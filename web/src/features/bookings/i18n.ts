/**
 * Messages of the booking feature (预约) that must exist before any booking screen is opened — the menu and tab-bar
 * labels and the page titles — registered in src/i18n with one spread line per locale. Everything else is loaded with
 * the booking screens themselves (load-messages.ts), so the member's first screen does not carry it. The English
 * object is typed by the Chinese one, so a missing or extra key fails the type check.
 */
export const zhCN = {
  bookings: {
    nav: {
      tab: '预约',
      desk: '预约接待',
      overview: '预约统计',
    },
    title: {
      list: '我的预约',
      new: '预约办事',
      detail: '预约详情',
      reschedule: '改约',
      desk: '预约接待',
      overview: '预约统计',
    },
  },
};

export const en: typeof zhCN = {
  bookings: {
    nav: {
      tab: 'Visits',
      desk: 'Service desk',
      overview: 'Booking statistics',
    },
    title: {
      list: 'My visits',
      new: 'Book a visit',
      detail: 'Visit details',
      reschedule: 'Change time',
      desk: 'Service desk',
      overview: 'Booking statistics',
    },
  },
};
