import { onTimeRate, type TimingRules } from '@qms/core';
import type { ApplicationHistoryRecord, ApplicationRecord } from '@qms/db';
import { timelineOf, timingOf } from './application-view.js';

export interface ApplicationReportFigures {
  total: number;
  withdrawn: number;
  onTime: number;
  late: number;
  inProgressNotDue: number;
  inProgressOverdue: number;
  inProgressRequestedTwice: number;
  onTimeRate: number | null;
}

/**
 * The on-time figures of a set of applications as of `now`. Every application falls in exactly one
 * of withdrawn, onTime, late, inProgressNotDue, inProgressOverdue, inProgressRequestedTwice (they add
 * up to total). The rate is core's onTimeRate: (onTime + inProgressNotDue) / (total - withdrawn),
 * null when nothing is counted (no application, or every one withdrawn): a rate of nothing is not 100 %.
 */
export function applicationReport(set: readonly { application: ApplicationRecord; history: ApplicationHistoryRecord[] }[], rules: TimingRules, now: Date): ApplicationReportFigures {
  const figures = { total: set.length, withdrawn: 0, onTime: 0, late: 0, inProgressNotDue: 0, inProgressOverdue: 0, inProgressRequestedTwice: 0 };
  for (const { application, history } of set) {
    const timing = timingOf(application, history, rules, now);
    if (timing.verdict === 'withdrawn') figures.withdrawn++;
    else if (timing.verdict === 'on_time') figures.onTime++;
    else if (timing.verdict === 'late') figures.late++;
    else if (timing.verdict === 'overdue') figures.inProgressOverdue++;
    else if (timing.documentRequests > 1) figures.inProgressRequestedTwice++;
    else figures.inProgressNotDue++;
  }
  const rate = onTimeRate(
    set.map(({ application, history }) => timelineOf(application, history)),
    rules,
    now,
  );
  return { ...figures, onTimeRate: rate.rate };
}
