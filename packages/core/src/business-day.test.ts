import { describe, expect, it } from 'vitest';
import { assertTimeZone, businessDay, localTime } from './business-day.js';

describe('business day in the centre time zone', () => {
  it('rolls over at local midnight in Asia/Ho_Chi_Minh (17:00 UTC), not at UTC midnight', () => {
    expect(businessDay(new Date('2026-03-01T16:59:59.999Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-03-01');
    expect(businessDay(new Date('2026-03-01T17:00:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-03-02');
    // 06:30 local on 2 March is still 1 March in UTC
    expect(businessDay(new Date('2026-03-01T23:30:00Z'), 'Asia/Ho_Chi_Minh')).toBe('2026-03-02');
    expect(businessDay(new Date('2026-03-01T23:30:00Z'), 'UTC')).toBe('2026-03-01');
  });

  it('gives weekday and minute of day in local time', () => {
    // Friday 27 Nov 2026, 07:30 in Hanoi = 00:30 UTC
    expect(localTime(new Date('2026-11-27T00:30:00Z'), 'Asia/Ho_Chi_Minh')).toEqual({ date: '2026-11-27', weekday: 5, minuteOfDay: 450, time: '07:30' });
    // Sunday, one minute before midnight local
    expect(localTime(new Date('2026-11-29T16:59:00Z'), 'Asia/Ho_Chi_Minh')).toMatchObject({ date: '2026-11-29', weekday: 7, minuteOfDay: 1439 });
    expect(localTime(new Date('2026-11-29T17:00:00Z'), 'Asia/Ho_Chi_Minh')).toMatchObject({ date: '2026-11-30', weekday: 1, minuteOfDay: 0, time: '00:00' });
  });

  it('follows daylight saving where a zone has it', () => {
    // Europe/Paris switches to CEST on 29 March 2026 at 01:00 UTC
    expect(localTime(new Date('2026-03-29T00:59:00Z'), 'Europe/Paris').time).toBe('01:59');
    expect(localTime(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris').time).toBe('03:00');
  });

  it('refuses an unknown time zone with a clear error', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrowError(/unknown time zone "Mars\/Olympus"/);
    expect(() => assertTimeZone('Asia/Ho_Chi_Minh')).not.toThrow();
  });
});
