import { describe, expect, it } from 'vitest';
import { addDays, dayRange, instantOfLocal, isCalendarDate, nextLocalTime } from './local-instants.js';

const HANOI = 'Asia/Ho_Chi_Minh';

describe('instants of the local calendar', () => {
  it('tells real dates from look-alikes', () => {
    expect(isCalendarDate('2026-11-27')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const value of ['2026-02-30', '2026-13-01', '2026-1-01', '27-11-2026', '2026-11-27T00:00', '']) expect(isCalendarDate(value), value).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('gives a business day of Hanoi as 17:00 UTC the day before to 17:00 UTC', () => {
    const { start, end } = dayRange('2026-11-27', HANOI);
    expect(start.toISOString()).toBe('2026-11-26T17:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-27T17:00:00.000Z');
    expect(instantOfLocal('2026-11-27', 150, HANOI).toISOString()).toBe('2026-11-26T19:30:00.000Z');
  });

  it('follows daylight saving time where there is one', () => {
    // Paris moves from UTC+1 to UTC+2 on 29 March 2026 at 02:00 local; that day lasts 23 hours.
    const { start, end } = dayRange('2026-03-29', 'Europe/Paris');
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(instantOfLocal('2026-07-01', 150, 'Europe/Paris').toISOString()).toBe('2026-07-01T00:30:00.000Z');
  });

  it('finds the next time the local clock shows a time of day', () => {
    // 08:00 in Hanoi: 02:30 has passed today, so tomorrow's.
    expect(nextLocalTime(new Date('2026-11-27T01:00:00Z'), 150, HANOI).toISOString()).toBe('2026-11-27T19:30:00.000Z');
    // 01:00 in Hanoi: today's 02:30 is still to come.
    expect(nextLocalTime(new Date('2026-11-26T18:00:00Z'), 150, HANOI).toISOString()).toBe('2026-11-26T19:30:00.000Z');
    // Exactly at 02:30: the next one, a day later.
    expect(nextLocalTime(new Date('2026-11-26T19:30:00Z'), 150, HANOI).toISOString()).toBe('2026-11-27T19:30:00.000Z');
  });
});
