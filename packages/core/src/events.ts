import type { Rating } from './ratings.js';
import type { Counter, Ticket } from './types.js';

/**
 * Waiting count and estimated wait of one service, as /api/state gives them, carried by the events
 * that move them so stations apply them to their copy of the state instead of fetching it again.
 * An event carries the services it touches, then those sharing an open counter with them: a
 * shared counter gives each of its fields with people waiting a share, so their estimates move too.
 */
export interface QueueLength {
  serviceId: number;
  waiting: number;
  /** The estimate /api/state gives for a newcomer to this service (null when no counter serving it is open). */
  estimatedWaitSeconds: number | null;
}

/** Every state change the hub publishes, by type, with its payload. */
export interface EventPayloads {
  'ticket.issued': { ticket: Ticket; queues: QueueLength[] };
  'ticket.called': { ticket: Ticket; counterId: number; queues: QueueLength[] };
  'ticket.recalled': { ticket: Ticket; counterId: number; queues: QueueLength[] };
  'ticket.started': { ticket: Ticket; counterId: number; queues: QueueLength[] };
  /** Its queues carry the service's new estimate: a finished ticket is one more measured service time. */
  'ticket.finished': { ticket: Ticket; counterId: number | null; queues: QueueLength[] };
  'ticket.no_show': { ticket: Ticket; counterId: number; queues: QueueLength[] };
  'ticket.cancelled': { ticket: Ticket; counterId: number | null; queues: QueueLength[] };
  'ticket.transferred': { ticket: Ticket; fromServiceId: number; toServiceId: number; counterId: number | null; queues: QueueLength[] };
  /** A no-show ticket back in its queue (waiting, its call taken back); counterId is where it was marked no-show. */
  'ticket.requeued': { ticket: Ticket; counterId: number | null; queues: QueueLength[] };
  /** The citizen rated the service (the ticket itself is unchanged); its queues are the service's, unchanged too. */
  'ticket.rated': { ticket: Ticket; counterId: number | null; rating: Rating; queues: QueueLength[] };
  /** Its queues are the counter's services: their estimates depend on how many counters serve them. counter.pauseReason says why it paused. */
  'counter.opened': { counter: Counter; queues: QueueLength[] };
  'counter.paused': { counter: Counter; queues: QueueLength[] };
  'config.changed': { what: 'services' | 'counters' | 'settings' | 'procedures' };
  /** Unserved tickets of a finished business day were cancelled: clients reload /api/state. */
  'day.closed': { businessDay: string; cancelled: number };
}

export type EventType = keyof EventPayloads;

export type NewEvent = { [K in EventType]: { type: K; payload: EventPayloads[K] } }[EventType];

/** An event as stored and sent: a monotonically increasing seq, the type, the instant, the payload. */
export type QueueEvent = { [K in EventType]: { seq: number; type: K; at: string } & EventPayloads[K] }[EventType];
