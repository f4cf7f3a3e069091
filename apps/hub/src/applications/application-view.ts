import { APPLICATION_STATUS_INFO, type ApplicationTimeline, applicationTiming, type ApplicationTiming, promisedDueAt, type TimingRules } from '@qms/core';
import type { ApplicationExtensionRecord, ApplicationHistoryRecord, ApplicationRecord } from '@qms/db';
import { calendarOf } from '../application-settings.js';
import type { QueueSettingsView } from '../queue-settings.js';

/** The timing rules of the centre as set now (its calendar and time zone). */
export function timingRulesOf(settings: QueueSettingsView): TimingRules {
  return { calendar: calendarOf(settings.applications), timeZone: settings.timeZone };
}

export function timelineOf(application: ApplicationRecord, history: readonly ApplicationHistoryRecord[]): ApplicationTimeline {
  return {
    receivedAt: new Date(application.receivedAt),
    processingDays: application.processingDays,
    history: history.map((change) => ({ status: change.status, at: new Date(change.at) })),
  };
}

export function timingOf(application: ApplicationRecord, history: readonly ApplicationHistoryRecord[], rules: TimingRules, now: Date): ApplicationTiming {
  return applicationTiming(timelineOf(application, history), rules, now);
}

export const statusNameOf = (status: ApplicationRecord['status']) => ({ vi: APPLICATION_STATUS_INFO[status].vi, en: APPLICATION_STATUS_INFO[status].en });

/**
 * An application as the API shows it: national status numbers, the date promised to the citizen
 * (the latest extension's, else the due instant extended by its pauses), the timing verdict (by the
 * original promise), the history and the extensions.
 */
export function applicationDto(application: ApplicationRecord, history: readonly ApplicationHistoryRecord[], rules: TimingRules, now: Date, extensions: readonly ApplicationExtensionRecord[] = []) {
  const timing = timingOf(application, history, rules, now);
  const { status, ...rest } = application;
  return {
    ...rest,
    status: APPLICATION_STATUS_INFO[status].code,
    statusName: statusNameOf(status),
    dueAt: promisedDueAt(timing.due, extensions).toISOString(),
    originalDueAt: timing.due.toISOString(),
    extensions: [...extensions],
    timing: { verdict: timing.verdict, pausedWorkingDays: timing.pausedWorkingDays, documentRequests: timing.documentRequests, handledAt: timing.handledAt?.toISOString() ?? null },
    history: history.map((change) => ({
      from: change.fromStatus === null ? null : APPLICATION_STATUS_INFO[change.fromStatus].code,
      status: APPLICATION_STATUS_INFO[change.status].code,
      at: change.at,
      by: change.by,
      note: change.note,
    })),
  };
}
