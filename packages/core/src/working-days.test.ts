import { describe, expect, it } from 'vitest';
import { addWorkingDays, countingStartDay, dueDate, isWorkingDay, nextWorkingDay, workCalendar, workingDaysBetween } from './working-days.js';

/** Hanoi is UTC+7 all year: 17:00 local = 10:00Z, 16:00 local = 09:00Z. */
const HANOI = 'Asia/Ho_Chi_Minh';
/** National Day 2026: Tuesday 1 and Wednesday 2 September off. */
const calendar = workCalendar({ holidays: ['2026-09-01', '2026-09-02'] });

describe('the working-day calendar', () => {
  it('takes Saturdays, Sundays and the holidays off', () => {
    expect(isWorkingDay('2026-08-31', calendar)).toBe(true); // Monday
    expect(isWorkingDay('2026-09-01', calendar)).toBe(false); // holiday
    expect(isWorkingDay('2026-09-05', calendar)).toBe(false); // Saturday
    expect(isWorkingDay('2026-09-06', calendar)).toBe(false); // Sunday
    expect(nextWorkingDay('2026-08-31', calendar)).toBe('2026-09-03');
    expect(nextWorkingDay('2026-09-04', calendar)).toBe('2026-09-07');
    expect(addWorkingDays('2026-08-28', 0, calendar)).toBe('2026-08-28');
    expect(addWorkingDays('2026-08-29', 0, calendar)).toBe('2026-08-31'); // a Saturday counts from Monday
    expect(addWorkingDays('2026-08-28', 3, calendar)).toBe('2026-09-04'); // Mon 31, Thu 3, Fri 4
    expect(workingDaysBetween('2026-08-28', '2026-09-07', calendar)).toBe(4); // Fri, Mon, Thu, Fri
    expect(workingDaysBetween('2026-09-07', '2026-09-07', calendar)).toBe(0);
  });

  it('applies the afternoon rule at the cut-off: 16:00:00 counts today, 16:00:01 the next working day', () => {
    expect(countingStartDay(new Date('2026-11-27T09:00:00.000Z'), calendar, HANOI)).toBe('2026-11-27'); // Friday 16:00:00
    expect(countingStartDay(new Date('2026-11-27T09:00:01.000Z'), calendar, HANOI)).toBe('2026-11-30'); // Friday 16:00:01 → Monday
    expect(countingStartDay(new Date('2026-11-28T02:00:00.000Z'), calendar, HANOI)).toBe('2026-11-30'); // Saturday 09:00 → Monday
    expect(countingStartDay(new Date('2026-09-01T01:00:00.000Z'), calendar, HANOI)).toBe('2026-09-03'); // holiday → Thursday
    // 23:30 UTC on Sunday is already Monday 06:30 in Hanoi: a working day, before the cut-off.
    expect(countingStartDay(new Date('2026-11-29T23:30:00.000Z'), calendar, HANOI)).toBe('2026-11-30');
  });

  it('promises the end of office hours of the N-th working day after the counting start', () => {
    // Monday 31 Aug 09:00, 3 days: Thu 3 (1), Fri 4 (2), Mon 7 (3), across the holidays and the weekend.
    expect(dueDate(new Date('2026-08-31T02:00:00Z'), 3, calendar, HANOI).toISOString()).toBe('2026-09-07T10:00:00.000Z');
    // 0 days: the same working day at 17:00, or the next one after the cut-off.
    expect(dueDate(new Date('2026-11-27T08:59:00Z'), 0, calendar, HANOI).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    expect(dueDate(new Date('2026-11-27T09:30:00Z'), 0, calendar, HANOI).toISOString()).toBe('2026-11-30T10:00:00.000Z');
    // Friday 16:30, 1 day: counts from Monday, due Tuesday 17:00.
    expect(dueDate(new Date('2026-11-27T09:30:00Z'), 1, calendar, HANOI).toISOString()).toBe('2026-12-01T10:00:00.000Z');
    // Received on Saturday, 2 days: Monday is the start, Wednesday the due day.
    expect(dueDate(new Date('2026-11-28T02:00:00Z'), 2, calendar, HANOI).toISOString()).toBe('2026-12-02T10:00:00.000Z');
  });

  it('takes its cut-off and office hours as parameters, and the default time zone is Hanoi', () => {
    const morning = workCalendar({ cutoff: '11:30', officeEnd: '16:30' });
    // Friday 11:45 in Hanoi is after an 11:30 cut-off: Monday, due Monday 16:30 (09:30Z) for 0 days.
    expect(dueDate(new Date('2026-11-27T04:45:00Z'), 0, morning).toISOString()).toBe('2026-11-30T09:30:00.000Z');
    expect(dueDate(new Date('2026-11-27T04:45:00Z'), 0, workCalendar()).toISOString()).toBe('2026-11-27T10:00:00.000Z');
    // Another zone: UTC centre, received Friday 15:00 UTC, due Friday 17:00 UTC.
    expect(dueDate(new Date('2026-11-27T15:00:00Z'), 0, workCalendar(), 'UTC').toISOString()).toBe('2026-11-27T17:00:00.000Z');
  });

  it('refuses a holiday or a time that is not one', () => {
    expect(() => workCalendar({ holidays: ['2026-02-30'] })).toThrowError(/holiday "2026-02-30"/);
    expect(() => workCalendar({ cutoff: '16h' })).toThrowError(/cut-off "16h"/);
    expect(() => workCalendar({ officeEnd: '24:00' })).toThrowError(/end of office hours/);
  });
});
