import { type ApplicationStatus, APPLICATION_STATUS_INFO } from './application-status.js';
import type { TimingVerdict } from './application-timing.js';
import { DomainError } from './errors.js';

/**
 * A late application gets a new promised date with an apology (the one-stop rules' "Phiếu xin lỗi
 * và hẹn lại ngày trả kết quả"). The citizen is shown the new date; the on-time verdict keeps
 * judging by the promise made at receipt (application-timing.ts), so an extension never turns a
 * late application into an on-time one.
 */
export const EXTENSION_REASON_MAX = 500;

/**
 * The date promised to the citizen now: the latest extension's, or the due instant of the timing
 * rules when that is later (documents requested after an extension move it on again).
 */
export function promisedDueAt(timingDue: Date, extensions: readonly { toDueAt: string }[]): Date {
  const last = extensions.at(-1);
  if (!last) return timingDue;
  const extended = new Date(last.toDueAt);
  return extended.getTime() > timingDue.getTime() ? extended : timingDue;
}

export interface ExtensionRequest {
  code: string;
  status: ApplicationStatus;
  verdict: TimingVerdict;
  /** The date promised now (promisedDueAt). */
  currentDue: Date;
  newDue: Date;
  now: Date;
}

/**
 * Refuses an extension that cannot be: of an application the centre is done with (refused,
 * stopped, processed, returned, or withdrawn by the citizen): application.finished; to a date
 * not later than the one promised now, or already past: application.extension_invalid.
 */
export function checkExtension(request: ExtensionRequest): void {
  const { code, status, verdict, currentDue, newDue, now } = request;
  if (verdict === 'on_time' || verdict === 'late' || verdict === 'withdrawn') {
    const info = APPLICATION_STATUS_INFO[status];
    throw new DomainError('application.finished', `application ${code} is finished (${info.vi}, ${info.code}, ${info.en}): its date cannot be extended`, { status: info.code });
  }
  if (newDue.getTime() <= now.getTime()) {
    throw new DomainError('application.extension_invalid', `the new date ${newDue.toISOString()} is not in the future (now ${now.toISOString()})`);
  }
  if (newDue.getTime() <= currentDue.getTime()) {
    throw new DomainError('application.extension_invalid', `the new date ${newDue.toISOString()} must be later than the date promised now, ${currentDue.toISOString()}`, {
      currentDueAt: currentDue.toISOString(),
    });
  }
}
