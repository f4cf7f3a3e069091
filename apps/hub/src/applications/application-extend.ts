import { type AuditRecord, checkExtension, DomainError, promisedDueAt, type TimingRules } from '@qms/core';
import type { ApplicationRecord, SqliteApplicationExtensionStore, SqliteApplicationStore } from '@qms/db';
import { timingOf } from './application-view.js';

export interface ExtensionChange {
  /** The new promised instant (ISO). */
  dueAt: string;
  reason: string;
}

/**
 * Gives a late application a new promised date, in the caller's transaction: the rules of
 * checkExtension (not finished, later than the date promised now, not past), then a line in its
 * extensions with the date promised before. The audit entry names the application and both dates,
 * not the reason (free text a clerk wrote).
 */
export function extendApplication(
  stores: { applications: SqliteApplicationStore; extensions: SqliteApplicationExtensionStore },
  id: number,
  change: ExtensionChange,
  context: { at: string; by: string; rules: TimingRules },
): { value: ApplicationRecord; record: AuditRecord } {
  const application = stores.applications.get(id);
  if (!application) throw new DomainError('application.not_found', `no application with id ${id}`);
  const now = new Date(context.at);
  const timing = timingOf(application, stores.applications.history(id), context.rules, now);
  const currentDue = promisedDueAt(timing.due, stores.extensions.of(id));
  const newDue = new Date(change.dueAt);
  checkExtension({ code: application.code, status: application.status, verdict: timing.verdict, currentDue, newDue, now });
  const fromDueAt = currentDue.toISOString();
  const toDueAt = newDue.toISOString();
  stores.extensions.add(id, { at: context.at, by: context.by, fromDueAt, toDueAt, reason: change.reason });
  return { value: application, record: { action: 'application.extended', details: { applicationId: id, code: application.code, fromDueAt, toDueAt } } };
}
