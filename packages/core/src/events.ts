import type { Counter, Ticket } from './types.js';

/** Waiting count of one service, carried by ticket events so screens need no extra request. */
export interface QueueLength {
  serviceId: number;
  waiting: number;
}

/** Every state change the hub publishes, by type, with its payload. */
export interface EventPayloads {
  'ticket.issued': { ticket: Ticket; queues: QueueLength[] };
  'ticket.called': { ticket: Ticket; counterId: number; queues: QueueLength[] };
  'ticket.recalled': { ticket: Ticket; counterId: number };
  'ticket.started': { ticket: Ticket; counterId: number };
  'ticket.finished': { ticket: Ticket; counterId: number | null };
  'ticket.no_show': { ticket: Ticket; counterId: number };
  'ticket.cancelled': { ticket: Ticket; counterId: number | null; queues: QueueLength[] };
  'ticket.transferred': { ticket: Ticket; fromServiceId: number; toServiceId: number; counterId: number | null; queues: QueueLength[] };
  'counter.opened': { counter: Counter };
  'counter.paused': { counter: Counter };
  'config.changed': { what: 'services' | 'counters' | 'settings' };
  /** Unserved tickets of a finished business day were cancelled: clients reload /api/state. */
  'day.closed': { businessDay: string; cancelled: number };
}

export type EventType = keyof EventPayloads;

export type NewEvent = { [K in EventType]: { type: K; payload: EventPayloads[K] } }[EventType];

/** An event as stored and sent: a monotonically increasing seq, the type, the instant, the payload. */
export type QueueEvent = { [K in EventType]: { seq: number; type: K; at: string } & EventPayloads[K] }[EventType];
