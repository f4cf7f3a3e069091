import type {
  Citizen,
  Counter,
  CounterStatus,
  NewAuditEntry,
  NewEvent,
  NewRating,
  NewTicket,
  PauseReason,
  QueueEvent,
  QueueStore,
  Rating,
  Service,
  Ticket,
  TicketQuery,
  TicketStatus,
} from '@qms/core';
import { SqliteAuditLog } from './audit-log.js';
import type { Db } from './database.js';
import { SqliteEventLog } from './event-log.js';
import { prepareQueueStatements } from './queue-statements.js';
import { toCounter, toService, toTicket } from './rows.js';

/**
 * The queue engine's storage on SQLite. Statements are prepared once; every call is synchronous.
 * Services and counters are read on every change, so they are cached; every write to them goes
 * through this store (or SqliteConfigStore, which calls invalidateConfig), and a failed
 * transaction drops the cache, so it never holds what was rolled back.
 */
export class SqliteQueueStore implements QueueStore {
  readonly events: SqliteEventLog;
  readonly audit: SqliteAuditLog;
  private readonly sql;
  /** One transaction wrapper for every call (making one per call costs more than the BEGIN itself). */
  private readonly run;
  private services: Service[] | undefined;
  private counters: Counter[] | undefined;
  /** Today's latest service times per service, read for every estimate, kept up to date as tickets finish. */
  private readonly serviceTimes = new Map<number, { day: string; limit: number; seconds: number[] }>();

  constructor(db: Db) {
    this.events = new SqliteEventLog(db);
    this.audit = new SqliteAuditLog(db);
    this.run = db.transaction((fn: () => unknown) => fn());
    this.sql = prepareQueueStatements(db);
  }

  /** Runs fn in one IMMEDIATE transaction (the write lock is taken at BEGIN, so no upgrade deadlock). */
  transaction<T>(fn: () => T): T {
    try {
      return this.run.immediate(fn) as T;
    } catch (error) {
      this.invalidateConfig();
      this.serviceTimes.clear();
      throw error;
    }
  }

  readTransaction<T>(fn: () => T): T {
    return this.run.deferred(fn) as T;
  }

  /** Forget the cached services and counters (after they were written). */
  invalidateConfig(): void {
    this.services = undefined;
    this.counters = undefined;
  }

  /** Forget everything cached: another connection (the hub's queue worker) changed the database. */
  invalidateCaches(): void {
    this.invalidateConfig();
    this.serviceTimes.clear();
  }

  listServices(): Service[] {
    this.services ??= this.sql.services.all().map(toService);
    return this.services;
  }

  getService(id: number): Service | undefined {
    return this.listServices().find((service) => service.id === id);
  }

  listCounters(): Counter[] {
    this.counters ??= this.sql.counters.all().map(toCounter);
    return this.counters;
  }

  getCounter(id: number): Counter | undefined {
    return this.listCounters().find((counter) => counter.id === id);
  }

  setCounterStatus(id: number, status: CounterStatus, at: string, reason: PauseReason | null): void {
    this.sql.counterStatus.run(status, id);
    this.sql.endPause.run(at, id);
    if (status === 'paused') this.sql.startPause.run(id, reason, at);
    this.counters = undefined;
  }

  getTicket(id: number): Ticket | undefined {
    const row = this.sql.ticket.get(id);
    return row && toTicket(row);
  }

  findTicketByLabel(businessDay: string, label: string): Ticket | undefined {
    const row = this.sql.byLabel.get(businessDay, label);
    return row && toTicket(row);
  }

  findIssued(issuedBy: string, idempotencyKey: string): Ticket | undefined {
    const row = this.sql.issued.get(issuedBy, idempotencyKey);
    return row && toTicket(row);
  }

  lastNumber(businessDay: string, issueServiceId: number): number | null {
    return this.sql.lastNumber.get(businessDay, issueServiceId)?.n ?? null;
  }

  recordIssueEstimate(ticketId: number, seconds: number | null): void {
    this.sql.issueEstimate.run(seconds, ticketId);
  }

  insertTicket(ticket: NewTicket): Ticket {
    const { lastInsertRowid } = this.sql.insert.run(
      ticket.businessDay,
      ticket.serviceId,
      ticket.number,
      ticket.label,
      ticket.serviceId,
      ticket.priority,
      ticket.issuedAt,
      ticket.issuedBy,
      ticket.idempotencyKey,
    );
    const id = Number(lastInsertRowid);
    if (ticket.citizen) this.sql.insertCitizen.run(id, ticket.citizen.name, ticket.citizen.idMasked);
    return {
      id,
      label: ticket.label,
      number: ticket.number,
      serviceId: ticket.serviceId,
      issueServiceId: ticket.serviceId,
      priority: ticket.priority,
      status: 'waiting',
      counterId: null,
      businessDay: ticket.businessDay,
      issuedAt: ticket.issuedAt,
      calledAt: null,
      startedAt: null,
      finishedAt: null,
      recallCount: 0,
      transferCount: 0,
      servedBy: null,
    };
  }

  citizenOf(ticketId: number): Citizen | null {
    return this.sql.citizen.get(ticketId) ?? null;
  }

  forgetCitizens(day: string): number {
    return this.sql.forgetCitizens.run(day).changes;
  }

  updateTicket(ticket: Ticket, expectedStatus: TicketStatus): boolean {
    const updated =
      this.sql.update.run(
        ticket.serviceId,
        ticket.status,
        ticket.counterId,
        ticket.calledAt,
        ticket.startedAt,
        ticket.finishedAt,
        ticket.recallCount,
        ticket.transferCount,
        ticket.servedBy,
        ticket.id,
        expectedStatus,
      ).changes === 1;
    if (updated && ticket.status === 'done') this.rememberServiceTime(ticket);
    return updated;
  }

  /** A ticket just finished: its call → finish is the newest of its service's times (the query orders by finish time). */
  private rememberServiceTime(ticket: Ticket): void {
    const cached = this.serviceTimes.get(ticket.serviceId);
    const begun = ticket.calledAt;
    if (!cached || cached.day !== ticket.businessDay || !begun || !ticket.finishedAt) {
      this.serviceTimes.delete(ticket.serviceId);
      return;
    }
    cached.seconds = [(Date.parse(ticket.finishedAt) - Date.parse(begun)) / 1000, ...cached.seconds].slice(0, cached.limit);
  }

  waitingHeads(serviceIds: readonly number[]): Ticket[] {
    const heads: Ticket[] = [];
    for (const serviceId of serviceIds) {
      for (const isPriority of [1, 0]) {
        const row = this.sql.head.get(serviceId, isPriority);
        if (row) heads.push(toTicket(row));
      }
    }
    return heads;
  }

  ticketAtCounter(counterId: number): Ticket | undefined {
    const row = this.sql.atCounter.get(counterId);
    return row && toTicket(row);
  }

  /**
   * The ticket finished last at a counter since an instant, if any: `days` are the business days of
   * `since` and of now (the same day but around midnight). Through tickets_done: a short window reads few rows.
   */
  lastFinishedAt(counterId: number, since: Date, days: readonly [string, string]): Ticket | undefined {
    const row = this.sql.lastDone.get(days[0], days[1], since.toISOString(), counterId);
    return row && toTicket(row);
  }

  countAhead(ticket: Ticket): number {
    return (
      this.sql.ahead.get({
        serviceId: ticket.serviceId,
        id: ticket.id,
        isPriority: ticket.priority === 'normal' ? 0 : 1,
        issuedAt: ticket.issuedAt,
      })?.n ?? 0
    );
  }

  waitingCount(serviceId: number): number {
    return this.sql.waitingCount.get(serviceId)?.n ?? 0;
  }

  waitingCounts(): Map<number, number> {
    return new Map(this.sql.waitingCounts.all().map((row) => [row.service_id, row.n]));
  }

  listTickets(query: TicketQuery): Ticket[] {
    return this.sql.list.all({ businessDay: query.businessDay, status: query.status ?? null, serviceId: query.serviceId ?? null }).map(toTicket);
  }

  recentCalls(businessDay: string, limit: number): Ticket[] {
    return this.sql.recentCalls.all(businessDay, limit).map(toTicket);
  }

  recentCycleSeconds(serviceId: number, businessDay: string, limit: number): number[] {
    const cached = this.serviceTimes.get(serviceId);
    if (cached?.day === businessDay && cached.limit === limit) return cached.seconds;
    const seconds = this.sql.serviceTimes
      .all(serviceId, businessDay, limit)
      .filter((row): row is { begun: string; finished: string } => row.begun !== null)
      .map((row) => (Date.parse(row.finished) - Date.parse(row.begun)) / 1000);
    this.serviceTimes.set(serviceId, { day: businessDay, limit, seconds });
    return seconds;
  }

  cancelUnserved(day: string, inclusive: boolean, at: string): number {
    const params = { at, day, inclusive: inclusive ? 1 : 0 };
    return this.sql.cancelWaiting.run(params).changes + this.sql.cancelCalled.run(params).changes;
  }

  appendEvent(event: NewEvent, at: string): QueueEvent {
    return this.events.append(event, at);
  }

  lastSeq(): number {
    return this.events.lastSeq();
  }

  appendAudit(entry: NewAuditEntry): void {
    this.audit.append(entry);
  }

  ratingOf(ticketId: number): Rating | undefined {
    return this.sql.rating.get(ticketId);
  }

  insertRating(rating: NewRating): void {
    this.sql.insertRating.run(rating.ticketId, rating.score, rating.levels, rating.counterId, rating.at);
  }

  getSetting(key: string): string | undefined {
    return this.sql.getSetting.get(key)?.value;
  }

  setSetting(key: string, value: string): void {
    this.sql.setSetting.run(key, value);
  }

  /** Forgets a setting: its default (or whatever stands for "not set") applies again. */
  deleteSetting(key: string): void {
    this.sql.deleteSetting.run(key);
  }
}
