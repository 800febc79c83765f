import { beforeAll } from 'vitest';
import { useCalendarOverrides } from '../../src/common/calendar/china-calendar';

// Test files share one module graph per worker (vitest.config.mts: isolate off), so what a module keeps between calls
// must start clean in each file. The calendar's entered days are such state: an app loads its database's at start-up,
// and a file that entered some (the calendar screen's test) would otherwise leave them to the next file's dates.
beforeAll(() => useCalendarOverrides([]));
