import { DEFAULT_TIME_ZONE, localTime } from './business-day.js';
import { DomainError } from './errors.js';
import { addDays, instantOfLocal, isCalendarDate } from './local-instants.js';

/**
 * The centre's working-day calendar, as the promised date of an application is counted:
 * Saturdays and Sundays are off, and so are the configured public holidays (Tết, 30/4, 1/5, 2/9 ...).
 * An application received after the afternoon cut-off, or on a day off, counts from the next
 * working day; its result is promised for the end of office hours of the N-th working day after that.
 */
export interface WorkCalendarOptions {
  /** Public holidays and other days off, YYYY-MM-DD (the centre's calendar, not UTC). */
  holidays?: readonly string[];
  /** "HH:MM" centre time: received later than this, an application counts from the next working day. */
  cutoff?: string;
  /** "HH:MM" centre time: the end of office hours, the time of day a result is promised for. */
  officeEnd?: string;
}

export interface WorkCalendar {
  readonly holidays: ReadonlySet<string>;
  /** Minutes after local midnight. */
  readonly cutoffMinute: number;
  readonly officeEndMinute: number;
}

export const DEFAULT_CUTOFF = '16:00';
export const DEFAULT_OFFICE_END = '17:00';
/** ISO weekdays off every week: Saturday and Sunday. */
const WEEKEND = new Set([6, 7]);
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOf(time: string, what: string): number {
  const match = HH_MM.exec(time);
  if (!match) throw new DomainError('config.invalid', `${what} "${time}" is not a time of day (HH:MM, 00:00 to 23:59)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** A calendar from its options, checked: throws config.invalid for a date or time that is not one. */
export function workCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const holidays = new Set<string>();
  for (const day of options.holidays ?? []) {
    if (!isCalendarDate(day)) throw new DomainError('config.invalid', `holiday "${day}" is not a date of the calendar (YYYY-MM-DD)`);
    holidays.add(day);
  }
  return { holidays, cutoffMinute: minuteOf(options.cutoff ?? DEFAULT_CUTOFF, 'the cut-off'), officeEndMinute: minuteOf(options.officeEnd ?? DEFAULT_OFFICE_END, 'the end of office hours') };
}

/** ISO weekday (1 = Monday ... 7 = Sunday) of a YYYY-MM-DD date: a date has a weekday in every zone. */
function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function isWorkingDay(day: string, calendar: WorkCalendar): boolean {
  return !WEEKEND.has(weekdayOf(day)) && !calendar.holidays.has(day);
}

/** The first working day after `day` (not `day` itself). */
export function nextWorkingDay(day: string, calendar: WorkCalendar): string {
  let next = addDays(day, 1);
  // A year of holidays cannot hold more than a few hundred days off in a row; this bound guards a calendar with no working day.
  for (let step = 0; !isWorkingDay(next, calendar); step++) {
    if (step > 400) throw new DomainError('config.invalid', `the calendar has no working day in the 400 days after ${day}`);
    next = addDays(next, 1);
  }
  return next;
}

/** `day` when it is a working day, else the working day after it. */
export function workingDayOnOrAfter(day: string, calendar: WorkCalendar): string {
  return isWorkingDay(day, calendar) ? day : nextWorkingDay(day, calendar);
}

/** The `count`-th working day after `day` (0: `day` itself, or the next working day when `day` is off). */
export function addWorkingDays(day: string, count: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`a number of working days is a whole number, 0 or more (got ${count})`);
  let current = workingDayOnOrAfter(day, calendar);
  for (let i = 0; i < count; i++) current = nextWorkingDay(current, calendar);
  return current;
}

/** How many working days d with from <= d < to (0 when to <= from). */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  let count = 0;
  for (let day = from; day < to; day = addDays(day, 1)) if (isWorkingDay(day, calendar)) count++;
  return count;
}

/**
 * The working day an application received at `receivedAt` counts from (the afternoon rule): the day
 * it was received, when that is a working day and it came no later than the cut-off (16:00:00 is
 * still in time, 16:00:01 is not); otherwise the next working day.
 */
export function countingStartDay(receivedAt: Date, calendar: WorkCalendar, timeZone = DEFAULT_TIME_ZONE): string {
  const day = localTime(receivedAt, timeZone).date;
  if (!isWorkingDay(day, calendar)) return nextWorkingDay(day, calendar);
  const cutoff = instantOfLocal(day, calendar.cutoffMinute, timeZone);
  return receivedAt.getTime() > cutoff.getTime() ? nextWorkingDay(day, calendar) : day;
}

/** The end of office hours of a day, as an instant. */
export function officeEndOf(day: string, calendar: WorkCalendar, timeZone = DEFAULT_TIME_ZONE): Date {
  return instantOfLocal(day, calendar.officeEndMinute, timeZone);
}

/**
 * The promised instant of a result: the end of office hours of the `processingDays`-th working day
 * after the counting start (0 days: the counting start itself, that is the same working day, or the
 * next one when received after the cut-off or on a day off).
 */
export function dueDate(receivedAt: Date, processingDays: number, calendar: WorkCalendar, timeZone = DEFAULT_TIME_ZONE): Date {
  return officeEndOf(addWorkingDays(countingStartDay(receivedAt, calendar, timeZone), processingDays, calendar), calendar, timeZone);
}
