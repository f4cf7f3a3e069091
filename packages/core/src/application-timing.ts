import { type ApplicationStatus, HANDLED_STATUSES, pausesTheClock } from './application-status.js';
import { DEFAULT_TIME_ZONE, localTime } from './business-day.js';
import { addWorkingDays, countingStartDay, officeEndOf, type WorkCalendar, workingDayOnOrAfter, workingDaysBetween } from './working-days.js';

/**
 * Is an application on time? Its promised instant (working-days.ts) moves later by the working days
 * it spent waiting for the citizen (documents or fees requested: statuses 5 and 6), and it is judged
 * by the first instant the centre was done with it (refused 3, stopped 8, processed 9, returned 10).
 *
 * Rounding of a pause, in whole working days: a pause that starts at instant a and ends at b adds
 * the working days d with stop <= d < resume, where stop is the working day of a (or the next one,
 * when a falls on a day off) and resume is the day the clock starts again, counted as a receipt is
 * (the afternoon rule: documents brought after the cut-off count from the next working day). So a
 * request at 10:00 answered at 15:00 the same day adds nothing; answered the next morning, one day;
 * a request on Friday answered on Monday morning, one day (Friday), not three. The promised instant
 * stays at the end of office hours of a working day.
 */
export interface StatusChange {
  status: ApplicationStatus;
  at: Date;
}

export interface ApplicationTimeline {
  /** When the centre received it (status 2): the clock starts from here, with the afternoon rule. */
  receivedAt: Date;
  /** The procedure's processing time in working days (0: the same working day). */
  processingDays: number;
  /** The status changes, in time order. */
  history: readonly StatusChange[];
}

export interface TimingRules {
  calendar: WorkCalendar;
  timeZone?: string;
}

/**
 * on_time / late: handled (3, 8, 9, 10) no later than / after the due instant, or late because the
 * citizen was asked for documents more than once; in_time / overdue: still in progress, before / past
 * the due instant; withdrawn: the citizen withdrew it (7), not judged.
 */
export type TimingVerdict = 'on_time' | 'late' | 'in_time' | 'overdue' | 'withdrawn';

export interface ApplicationTiming {
  /** The promised instant, extended by the working days paused (an open pause counts up to now). */
  due: Date;
  pausedWorkingDays: number;
  /** How many times documents were requested (status 5). More than one is late by rule. */
  documentRequests: number;
  /** The first change into refused, stopped, processed or returned; null while in progress. */
  handledAt: Date | null;
  verdict: TimingVerdict;
}

function assertInOrder(history: readonly StatusChange[]): void {
  for (let i = 1; i < history.length; i++) {
    const previous = history[i - 1] as StatusChange;
    const change = history[i] as StatusChange;
    if (change.at.getTime() < previous.at.getTime()) throw new RangeError(`the history is not in time order: ${change.status} at ${change.at.toISOString()} comes after ${previous.at.toISOString()}`);
  }
}

/** The pauses of a history as [start, end) instants; an open pause ends at `now`. */
export function pausesOf(history: readonly StatusChange[], now: Date): { start: Date; end: Date }[] {
  assertInOrder(history);
  const pauses: { start: Date; end: Date }[] = [];
  let start: Date | null = null;
  for (const change of history) {
    if (pausesTheClock(change.status)) start ??= change.at;
    else if (start) {
      pauses.push({ start, end: change.at });
      start = null;
    }
  }
  if (start) pauses.push({ start, end: now.getTime() > start.getTime() ? now : start });
  return pauses;
}

/** The working days one pause adds (see the rounding rule above). */
export function pauseWorkingDays(pause: { start: Date; end: Date }, calendar: WorkCalendar, timeZone = DEFAULT_TIME_ZONE): number {
  const stop = workingDayOnOrAfter(localTime(pause.start, timeZone).date, calendar);
  return workingDaysBetween(stop, countingStartDay(pause.end, calendar, timeZone), calendar);
}

/** The due instant, the pauses and the verdict of one application as of `now`. */
export function applicationTiming(application: ApplicationTimeline, rules: TimingRules, now: Date): ApplicationTiming {
  const { calendar } = rules;
  const timeZone = rules.timeZone ?? DEFAULT_TIME_ZONE;
  const pausedWorkingDays = pausesOf(application.history, now).reduce((sum, pause) => sum + pauseWorkingDays(pause, calendar, timeZone), 0);
  const start = countingStartDay(application.receivedAt, calendar, timeZone);
  const due = officeEndOf(addWorkingDays(start, application.processingDays + pausedWorkingDays, calendar), calendar, timeZone);
  const documentRequests = application.history.filter((change) => change.status === 'awaiting_documents').length;
  const handledAt = application.history.find((change) => HANDLED_STATUSES.includes(change.status))?.at ?? null;
  let verdict: TimingVerdict;
  if (handledAt) verdict = handledAt.getTime() <= due.getTime() && documentRequests <= 1 ? 'on_time' : 'late';
  else if (application.history.some((change) => change.status === 'withdrawn')) verdict = 'withdrawn';
  else verdict = now.getTime() > due.getTime() ? 'overdue' : 'in_time';
  return { due, pausedWorkingDays, documentRequests, handledAt, verdict };
}

/** The due instant extended by the working days paused. */
export function extendedDueDate(application: ApplicationTimeline, rules: TimingRules, now: Date): Date {
  return applicationTiming(application, rules, now).due;
}

/** true / false once handled (3, 8, 9, 10); null while in progress or when withdrawn. */
export function isOnTime(application: ApplicationTimeline, rules: TimingRules, now: Date): boolean | null {
  const { verdict } = applicationTiming(application, rules, now);
  return verdict === 'on_time' ? true : verdict === 'late' ? false : null;
}

/** Still in the centre's hands and past its (extended) due instant. */
export function inProgressOverdue(application: ApplicationTimeline, rules: TimingRules, now: Date): boolean {
  return applicationTiming(application, rules, now).verdict === 'overdue';
}

export interface OnTimeRate {
  /** Applications judged: all but the withdrawn ones. */
  counted: number;
  /** Handled no later than due (and documents requested at most once). */
  onTime: number;
  /** In progress and not yet due, with documents requested at most once. */
  inTime: number;
  /** (onTime + inTime) / counted; null when nothing is counted. */
  rate: number | null;
}

/**
 * The on-time rate as the national service index computes it: (handled on time + in progress not
 * yet due) / all. Choices: withdrawn applications are left out of "all" (the citizen's decision says
 * nothing of the centre's speed, and counting them would let a withdrawal lower the rate); an
 * application still in progress whose documents were already requested twice cannot end on time, so
 * it is not counted as "not yet due".
 */
export function onTimeRate(applications: readonly ApplicationTimeline[], rules: TimingRules, now: Date): OnTimeRate {
  let counted = 0;
  let onTime = 0;
  let inTime = 0;
  for (const application of applications) {
    const timing = applicationTiming(application, rules, now);
    if (timing.verdict === 'withdrawn') continue;
    counted++;
    if (timing.verdict === 'on_time') onTime++;
    else if (timing.verdict === 'in_time' && timing.documentRequests <= 1) inTime++;
  }
  return { counted, onTime, inTime, rate: counted === 0 ? null : (onTime + inTime) / counted };
}
