import {
  type Actor,
  type ApplicationStatus,
  APPLICATION_STATUS_INFO,
  type AuditRecord,
  auditEntry,
  type Clock,
  type Counter,
  DomainError,
  type CounterInput,
  type CounterStatus,
  type IssueInput,
  type Issued,
  type Outcome,
  type PauseReason,
  type Procedure,
  type ProcedureInput,
  type QueueEngine,
  type Rating,
  type Service,
  type ServiceInput,
  SYSTEM_ACTOR,
  type Ticket,
} from '@qms/core';
import type {
  ApplicationRecord,
  NewApplication,
  ProcedureImportCounts,
  SqliteApplicationExtensionStore,
  SqliteApplicationPickupStore,
  SqliteApplicationStore,
  SqliteConfigStore,
  SqliteProcedureStore,
  SqliteQueueStore,
  SqliteReportStore,
} from '@qms/db';
import { calendarOf } from '../application-settings.js';
import { type ExtensionChange, extendApplication } from '../applications/application-extend.js';
import { timingRulesOf } from '../applications/application-view.js';
import type { QueueSettings, QueueSettingsPatch, QueueSettingsView } from '../queue-settings.js';

/**
 * Every change to the queue's data, as the queue worker runs it: each one its own transaction,
 * returning its value and the events it committed, with its audit entry when it has one. The main
 * thread calls them by name. `actor` says who asks (and, as `by`, whom the audit log names).
 */
export interface QueueOperations {
  issue(input: IssueInput): Outcome<Issued>;
  callNext(counterId: number, actor: Actor): Outcome<Ticket | null>;
  callTicket(counterId: number, label: string, actor: Actor): Outcome<Ticket>;
  recall(ticketId: number, actor: Actor): Outcome<Ticket>;
  start(ticketId: number, actor: Actor): Outcome<Ticket>;
  finish(ticketId: number, actor: Actor): Outcome<Ticket>;
  noShow(ticketId: number, actor: Actor): Outcome<Ticket>;
  cancel(ticketId: number, actor: Actor): Outcome<Ticket>;
  transfer(ticketId: number, serviceId: number, actor: Actor): Outcome<Ticket>;
  requeue(ticketId: number, actor: Actor): Outcome<Ticket>;
  rate(ticketId: number, score: number, actor: Actor): Outcome<{ ticket: Ticket; rating: Rating }>;
  setCounterStatus(counterId: number, status: CounterStatus, actor: Actor, reason?: PauseReason | null): Outcome<Counter>;
  closeDay(actor?: Actor): Outcome<number>;
  rollover(): Outcome<void>;
  createService(input: ServiceInput, actor?: Actor): Outcome<Service>;
  updateService(id: number, changes: Partial<ServiceInput>, actor?: Actor): Outcome<Service | undefined>;
  createCounter(input: CounterInput, actor?: Actor): Outcome<Counter>;
  updateCounter(id: number, changes: Partial<CounterInput>, actor?: Actor): Outcome<Counter | undefined>;
  updateSettings(patch: QueueSettingsPatch, actor?: Actor): Outcome<QueueSettingsView>;
  createProcedure(input: ProcedureInput, actor?: Actor): Outcome<Procedure>;
  updateProcedure(id: number, changes: Partial<ProcedureInput>, actor?: Actor): Outcome<Procedure | undefined>;
  /** A whole catalogue file, already read and checked: upserted by code (replace: the others removed), all or nothing. */
  importProcedures(procedures: ProcedureInput[], options: ProcedureImportOptions, actor?: Actor): Outcome<ProcedureImportCounts>;
  /** Receives an application (status 2): code, sequence of the day and due date computed in the same transaction; audited as application.received. */
  receiveApplication(input: ApplicationReceipt, actor?: Actor): Outcome<ApplicationRecord>;
  /** Moves an application (canMove decides), with a line in its history; audited as application.status_changed. `at`: the demo's past instants only. */
  changeApplicationStatus(id: number, status: ApplicationStatus, note: string | null, actor?: Actor, at?: string): Outcome<ApplicationRecord>;
  /** A new promised date for a late application, with the apology's reason; audited as application.extended. */
  extendApplication(id: number, change: ExtensionChange, actor?: Actor): Outcome<ApplicationRecord>;
  /**
   * A results-pickup ticket for a processed (9) application, in the results field: the one still
   * open for it when there is one (replayed), else a new one linked to it; audited as application.pickup_issued.
   */
  issuePickupTicket(applicationId: number, issuedBy: string, actor?: Actor): Outcome<Issued & { application: ApplicationRecord }>;
  pruneEvents(keep: number): Outcome<number>;
  /** Rolls up for the reports every day before today (the centre's) not rolled up yet; returns those days. At the close of a day, and at start. */
  /** Rolls up at most `limit` closed days not rolled up yet (oldest first) and returns them: a long catch-up goes in batches, queue changes in between. */
  rollUpReports(limit: number): Outcome<string[]>;
}

/** An application as the counter hands it in (the secret and ID number already digested); receivedAt defaults to the change's instant. */
export type ApplicationReceipt = Omit<NewApplication, 'receivedBy' | 'receivedAt'> & { receivedAt?: string };

export type OperationName = keyof QueueOperations;

/** The operations that change applications (not events of the log: told to the console as notices). */
export const APPLICATION_OPERATIONS: ReadonlySet<OperationName> = new Set<OperationName>(['receiveApplication', 'changeApplicationStatus', 'extendApplication', 'issuePickupTicket']);

/** How a catalogue import is done, and what its audit entry says of the file. */
export interface ProcedureImportOptions {
  replace: boolean;
  format: 'csv' | 'json';
}

const plain = <T>(value: T): Outcome<T> => ({ value, events: [] });

/** The settings that a patch changes, each with its value before and after. */
function settingsChanges(before: QueueSettingsView, patch: QueueSettingsPatch): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(patch)) {
    const from = before[key as keyof QueueSettingsPatch];
    if (to !== undefined && to !== from) changes[key] = { from, to };
  }
  return changes;
}

export function queueOperations(deps: {
  engine: QueueEngine;
  store: SqliteQueueStore;
  config: SqliteConfigStore;
  procedures: SqliteProcedureStore;
  applications: SqliteApplicationStore;
  reports: SqliteReportStore;
  extensions: SqliteApplicationExtensionStore;
  pickups: SqliteApplicationPickupStore;
  settings: QueueSettings;
  clock: Clock;
  timeZone: string;
}): QueueOperations {
  const { engine, store, config, procedures, applications, extensions, pickups, reports, settings, clock, timeZone } = deps;
  /** One change to applications with its audit entry, in one transaction; no event (stations do not follow applications). */
  const audited = <T>(actor: Actor, fn: (at: string) => { value: T; record: AuditRecord }): Outcome<T> => {
    const at = clock.now().toISOString();
    const value = store.transaction(() => {
      const done = fn(at);
      store.appendAudit(auditEntry(done.record, actor.by ?? SYSTEM_ACTOR, at));
      return done.value;
    });
    return { value, events: [] };
  };
  return {
    issue: (input) => engine.issue(input),
    callNext: (counterId, actor) => engine.callNext(counterId, actor),
    callTicket: (counterId, label, actor) => engine.callTicket(counterId, label, actor),
    recall: (ticketId, actor) => engine.recall(ticketId, actor),
    start: (ticketId, actor) => engine.start(ticketId, actor),
    finish: (ticketId, actor) => engine.finish(ticketId, actor),
    noShow: (ticketId, actor) => engine.noShow(ticketId, actor),
    cancel: (ticketId, actor) => engine.cancel(ticketId, actor),
    transfer: (ticketId, serviceId, actor) => engine.transfer(ticketId, serviceId, actor),
    requeue: (ticketId, actor) => engine.requeue(ticketId, actor),
    rate: (ticketId, score, actor) => engine.ratings.rate(ticketId, score, actor),
    setCounterStatus: (counterId, status, actor, reason) => engine.setCounterStatus(counterId, status, actor, reason ?? null),
    closeDay: (actor) => engine.closeDay(actor),
    rollover: () => engine.rollover(),
    createService: (input, actor = {}) =>
      engine.configure(
        'services',
        actor,
        () => config.createService(input),
        (service) => ({ action: 'service.created', details: { serviceId: service.id, code: service.code, prefix: service.prefix } }),
      ),
    updateService: (id, changes, actor = {}) =>
      engine.configure(
        'services',
        actor,
        () => config.updateService(id, changes),
        (service) => ({ action: 'service.updated', details: { serviceId: service.id, code: service.code, changes } }),
      ),
    createCounter: (input, actor = {}) =>
      engine.configure(
        'counters',
        actor,
        () => config.createCounter(input),
        (counter) => ({ action: 'counter.created', counterId: counter.id, details: { number: counter.number, serviceIds: counter.serviceIds } }),
      ),
    updateCounter: (id, changes, actor = {}) =>
      engine.configure(
        'counters',
        actor,
        () => config.updateCounter(id, changes),
        (counter) => ({ action: 'counter.updated', counterId: counter.id, details: { number: counter.number, changes } }),
      ),
    updateSettings: (patch, actor = {}) => {
      const before = settings.view();
      try {
        return engine.configure(
          'settings',
          actor,
          () => settings.update(patch),
          () => ({ action: 'settings.updated', details: { changes: settingsChanges(before, patch) } }),
        );
      } catch (error) {
        settings.reload(); // what was written is rolled back: so is the cache
        throw error;
      }
    },
    createProcedure: (input, actor = {}) =>
      engine.configure(
        'procedures',
        actor,
        () => procedures.create(input),
        (procedure) => ({ action: 'procedure.created', details: { procedureId: procedure.id, code: procedure.code, serviceId: procedure.serviceId } }),
      ),
    updateProcedure: (id, changes, actor = {}) =>
      engine.configure(
        'procedures',
        actor,
        () => procedures.update(id, changes),
        (procedure) => ({ action: 'procedure.updated', details: { procedureId: procedure.id, code: procedure.code, changes } }),
      ),
    importProcedures: (list, options, actor = {}) =>
      engine.configure(
        'procedures',
        actor,
        () => procedures.importAll(list, { replace: options.replace }),
        (counts) => ({ action: 'procedure.imported', details: { format: options.format, replace: options.replace, procedures: list.length, ...counts } }),
      ),
    receiveApplication: (input, actor = {}) =>
      audited(actor, (at) => {
        const view = settings.view();
        const application = applications.receive(
          { ...input, receivedAt: input.receivedAt ?? at, receivedBy: (actor.by ?? SYSTEM_ACTOR).name },
          { centreCode: view.applications.centreCode, calendar: calendarOf(view.applications), timeZone: view.timeZone },
        );
        // Never the applicant's name, number or secret: the audit log says what happened to which application.
        const details = { applicationId: application.id, code: application.code, procedureCode: application.procedure.code, channel: application.channel, receivedAt: application.receivedAt };
        return { value: application, record: { action: 'application.received', details } };
      }),
    changeApplicationStatus: (id, status, note, actor = {}, when) =>
      audited(actor, (at) => {
        const { before, application } = applications.changeStatus(id, status, { at: when ?? at, by: (actor.by ?? SYSTEM_ACTOR).name, note });
        const details = { applicationId: id, code: application.code, from: APPLICATION_STATUS_INFO[before].code, to: APPLICATION_STATUS_INFO[status].code, noted: note !== null };
        return { value: application, record: { action: 'application.status_changed', details } };
      }),
    extendApplication: (id, change, actor = {}) =>
      audited(actor, (at) => extendApplication({ applications, extensions }, id, change, { at, by: (actor.by ?? SYSTEM_ACTOR).name, rules: timingRulesOf(settings.view()) })),
    issuePickupTicket: (applicationId, issuedBy, actor = {}) => {
      const at = clock.now().toISOString();
      let events: Outcome<unknown>['events'] = [];
      const value = store.transaction(() => {
        const application = applications.get(applicationId);
        if (!application) throw new DomainError('application.not_found', `no application with id ${applicationId}`);
        if (application.status !== 'processed') {
          const info = APPLICATION_STATUS_INFO[application.status];
          throw new DomainError('application.not_ready', `application ${application.code} is not ready for pickup: its status is ${info.code} (${info.en})`, {
            status: info.code,
            statusName: { vi: info.vi, en: info.en },
          });
        }
        const open = pickups.openTicketOf(applicationId);
        const earlier = open === undefined ? undefined : store.getTicket(open);
        if (earlier) return { ...engine.placeOf(earlier), ticket: earlier, citizen: null, replayed: true, application };
        const serviceId = settings.view().applications.resultsServiceId;
        if (serviceId === null) throw new DomainError('application.pickup_off', 'results pickup is off: no results field is set (settings applications.resultsServiceId)');
        const issued = engine.issue({ serviceId, issuedBy, citizen: null });
        events = issued.events;
        pickups.link(issued.value.ticket.id, applicationId, at);
        store.appendAudit(
          auditEntry(
            { action: 'application.pickup_issued', ticketId: issued.value.ticket.id, details: { applicationId, code: application.code, label: issued.value.ticket.label } },
            actor.by ?? SYSTEM_ACTOR,
            at,
          ),
        );
        return { ...issued.value, application };
      });
      return { value, events };
    },
    pruneEvents: (keep) => plain(store.events.pruneKeeping(keep)),
    rollUpReports: (limit) => {
      const at = clock.now().toISOString();
      const days = reports.daysToRollUp(engine.today()).slice(0, Math.max(1, limit));
      for (const day of days) reports.rollUpDay(day, timeZone, at);
      return plain(days);
    },
  };
}
