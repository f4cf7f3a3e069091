import { describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus, applicationStatusOfCode, canMove, isFinalStatus, pausesTheClock } from './application-status.js';
import { type ApplicationTimeline, applicationTiming, extendedDueDate, inProgressOverdue, isOnTime, onTimeRate, type StatusChange } from './application-timing.js';
import { workCalendar } from './working-days.js';

const rules = { calendar: workCalendar({ holidays: ['2026-09-01', '2026-09-02'] }), timeZone: 'Asia/Ho_Chi_Minh' };

/** Hanoi local time (UTC+7) as an instant: local('2026-08-27 09:00'). */
const local = (text: string) => new Date(`${text.replace(' ', 'T')}:00+07:00`);
const history = (...changes: [ApplicationStatus, string][]): StatusChange[] => changes.map(([status, at]) => ({ status, at: local(at) }));

describe('application statuses', () => {
  it('number the ten national statuses 1 to 10', () => {
    expect(APPLICATION_STATUSES.map((status) => applicationStatusOfCode(APPLICATION_STATUSES.indexOf(status) + 1))).toEqual(APPLICATION_STATUSES);
    expect(applicationStatusOfCode(5)).toBe('awaiting_documents');
    expect(applicationStatusOfCode(11)).toBeUndefined();
  });

  it('allow the moves of the table and no others', () => {
    const code = (status: ApplicationStatus) => APPLICATION_STATUSES.indexOf(status) + 1;
    const allowed = APPLICATION_STATUSES.flatMap((from) => APPLICATION_STATUSES.filter((to) => canMove(from, to)).map((to) => `${code(from)}→${code(to)}`));
    expect(allowed).toEqual(['1→2', '1→3', '1→7', '2→4', '2→5', '2→6', '2→7', '2→8', '4→5', '4→6', '4→7', '4→8', '4→9', '5→4', '5→7', '5→8', '6→4', '6→7', '6→8', '9→10']);
    expect(APPLICATION_STATUSES.filter(isFinalStatus)).toEqual(['refused', 'withdrawn', 'stopped', 'returned']);
    expect(APPLICATION_STATUSES.filter(pausesTheClock)).toEqual(['awaiting_documents', 'awaiting_payment']);
  });
});

describe('the timing of an application', () => {
  // Received Thursday 27 Aug 2026 09:00, 5 working days: Fri 28 (1), Mon 31 (2), [Tue 1, Wed 2 holidays],
  // Thu 3 (3), Fri 4 (4), Mon 7 (5): due Monday 7 Sep 17:00 without a pause.
  const base = { receivedAt: local('2026-08-27 09:00'), processingDays: 5 };
  const received = (): [ApplicationStatus, string][] => [
    ['received', '2026-08-27 09:00'],
    ['processing', '2026-08-27 10:00'],
  ];

  it('is due at 17:00 of the 5th working day without a pause, across the weekend and the holidays', () => {
    const application: ApplicationTimeline = { ...base, history: history(...received(), ['processed', '2026-09-07 17:00']) };
    const timing = applicationTiming(application, rules, local('2026-09-10 08:00'));
    expect(timing).toMatchObject({ pausedWorkingDays: 0, documentRequests: 0, verdict: 'on_time' });
    expect(timing.due.toISOString()).toBe('2026-09-07T10:00:00.000Z');
    // One minute later is late.
    expect(isOnTime({ ...base, history: history(...received(), ['processed', '2026-09-07 17:01']) }, rules, local('2026-09-10 08:00'))).toBe(false);
  });

  it('extends the due date by the working days spent waiting for documents; a return after the cut-off resumes the next working day', () => {
    // Documents requested Friday 28 at 14:00, brought Monday 31 at 16:30 (after the cut-off): the clock
    // restarts on Thursday 3 (Tue 1 and Wed 2 are holidays). Paused: Fri 28 and Mon 31 = 2 working days.
    const late = history(...received(), ['awaiting_documents', '2026-08-28 14:00'], ['processing', '2026-08-31 16:30']);
    const timing = applicationTiming({ ...base, history: late }, rules, local('2026-09-03 09:00'));
    expect(timing.pausedWorkingDays).toBe(2);
    expect(timing.due.toISOString()).toBe(local('2026-09-09 17:00').toISOString()); // Mon 7 + 2 = Wed 9
    // Brought at 16:00 that Monday, the clock restarts Monday: only Friday is paused, due Tuesday 8.
    const inTime = history(...received(), ['awaiting_documents', '2026-08-28 14:00'], ['processing', '2026-08-31 16:00']);
    expect(extendedDueDate({ ...base, history: inTime }, rules, local('2026-09-03 09:00')).toISOString()).toBe(local('2026-09-08 17:00').toISOString());
    // A wait answered the same day before the cut-off adds nothing.
    const sameDay = history(...received(), ['awaiting_payment', '2026-08-28 09:00'], ['processing', '2026-08-28 15:00']);
    expect(applicationTiming({ ...base, history: sameDay }, rules, local('2026-08-28 15:00')).pausedWorkingDays).toBe(0);
  });

  it('judges by the first of refused, stopped, processed or returned, against the extended due date', () => {
    const paused = [...received(), ['awaiting_documents', '2026-08-28 14:00'], ['processing', '2026-08-31 16:30']] as [ApplicationStatus, string][];
    const processedAt = (at: string) => ({ ...base, history: history(...paused, ['processed', at], ['returned', '2026-09-15 10:00']) });
    expect(isOnTime(processedAt('2026-09-09 16:59'), rules, local('2026-09-20 08:00'))).toBe(true); // returned later: still on time
    expect(isOnTime(processedAt('2026-09-10 08:00'), rules, local('2026-09-20 08:00'))).toBe(false);
    expect(isOnTime({ ...base, history: history(...received(), ['stopped', '2026-09-04 10:00']) }, rules, local('2026-09-20 08:00'))).toBe(true);
    expect(isOnTime({ ...base, history: history(['refused', '2026-08-27 09:05']) }, rules, local('2026-09-20 08:00'))).toBe(true);
    expect(isOnTime({ ...base, history: history(...received()) }, rules, local('2026-09-01 08:00'))).toBeNull(); // in progress
  });

  it('counts a second request for documents as late, however early it ends', () => {
    const twice = history(
      ...received(),
      ['awaiting_documents', '2026-08-27 11:00'],
      ['processing', '2026-08-27 14:00'],
      ['awaiting_documents', '2026-08-27 15:00'],
      ['processing', '2026-08-27 15:30'],
      ['processed', '2026-08-28 09:00'],
    );
    const timing = applicationTiming({ ...base, history: twice }, rules, local('2026-08-28 10:00'));
    expect(timing).toMatchObject({ documentRequests: 2, pausedWorkingDays: 0, verdict: 'late' });
  });

  it('is overdue in progress only past its extended due instant; an open pause keeps moving it', () => {
    const inProgress = { ...base, history: history(...received()) };
    expect(inProgressOverdue(inProgress, rules, local('2026-09-07 17:00'))).toBe(false);
    expect(inProgressOverdue(inProgress, rules, local('2026-09-07 17:01'))).toBe(true);
    // Waiting for fees since Friday 4 Sep 10:00; on Thursday 10 the pause has lasted Fri 4, Mon 7, Tue 8, Wed 9: due Mon 7 + 4 = Fri 11.
    const waiting = { ...base, history: history(...received(), ['awaiting_payment', '2026-09-04 10:00']) };
    const timing = applicationTiming(waiting, rules, local('2026-09-10 10:00'));
    expect(timing).toMatchObject({ pausedWorkingDays: 4, verdict: 'in_time' });
    expect(timing.due.toISOString()).toBe(local('2026-09-11 17:00').toISOString());
    // Already late when the wait began: it stays overdue.
    const lateThenWaiting = { ...base, history: history(...received(), ['awaiting_payment', '2026-09-08 10:00']) };
    expect(inProgressOverdue(lateThenWaiting, rules, local('2026-09-09 10:00'))).toBe(true);
  });

  it('refuses a history out of time order', () => {
    expect(() => applicationTiming({ ...base, history: history(['processing', '2026-08-28 10:00'], ['awaiting_documents', '2026-08-27 10:00']) }, rules, local('2026-09-01 00:00'))).toThrowError(
      /not in time order/,
    );
  });
});

describe('the on-time rate', () => {
  it('is (handled on time + in progress not yet due) / all but the withdrawn', () => {
    const now = local('2026-09-08 10:00');
    const day = { receivedAt: local('2026-08-27 09:00'), processingDays: 5 }; // due Mon 7 Sep 17:00
    const start: [ApplicationStatus, string][] = [
      ['received', '2026-08-27 09:00'],
      ['processing', '2026-08-27 10:00'],
    ];
    const set: ApplicationTimeline[] = [
      { ...day, history: history(...start, ['processed', '2026-09-04 10:00']) }, // on time
      { ...day, history: history(...start, ['processed', '2026-09-08 09:00']) }, // late
      { ...day, processingDays: 10, history: history(...start) }, // in progress, due 14 Sep: not yet due
      { ...day, history: history(...start) }, // in progress, overdue
      { ...day, history: history(...start, ['withdrawn', '2026-08-28 10:00']) }, // not counted
      {
        ...day,
        processingDays: 10,
        history: history(...start, ['awaiting_documents', '2026-08-27 11:00'], ['processing', '2026-08-27 12:00'], ['awaiting_documents', '2026-08-27 13:00'], ['processing', '2026-08-27 14:00']),
      }, // in progress and not due, but asked twice: cannot end on time
    ];
    expect(onTimeRate(set, rules, now)).toEqual({ counted: 5, onTime: 1, inTime: 1, rate: 0.4 });
    expect(onTimeRate([], rules, now).rate).toBeNull();
  });
});
