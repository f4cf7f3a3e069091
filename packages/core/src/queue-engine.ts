import { localTime } from './business-day.js';
import type { Clock } from './clock.js';
import type { EngineSettings } from './engine-settings.js';
import { DomainError } from './errors.js';
import type { EventPayloads, QueueLength } from './events.js';
import { formatLabel, nextNumber } from './numbering.js';
import { describeOpeningHours, isOpenAt } from './opening-hours.js';
import type { QueueStore } from './ports.js';
import { type ChangeContext, type Outcome, QueueChanges } from './queue-change.js';
import { pickNext } from './queue-order.js';
import { type QueueSnapshot, QueueReader } from './queue-reader.js';
import { applyChange } from './ticket-lifecycle.js';
import type { Citizen, Counter, CounterStatus, Priority, Service, Ticket } from './types.js';

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

/** Limits what a caller may touch: a counter device acts only at its own counter. */
export interface Actor {
  counterId?: number | null;
}

/**
 * The queue's use cases. Each change runs in one store transaction: the business-day rollover
 * (when the day has moved on), the change itself and its events commit together or not at all.
 */
export class QueueEngine {
  private readonly changes: QueueChanges;
  private readonly reader: QueueReader;

  constructor(
    private readonly store: QueueStore,
    clock: Clock,
    private readonly settings: () => EngineSettings,
  ) {
    this.changes = new QueueChanges(store, clock, settings);
    this.reader = new QueueReader(store, clock, settings);
  }

  issue(input: IssueInput): Outcome<Issued> {
    return this.change(({ now, at, day, emit }) => {
      if (input.idempotencyKey) {
        const earlier = this.store.findIssued(input.issuedBy, input.idempotencyKey);
        if (earlier) return { ...this.placeOf(earlier, day), ticket: earlier, citizen: this.store.citizenOf(earlier.id), replayed: true };
      }
      const service = this.requireService(input.serviceId);
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
      emit('ticket.issued', { ticket, queues: this.queueLengths([service.id], day) });
      return { ...this.placeOf(ticket, day), ticket, citizen: input.citizen ?? null, replayed: false };
    });
  }

  /**
   * The counter takes the best waiting ticket of its services. A ticket the counter still holds is
   * finished first (pressing "next" ends the current citizen). Null when nobody waits.
   */
  callNext(counterId: number, actor: Actor = {}): Outcome<Ticket | null> {
    return this.change(({ now, at, day, emit }) => {
      const counter = this.requireCounter(counterId);
      this.assertOwnCounter(counter.id, actor);
      if (counter.status !== 'open') {
        throw new DomainError('counter.paused', `counter ${counter.number} is paused; open it before calling`);
      }
      const held = this.store.ticketAtCounter(counter.id);
      if (held) {
        const finished = this.save(held, applyChange(held, { action: 'finish' }, at));
        emit('ticket.finished', { ticket: finished, counterId: counter.id, queues: this.queueLengths([finished.serviceId], day) });
      }
      const next = pickNext(this.store.waitingHeads(counter.serviceIds), counter, now, this.settings().rules);
      if (!next) return null;
      const called = this.save(next, applyChange(next, { action: 'call', counterId: counter.id }, at));
      emit('ticket.called', { ticket: called, counterId: counter.id, queues: this.queueLengths([called.serviceId], day) });
      return called;
    });
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

  noShow(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.atCounter(ticketId, actor, 'no_show', 'ticket.no_show');
  }

  cancel(ticketId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.change(({ at, day, emit }) => {
      const ticket = this.requireTicket(ticketId);
      if (ticket.status !== 'waiting') this.assertOwnCounter(ticket.counterId, actor);
      const cancelled = this.save(ticket, applyChange(ticket, { action: 'cancel' }, at));
      emit('ticket.cancelled', { ticket: cancelled, counterId: cancelled.counterId, queues: this.queueLengths([cancelled.serviceId], day) });
      return cancelled;
    });
  }

  /** Sends the ticket to another service's queue; it keeps its label, issue time and priority. */
  transfer(ticketId: number, serviceId: number, actor: Actor = {}): Outcome<Ticket> {
    return this.change(({ at, day, emit }) => {
      const ticket = this.requireTicket(ticketId);
      if (ticket.status !== 'waiting') this.assertOwnCounter(ticket.counterId, actor);
      const target = this.requireService(serviceId);
      if (!target.active) throw new DomainError('service.inactive', `service ${target.code} is switched off`);
      const moved = this.save(ticket, applyChange(ticket, { action: 'transfer', serviceId: target.id }, at));
      emit('ticket.transferred', {
        ticket: moved,
        fromServiceId: ticket.serviceId,
        toServiceId: target.id,
        counterId: ticket.counterId,
        queues: this.queueLengths([...new Set([ticket.serviceId, target.id])], day),
      });
      return moved;
    });
  }

  setCounterStatus(counterId: number, status: CounterStatus, actor: Actor = {}): Outcome<Counter> {
    return this.change(({ day, emit }) => {
      const counter = this.requireCounter(counterId);
      this.assertOwnCounter(counter.id, actor);
      if (counter.status === status) return counter;
      this.store.setCounterStatus(counter.id, status);
      const updated = { ...counter, status };
      emit(status === 'open' ? 'counter.opened' : 'counter.paused', { counter: updated, queues: this.queueLengths(updated.serviceIds, day) });
      return updated;
    });
  }

  /** Ends today early: cancels every ticket still waiting or called. Returns how many. */
  closeDay(): Outcome<number> {
    return this.change(({ at, day, emit }) => {
      const cancelled = this.store.cancelUnserved(day, true, at);
      emit('day.closed', { businessDay: day, cancelled });
      return cancelled;
    });
  }

  /** Applies a pending business-day rollover now (the hub calls this on a timer). */
  rollover(): Outcome<void> {
    return this.change(() => undefined);
  }

  /** Records that configuration changed, so stations reload it. */
  configChanged(what: EventPayloads['config.changed']['what']): Outcome<void> {
    return this.change(({ emit }) => emit('config.changed', { what }));
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

  private atCounter(
    ticketId: number,
    actor: Actor,
    action: 'recall' | 'start' | 'finish' | 'no_show',
    type: 'ticket.recalled' | 'ticket.started' | 'ticket.finished' | 'ticket.no_show',
  ): Outcome<Ticket> {
    return this.change(({ at, day, emit }) => {
      const ticket = this.requireTicket(ticketId);
      this.assertOwnCounter(ticket.counterId, actor);
      const changed = this.save(ticket, applyChange(ticket, { action }, at));
      // The lifecycle only allows these actions on tickets a counter holds, so counterId is set.
      emit(type, { ticket: changed, counterId: changed.counterId ?? 0, queues: this.queueLengths([changed.serviceId], day) });
      return changed;
    });
  }

  private change<T>(fn: (context: ChangeContext) => T): Outcome<T> {
    return this.changes.run(fn);
  }

  private save(before: Ticket, after: Ticket): Ticket {
    if (!this.store.updateTicket(after, before.status)) {
      // Only reachable if another writer changed the row inside our transaction: a bug, not user error.
      throw new Error(`ticket ${before.id} changed underneath a transaction`);
    }
    return after;
  }

  private queueLengths(serviceIds: readonly number[], day: string): QueueLength[] {
    return this.reader.queueLengths(serviceIds, day);
  }

  private assertOwnCounter(counterId: number | null, actor: Actor): void {
    if (actor.counterId !== undefined && actor.counterId !== null && actor.counterId !== counterId) {
      throw new DomainError('counter.not_yours', `this station belongs to another counter; it may only act at its own counter`);
    }
  }

  private requireService(id: number): Service {
    const service = this.store.getService(id);
    if (!service) throw new DomainError('service.not_found', `no service with id ${id}`);
    return service;
  }

  private requireCounter(id: number): Counter {
    const counter = this.store.getCounter(id);
    if (!counter) throw new DomainError('counter.not_found', `no counter with id ${id}`);
    return counter;
  }

  private requireTicket(id: number): Ticket {
    const ticket = this.store.getTicket(id);
    if (!ticket) throw new DomainError('ticket.not_found', `no ticket with id ${id}`);
    return ticket;
  }
}
