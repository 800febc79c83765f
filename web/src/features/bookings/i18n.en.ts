import type { zhCN } from './i18n.zh-CN';

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
