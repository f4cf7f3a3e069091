import type { NewAuditEntry } from './audit.js';
import type { NewEvent, QueueEvent } from './events.js';
import type { Rating } from './ratings.js';
import type { Citizen, Counter, CounterStatus, PauseReason, Priority, Service, Ticket, TicketStatus } from './types.js';

export interface NewTicket {
  label: string;
  number: number;
  serviceId: number;
  priority: Priority;
  businessDay: string;
  issuedAt: string;
  issuedBy: string;
  idempotencyKey: string | null;
  citizen: Citizen | null;
}

export interface NewRating {
  ticketId: number;
  score: number;
  /** The levels of the scale the score was given on (the scale may change later). */
  levels: number;
  /** The counter that served the ticket. */
  counterId: number | null;
  at: string;
}

export interface TicketQuery {
  businessDay: string;
  status?: TicketStatus;
  serviceId?: number;
}

/**
 * The storage the queue engine needs. Calls are synchronous; `transaction` runs a function
 * atomically and durably (committed before it returns) or not at all.
 */
export interface QueueStore {
  transaction<T>(fn: () => T): T;
  /** Runs fn on one consistent snapshot, taking no write lock. */
  readTransaction<T>(fn: () => T): T;

  listServices(): Service[];
  getService(id: number): Service | undefined;
  listCounters(): Counter[];
  getCounter(id: number): Counter | undefined;
  /**
   * Opens or pauses a counter at `at`, keeping its pauses (when each started and ended, and why):
   * pausing a paused counter ends its pause and starts another (a new reason).
   */
  setCounterStatus(id: number, status: CounterStatus, at: string, reason: PauseReason | null): void;

  getTicket(id: number): Ticket | undefined;
  /** The ticket of that business day with that label (labels are unique within a day). */
  findTicketByLabel(businessDay: string, label: string): Ticket | undefined;
  findIssued(issuedBy: string, idempotencyKey: string): Ticket | undefined;
  /** The highest number issued today by this service's numbering, or null. */
  lastNumber(businessDay: string, issueServiceId: number): number | null;
  insertTicket(ticket: NewTicket): Ticket;
  /** Keeps the wait a ticket was promised when it was issued, for the reports (null: no estimate). */
  recordIssueEstimate(ticketId: number, seconds: number | null): void;
  /** The identity attached when the ticket was issued, if any. */
  citizenOf(ticketId: number): Citizen | null;
  /** Forgets the identities of tickets of business days before `day` that are over; returns how many. */
  forgetCitizens(day: string): number;
  /** Writes the ticket's new state if its stored status is still `expectedStatus`; false otherwise. */
  updateTicket(ticket: Ticket, expectedStatus: TicketStatus): boolean;
  /** For each service: its oldest waiting priority-class ticket and its oldest waiting normal ticket. */
  waitingHeads(serviceIds: readonly number[]): Ticket[];
  /** The ticket a counter holds (called or serving), if any. */
  ticketAtCounter(counterId: number): Ticket | undefined;
  /** Waiting tickets of the same service that go before this one (priority class first, then issue time). */
  countAhead(ticket: Ticket): number;
  waitingCount(serviceId: number): number;
  waitingCounts(): Map<number, number>;
  listTickets(query: TicketQuery): Ticket[];
  /** The latest calls, most recent first. */
  recentCalls(businessDay: string, limit: number): Ticket[];
  /** Seconds from call to finish of the latest tickets of a service finished on a business day. */
  recentCycleSeconds(serviceId: number, businessDay: string, limit: number): number[];
  /** Cancels the waiting and called tickets of business days before `day` (up to and including it when `inclusive`); returns how many. */
  cancelUnserved(day: string, inclusive: boolean, at: string): number;

  appendEvent(event: NewEvent, at: string): QueueEvent;
  lastSeq(): number;

  /** Records an action in the audit log (in the change's transaction). */
  appendAudit(entry: NewAuditEntry): void;

  ratingOf(ticketId: number): Rating | undefined;
  /** Stores a rating; a ticket has at most one. */
  insertRating(rating: NewRating): void;

  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
}
