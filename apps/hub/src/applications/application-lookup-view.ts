import { APPLICATION_STATUS_INFO, maskApplicantName } from '@qms/core';
import type { ApplicationHistoryRecord, ApplicationRecord } from '@qms/db';
import type { ApplicationLookupDto } from '@qms/protocol';
import type { QueueSettingsView } from '../queue-settings.js';
import { statusNameOf, timingOf, timingRulesOf } from './application-view.js';

/** An application as a citizen may see it: status, dates, procedure and the masked name, nothing else. */
export function lookupDtoOf(application: ApplicationRecord, history: readonly ApplicationHistoryRecord[], settings: QueueSettingsView, now: Date): ApplicationLookupDto {
  const timing = timingOf(application, history, timingRulesOf(settings), now);
  return {
    code: application.code,
    status: APPLICATION_STATUS_INFO[application.status].code,
    statusName: statusNameOf(application.status),
    receivedAt: application.receivedAt,
    dueAt: timing.due.toISOString(),
    procedure: { code: application.procedure.code, name: application.procedure.name },
    applicantName: maskApplicantName(application.applicant.fullName),
  };
}
