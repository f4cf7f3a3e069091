import { DomainError } from './errors.js';

/** The local calendar facts of an instant in the centre's time zone. */
export interface LocalTime {
  /** YYYY-MM-DD: the business day. */
  date: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number;
  /** "HH:MM" */
  time: string;
}

export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws config.invalid unless the runtime knows the IANA time zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch {
    throw new DomainError('config.invalid', `unknown time zone "${timeZone}" (use an IANA name such as ${DEFAULT_TIME_ZONE})`);
  }
}

/** The last answer per zone: every change asks for the same minute many times, and formatting is slow. */
const lastAnswer = new Map<string, { minute: number; local: LocalTime }>();

export function localTime(at: Date, timeZone: string): LocalTime {
  // Every zone in use today is offset from UTC by whole minutes, so the answer holds for the whole UTC minute.
  const minute = Math.floor(at.getTime() / 60_000);
  const cached = lastAnswer.get(timeZone);
  if (cached?.minute === minute) return cached.local;
  const local = formatLocalTime(at, timeZone);
  lastAnswer.set(timeZone, { minute, local });
  return local;
}

function formatLocalTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(at)) parts[part.type] = part.value;
  const hour = Number(parts.hour);
  const minute = Number(parts.minute);
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
    minuteOfDay: hour * 60 + minute,
    time: `${parts.hour}:${parts.minute}`,
  };
}

/** The business day (YYYY-MM-DD) an instant belongs to, in the centre's time zone, not UTC. */
export function businessDay(at: Date, timeZone: string): string {
  return localTime(at, timeZone).date;
}
