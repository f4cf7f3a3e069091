import type { AuditRecord } from './audit.js';
import { localTime } from './business-day.js';
import type { Clock } from './clock.js';
import type { EngineSettings } from './engine-settings.js';
import { DomainError } from './errors.js';
import type { EventPayloads, QueueLength } from './events.js';
import { formatLabel, nextNumber } from './numbering.js';
import { describeOpeningHours, isOpenAt } from './opening-hours.js';
import type { QueueStore } from './ports.js';
import { assertCallable, assertRecalledEnough, assertRequeueOpen } from './no-show.js';
import { type ChangeContext, type Emit, type Outcome, QueueChanges } from './queue-change.js';
import { type Actor, QueueGuards } from './queue-guards.js';
import { pickNext } from './queue-order.js';
import { type QueueSnapshot, QueueReader } from './queue-reader.js';
import { RatingDesk } from './rating-desk.js';
import { applyChange } from './ticket-lifecycle.js';
import type { Citizen, Counter, CounterStatus, PauseReason, Priority, Ticket } from './types.js';

export type { Actor } from './queue-guards.js';

/** The user who acts (a clerk signed in, at a station or elsewhere); null for a station's own token or the hub itself. */
function userOf(actor: Actor): number | null {
  return actor.by?.type === 'user' ? actor.by.id : null;
}

export interface IssueInput {
  serviceId: number;
  priority?: Priority;
  /** Who asked: "device:3", "user:7". Scopes the idempotency key. */
  issuedBy: string;
  /** The same key from the same caller returns the same ticket instead of a new number. */
  idempotencyKey?: string | null;
  /** The identity read from the citizen's CCCD, masked; kept apart from the ticket's events. */
  citizen?: Citizen | null;
}

export interface Issued {
  ticket: Ticket;
  citizen: Citizen | null;
  ahead: number;
  estimatedWaitSeconds: number | null;
  replayed: boolean;
}

/**
 * The queue's use cases. Each change runs in one store transaction: the business-day rollover
 * (when the day has moved on), the change itself, its events and its audit entry commit together
 * or not at all.
 */
export class QueueEngine {
  private readonly changes: QueueChanges;
  private readonly reader: QueueReader;
  private readonly guard: QueueGuards;
  /** Citizens' ratings of finished tickets. */
  readonly ratings: RatingDesk;

  constructor(
    private readonly store: QueueStore,
    clock: Clock,
    private readonly settings: () => EngineSettings,
  ) {
    this.changes = new QueueChanges(store, clock, settings);
    this.reader = new QueueReader(store, clock, settings);
    this.guard = new QueueGuards(store);
    this.ratings = new RatingDesk(
      store,
      settings,
      this.guard,
      (fn, actor) => this.change(fn, actor),
      (serviceIds, day) => this.queueLengths(serviceIds, day),
    );
  }

  issue(input: IssueInput): Outcome<Issued> {
    return this.change(({ now, at, day, emit }) => {
      if (input.idempotencyKey) {
        const earlier = this.store.findIssued(input.issuedBy, input.idempotencyKey);
        if (earlier) return { ...this.placeOf(earlier, day), ticket: earlier, citizen: this.store.citizenOf(earlier.id), replayed: true };
      }
      const service = this.guard.service(input.serviceId);
      if (!service.active) throw new DomainError('service.inactive', `service ${service.code} is switched off`);
      const local = localTime(now, this.settings().timeZone);
      if (!isOpenAt(service.openingHours, local)) {
        throw new DomainError('service.closed', `service ${service.code} is closed at ${local.time}; opening hours: ${describeOpeningHours(service.openingHours)}`, {
          openingHours: service.openingHours,
        });
      }
      const number = nextNumber(service, this.store.lastNumber(day, service.id));
      const ticket = this.store.insertTicket({
        label: formatLabel(service, number),
        number,
        serviceId: service.id,
        priority: input.priority ?? 'normal',
        businessDay: day,
        issuedAt: at,
        issuedBy: input.issuedBy,
        idempotencyKey: input.idempotencyKey ?? null,
        citizen: input.citizen ?? null,
      });
      const place = this.placeOf(ticket, day);
      this.store.recordIssueEstimate(ticket.id, place.estimatedWaitSeconds);
      emit('ticket.issued', { ticket, queues: this.queueLengths([service.id], day) });
      return { ...place, ticket, citizen: input.citizen ?? null, replayed: false };
    });
  }

  /**
   * The counter takes the best waiting ticket of its services. A ticket the counter still holds is
   * finished first (pressing "next" ends the current citizen). Null when nobody waits.
   */
  callNext(counterId: number, actor: Actor = {}): Outcome<Ticket | null> {
    return this.change(({ now, at, day, emit }) => {
      const counter = this.guard.callingCounter(counterId, actor);
      this.finishHeld(counter, actor, at, day, emit);
      const next = pickNext(this.store.waitingHeads(counter.serviceIds), counter, now, this.settings().rules);
      if (!next) return null;
      const called = this.guard.save(next, applyChange(next, { action: 'call', counterId: counter.id, servedBy: userOf(actor) }, at));
      emit('ticket.called', { ticket: called, counterId: counter.id, queues: this.queueLengths([called.serviceId], day) });
      return called;
    }, actor);
  }

  /**
   * The counter calls one ticket of today by its label, out of the queue's order (recorded in the
   * audit log): a waiting ticket of any service, or a no-show that may still come back (see
   * NoShowRules). A ticket the counter still holds is finished first, as callNext does.
   */
  callTicket(counterId: number, label: string, actor: Actor = {}): Outcome<Ticket> {
    return this.change(({ now, at, day, emit, audit }) => {
      const counter = this.guard.callingCounter(counterId, actor);
      const ticket = this.store.findTicketByLabel(day, label);
      if (!ticket) throw new DomainError('ticket.not_found', `no ticket ${label} was issued today (${day})`);
      const comesBack = assertCallable(ticket, now, day, this.settings().noShow);
      this.finishHeld(counter, actor, at, day, emit);
      const waiting = comesBack ? applyChange(ticket, { action: 'requeue' }, at) : ticket;
      const called = this.guard.save(ticket, applyChange(waiting, { action: 'call', counterId: counter.id, servedBy: userOf(actor) }, at));
      emit('ticket.called', { ticket: called, counterId: counter.id, queues: this.queueLengths([called.serviceId], day) });
      audit({ action: 'ticket.called_out_of_order', ticketId: called.id, counterId: counter.id, details: { label, serviceId: called.serviceId, from: ticket.status } });
      return called;
    }, actor);
  }

  recall(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.atCounter(ticketId, actor, 'recall', 'ticket.recalled');
  }

  start(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.atCounter(ticketId, actor, 'start', 'ticket.started');
  }

  finish(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.atCounter(ticketId, actor, 'finish', 'ticket.finished');
  }

  /** The citizen did not come: refused while the ticket was recalled fewer times than the rules ask. */
  noShow(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.atCounter(ticketId, actor, 'no_show', 'ticket.no_show', (ticket) => assertRecalledEnough(ticket, this.settings().noShow));
  }

  cancel(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.change(({ at, day, emit, audit }) => {
      const ticket = this.guard.ticket(ticketId);
      if (ticket.status !== 'waiting') this.guard.ownCounter(ticket.counterId, actor);
      const cancelled = this.guard.save(ticket, applyChange(ticket, { action: 'cancel' }, at));
      emit('ticket.cancelled', { ticket: cancelled, counterId: cancelled.counterId, queues: this.queueLengths([cancelled.serviceId], day) });
      audit({ action: 'ticket.cancelled', ticketId: ticket.id, counterId: ticket.counterId, details: { label: ticket.label, from: ticket.status } });
      return cancelled;
    }, actor);
  }

  /** Sends the ticket to another service's queue; it keeps its label, issue time and priority. */
  transfer(ticketId: number, serviceId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.change(({ at, day, emit, audit }) => {
      const ticket = this.guard.ticket(ticketId);
      if (ticket.status !== 'waiting') this.guard.ownCounter(ticket.counterId, actor);
      const target = this.guard.service(serviceId);
      if (!target.active) throw new DomainError('service.inactive', `service ${target.code} is switched off`);
      const moved = this.guard.save(ticket, applyChange(ticket, { action: 'transfer', serviceId: target.id }, at));
      emit('ticket.transferred', {
        ticket: moved,
        fromServiceId: ticket.serviceId,
        toServiceId: target.id,
        counterId: ticket.counterId,
        queues: this.queueLengths([...new Set([ticket.serviceId, target.id])], day),
      });
      const details = { label: ticket.label, from: ticket.status, fromServiceId: ticket.serviceId, toServiceId: target.id };
      audit({ action: 'ticket.transferred', ticketId: ticket.id, counterId: ticket.counterId, details });
      return moved;
    }, actor);
  }

  /**
   * A no-show ticket of today back in its queue, with its issue time and priority, while the rules
   * allow it (ticket.requeue_closed after); recorded in the audit log.
   */
  requeue(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.change(({ now, at, day, emit, audit }) => {
      const ticket = this.guard.ticket(ticketId);
      this.guard.ownCounter(ticket.counterId, actor);
      const requeued = applyChange(ticket, { action: 'requeue' }, at);
      assertRequeueOpen(ticket, now, day, this.settings().noShow);
      this.guard.save(ticket, requeued);
      emit('ticket.requeued', { ticket: requeued, counterId: ticket.counterId, queues: this.queueLengths([requeued.serviceId], day) });
      audit({ action: 'ticket.requeued', ticketId: ticket.id, counterId: ticket.counterId, details: { label: ticket.label, noShowAt: ticket.finishedAt } });
      return requeued;
    }, actor);
  }

  /**
   * Opens or pauses a counter (with the reason of the pause, if given); both are recorded in the
   * audit log. Pausing a paused counter with another reason starts a new pause.
   */
  setCounterStatus(counterId: number, status: CounterStatus, actor: Actor = {}, reason: PauseReason | null = null): Outcome<Counter> {
    return this.change(({ at, day, emit, audit }) => {
      const counter = this.guard.counter(counterId);
      this.guard.ownCounter(counter.id, actor);
      const pauseReason = status === 'paused' ? reason : null;
      if (counter.status === status && (status === 'open' || pauseReason === null || pauseReason === counter.pauseReason)) return counter;
      this.store.setCounterStatus(counter.id, status, at, pauseReason);
      const updated: Counter = { ...counter, status, pauseReason };
      emit(status === 'open' ? 'counter.opened' : 'counter.paused', { counter: updated, queues: this.queueLengths(updated.serviceIds, day) });
      const [action, why] = status === 'open' ? (['counter.resumed', counter.pauseReason] as const) : (['counter.paused', pauseReason] as const);
      audit({ action, counterId: counter.id, details: { number: counter.number, reason: why } });
      return updated;
    }, actor);
  }

  /** Ends today early: cancels every ticket still waiting or called. Returns how many. */
  closeDay(actor: Actor = {}): Outcome<number> {
    return this.change(({ at, day, emit, audit }) => {
      const cancelled = this.store.cancelUnserved(day, true, at);
      emit('day.closed', { businessDay: day, cancelled });
      audit({ action: 'day.closed', details: { businessDay: day, cancelled } });
      return cancelled;
    }, actor);
  }

  /** Applies a pending business-day rollover now (the hub calls this on a timer). */
  rollover(): Outcome<void> {
    return this.change(() => undefined);
  }

  /**
   * A configuration write, its audit entry and the config.changed event that tells stations to
   * reload, in one transaction. When `write` finds nothing to change (undefined), nothing is recorded.
   */
  configure<T>(what: EventPayloads['config.changed']['what'], actor: Actor, write: (at: string) => T, record: (value: NonNullable<T>) => AuditRecord): Outcome<T> {
    return this.change(({ at, emit, audit }) => {
      const value = write(at);
      if (value === undefined || value === null) return value;
      audit(record(value));
      emit('config.changed', { what });
      return value;
    }, actor);
  }

  /** Where a ticket stands: people ahead and estimated wait (0 and null once it is no longer waiting). */
  placeOf(ticket: Ticket, day = this.today()): { ahead: number; estimatedWaitSeconds: number | null } {
    return this.reader.placeOf(ticket, day);
  }

  snapshot(): QueueSnapshot {
    return this.reader.snapshot();
  }

  today(): string {
    return this.reader.today();
  }

  /** Pressing "next" (or calling a ticket) ends the citizen the counter still holds. */
  private finishHeld(counter: Counter, actor: Actor, at: string, day: string, emit: Emit): void {
    const held = this.store.ticketAtCounter(counter.id);
    if (!held) return;
    const finished = this.guard.save(held, applyChange(held, { action: 'finish', servedBy: userOf(actor) }, at));
    emit('ticket.finished', { ticket: finished, counterId: counter.id, queues: this.queueLengths([finished.serviceId], day) });
  }

  private atCounter(
    ticketId: number,
    actor: Actor,
    action: 'recall' | 'start' | 'finish' | 'no_show',
    type: 'ticket.recalled' | 'ticket.started' | 'ticket.finished' | 'ticket.no_show',
    allowed: (ticket: Ticket) => void = () => undefined,
  ): Outcome<Ticket> {
    return this.change(({ at, day, emit }) => {
      const ticket = this.guard.ticket(ticketId);
      this.guard.ownCounter(ticket.counterId, actor);
      const changed = applyChange(ticket, action === 'start' || action === 'finish' ? { action, servedBy: userOf(actor) } : { action }, at);
      allowed(ticket);
      this.guard.save(ticket, changed);
      // The lifecycle only allows these actions on tickets a counter holds, so counterId is set.
      emit(type, { ticket: changed, counterId: changed.counterId ?? 0, queues: this.queueLengths([changed.serviceId], day) });
      return changed;
    }, actor);
  }

  private change<T>(fn: (context: ChangeContext) => T, actor: Actor = {}): Outcome<T> {
    return this.changes.run(fn, actor.by);
  }

  private queueLengths(serviceIds: readonly number[], day: string): QueueLength[] {
    return this.reader.queueLengths(serviceIds, day);
  }
}
