import type { EventType, QueueEvent } from '@qms/core';

export type { EventPayloads, EventType, QueueEvent } from '@qms/core';

/** Messages on GET /api/events besides the queue's events. */
export interface ResyncMessage {
  /** The hub's latest seq: the client fetches /api/state and continues from its seq. */
  seq: number;
  type: 'resync';
  at: string;
  reason: 'too_old' | 'unknown_seq' | 'too_many';
}

/** Sent every few seconds so a client notices a dead link; carries no seq of its own. */
export interface HeartbeatMessage {
  type: 'heartbeat';
  at: string;
  lastSeq: number;
}

export type EventMessage = QueueEvent | ResyncMessage | HeartbeatMessage;

export const EVENT_TYPES: readonly EventType[] = [
  'ticket.issued',
  'ticket.called',
  'ticket.recalled',
  'ticket.started',
  'ticket.finished',
  'ticket.no_show',
  'ticket.cancelled',
  'ticket.transferred',
  'ticket.requeued',
  'ticket.rated',
  'counter.opened',
  'counter.paused',
  'config.changed',
  'day.closed',
];

/** WebSocket close codes the hub uses. A client reconnects with ?since= after any of them. */
export const CLOSE_CODES = {
  /** The client read too slowly; its backlog was dropped. */
  slowConsumer: 4008,
  /** The token was revoked or expired. Reconnecting needs a new token. */
  unauthorized: 4001,
  /** The hub is shutting down. */
  goingAway: 1001,
} as const;
