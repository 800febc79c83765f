import { describe, expect, it } from 'vitest';
import { AppException, conflict } from './app.exception';

describe('AppException', () => {
  it('a refusal (4xx) carries no stack frames: it is an answer, not a fault', () => {
    const refusal = conflict('SLOT_FULL' as never, 'That time is fully booked');
    expect(refusal.getStatus()).toBe(409);
    expect(refusal.getResponse()).toEqual({ statusCode: 409, code: 'SLOT_FULL', message: 'That time is fully booked', details: undefined });
    expect(refusal.stack ?? '').not.toMatch(/\n\s+at /);
  });

  it('a server error keeps its stack for the log, and the process keeps its stack depth', () => {
    const before = Error.stackTraceLimit;
    const fault = new AppException(503, 'PDF_FONT_MISSING', 'The CJK font for letters is missing');
    expect(fault.stack).toMatch(/\n\s+at /);
    new AppException(404, 'NOT_FOUND', 'Letter not found');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('later').stack).toMatch(/\n\s+at /);
  });
});
