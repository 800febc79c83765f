/**
 * The week the administrators' date pickers show; every `el-date-picker` imports this module (elementPlusResolvers in
 * vite.config.ts). Element Plus takes a picker's first weekday from dayjs's locale of the picker's language, and dayjs
 * knows only English (weeks from Sunday) until another locale is loaded. Chinese calendars — the working calendar the
 * county keeps included — start the week on Monday, so zh-cn is loaded (its weekStart is Monday) and English is given
 * the same week: one county, one calendar, whichever language reads it.
 */
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import updateLocale from 'dayjs/plugin/updateLocale';

dayjs.extend(updateLocale);
dayjs.updateLocale('en', { weekStart: 1 });
