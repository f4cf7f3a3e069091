import type { AuditActor } from './audit.js';
import { DomainError } from './errors.js';
import type { QueueStore } from './ports.js';
import type { Counter, Service, Ticket } from './types.js';

/** Who asks for a change: a counter device acts only at its own counter; `by` is who the audit log names. */
export interface Actor {
  counterId?: number | null;
  by?: AuditActor;
}

/** The checks every use case of the queue engine makes, on its store. */
export class QueueGuards {
  constructor(private readonly store: QueueStore) {}

  service(id: number): Service {
    const service = this.store.getService(id);
    if (!service) throw new DomainError('service.not_found', `no service with id ${id}`);
    return service;
  }

  counter(id: number): Counter {
    const counter = this.store.getCounter(id);
    if (!counter) throw new DomainError('counter.not_found', `no counter with id ${id}`);
    return counter;
  }

  /** The counter, checked to be the actor's own and open: where a citizen may be called. */
  callingCounter(id: number, actor: Actor): Counter {
    const counter = this.counter(id);
    this.ownCounter(counter.id, actor);
    if (counter.status !== 'open') throw new DomainError('counter.paused', `counter ${counter.number} is paused; open it before calling`);
    return counter;
  }

  ticket(id: number): Ticket {
    const ticket = this.store.getTicket(id);
    if (!ticket) throw new DomainError('ticket.not_found', `no ticket with id ${id}`);
    return ticket;
  }

  ownCounter(counterId: number | null, actor: Actor): void {
    if (actor.counterId !== undefined && actor.counterId !== null && actor.counterId !== counterId) {
      throw new DomainError('counter.not_yours', `this station belongs to another counter; it may only act at its own counter`);
    }
  }

  /** Writes the ticket's new state; `before` is what the change read. */
  save(before: Ticket, after: Ticket): Ticket {
    if (!this.store.updateTicket(after, before.status)) {
      // Only reachable if another writer changed the row inside our transaction: a bug, not user error.
      throw new Error(`ticket ${before.id} changed underneath a transaction`);
    }
    return after;
  }
}
