import { localTime } from './business-day.js';

/**
 * From the centre's calendar to instants: where a business day starts and ends in UTC, and when the
 * local clock next shows a time of day (a nightly job). The inverse of business-day.ts.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE_MS = 60_000;

/** Is it a real date written YYYY-MM-DD (2026-02-30 is not)? */
export function isCalendarDate(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(day: string, days: number): string {
  return new Date(utcMidnight(day) + days * 86_400_000).toISOString().slice(0, 10);
}

function utcMidnight(day: string): number {
  const match = DAY.exec(day);
  if (!match) throw new Error(`"${day}" is not a date (YYYY-MM-DD)`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/**
 * The instant the local clock of `timeZone` shows `day` at `minuteOfDay` (0..1439). In a
 * daylight-saving gap, the first instant after it.
 */
export function instantOfLocal(day: string, minuteOfDay: number, timeZone: string): Date {
  const wanted = utcMidnight(day) + minuteOfDay * MINUTE_MS;
  let guess = wanted;
  // The zone's offset at the guess moves the guess; two steps settle it, a third covers a DST edge.
  for (let step = 0; step < 3; step++) {
    const local = localTime(new Date(guess), timeZone);
    const shown = utcMidnight(local.date) + local.minuteOfDay * MINUTE_MS;
    if (shown === wanted) break;
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** A business day as a half-open range of instants [start, end): local midnight to the next. */
export function dayRange(day: string, timeZone: string): { start: Date; end: Date } {
  return { start: instantOfLocal(day, 0, timeZone), end: instantOfLocal(addDays(day, 1), 0, timeZone) };
}

/** The first instant after `after` at which the local clock shows `minuteOfDay` (0..1439). */
export function nextLocalTime(after: Date, minuteOfDay: number, timeZone: string): Date {
  const today = localTime(after, timeZone).date;
  const candidate = instantOfLocal(today, minuteOfDay, timeZone);
  return candidate.getTime() > after.getTime() ? candidate : instantOfLocal(addDays(today, 1), minuteOfDay, timeZone);
}
