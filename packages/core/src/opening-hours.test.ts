import { describe, expect, it } from 'vitest';
import { localTime } from './business-day.js';
import { describeOpeningHours, isOpenAt, parseHm, validateOpeningHours } from './opening-hours.js';
import type { OpeningPeriod } from './types.js';

const OFFICE: OpeningPeriod[] = [
  { days: [1, 2, 3, 4, 5], open: '07:30', close: '11:30' },
  { days: [1, 2, 3, 4, 5], open: '13:30', close: '17:00' },
  { days: [6], open: '07:30', close: '11:30' },
];
const at = (iso: string) => localTime(new Date(iso), 'Asia/Ho_Chi_Minh');

describe('opening hours', () => {
  it('is open inside a period and closed at its end (local time)', () => {
    expect(isOpenAt(OFFICE, at('2026-11-27T00:29:00Z'))).toBe(false); // Fri 07:29
    expect(isOpenAt(OFFICE, at('2026-11-27T00:30:00Z'))).toBe(true); // Fri 07:30
    expect(isOpenAt(OFFICE, at('2026-11-27T04:29:00Z'))).toBe(true); // Fri 11:29
    expect(isOpenAt(OFFICE, at('2026-11-27T04:30:00Z'))).toBe(false); // Fri 11:30, lunch
    expect(isOpenAt(OFFICE, at('2026-11-27T06:30:00Z'))).toBe(true); // Fri 13:30
    expect(isOpenAt(OFFICE, at('2026-11-28T06:30:00Z'))).toBe(false); // Sat 13:30
    expect(isOpenAt(OFFICE, at('2026-11-29T01:00:00Z'))).toBe(false); // Sunday
  });

  it('accepts 00:00-24:00 as the whole day', () => {
    const always: OpeningPeriod[] = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
    expect(isOpenAt(always, at('2026-11-29T16:59:00Z'))).toBe(true); // Sun 23:59
    expect(isOpenAt(always, at('2026-11-29T17:00:00Z'))).toBe(true); // Mon 00:00
    expect(isOpenAt([], at('2026-11-29T17:00:00Z'))).toBe(false);
  });

  it('refuses malformed periods', () => {
    expect(() => parseHm('7:30')).toThrowError(/not a time of day/);
    expect(() => parseHm('24:30')).toThrowError(/past 24:00/);
    expect(() => validateOpeningHours([{ days: [1], open: '12:00', close: '08:00' }])).toThrowError(/ends before it starts/);
    expect(() => validateOpeningHours([{ days: [0], open: '08:00', close: '12:00' }])).toThrowError(/weekday 0/);
    expect(() => validateOpeningHours([{ days: [], open: '08:00', close: '12:00' }])).toThrowError(/at least one weekday/);
    expect(() => validateOpeningHours(OFFICE)).not.toThrow();
  });

  it('describes hours for error messages', () => {
    expect(describeOpeningHours(OFFICE)).toBe('Mon-Fri 07:30-11:30; Mon-Fri 13:30-17:00; Sat 07:30-11:30');
    expect(describeOpeningHours([])).toBe('never open');
  });
});
