import { DomainError } from './errors.js';
import type { Ticket, TicketStatus } from './types.js';

/**
 *   waiting ──call──▶ called ──start──▶ serving ──finish──▶ done
 *      │                │  ▲ recall                ▲
 *      │                │  └───────┘               │
 *      │                ├──finish──────────────────┘   (served without pressing start)
 *      │                ├──no_show──▶ no_show
 *      ├──cancel────────┴──cancel───▶ cancelled
 *      ◀──transfer── called | serving | waiting       (to another service, waiting again)
 *      ◀──requeue─── no_show                          (the citizen came back: waiting again)
 */
export const TICKET_ACTIONS = ['call', 'recall', 'start', 'finish', 'no_show', 'cancel', 'transfer', 'requeue'] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

const ALLOWED_FROM: Record<TicketAction, readonly TicketStatus[]> = {
  call: ['waiting'],
  recall: ['called'],
  start: ['called'],
  finish: ['called', 'serving'],
  no_show: ['called'],
  cancel: ['waiting', 'called'],
  transfer: ['waiting', 'called', 'serving'],
  requeue: ['no_show'],
};

export function canApply(ticket: Pick<Ticket, 'status'>, action: TicketAction): boolean {
  return ALLOWED_FROM[action].includes(ticket.status);
}

function assertCan(ticket: Ticket, action: TicketAction): void {
  if (!canApply(ticket, action)) {
    const allowed = ALLOWED_FROM[action].join(' or ');
    throw new DomainError('ticket.wrong_state', `ticket ${ticket.label} is ${ticket.status}; "${action.replace('_', '-')}" needs a ticket that is ${allowed}`, { status: ticket.status, action });
  }
}

/**
 * `servedBy`: the user (clerk) who acts, null for a station without a signed-in clerk. A call sets
 * the ticket's servedBy to it; a start or finish by a user overwrites it (by a station, keeps it).
 */
export type TicketChange =
  | { action: 'call'; counterId: number; servedBy?: number | null }
  | { action: 'start' | 'finish'; servedBy?: number | null }
  | { action: 'recall' | 'no_show' | 'cancel' | 'requeue' }
  | { action: 'transfer'; serviceId: number };

/** The ticket after the change at instant `at`; throws ticket.wrong_state when its status forbids it. Pure. */
export function applyChange(ticket: Ticket, change: TicketChange, at: string): Ticket {
  assertCan(ticket, change.action);
  switch (change.action) {
    case 'call':
      return { ...ticket, status: 'called', counterId: change.counterId, calledAt: at, servedBy: change.servedBy ?? null };
    case 'recall':
      // calledAt keeps the first call, so waiting-time figures stay honest.
      return { ...ticket, recallCount: ticket.recallCount + 1 };
    case 'start':
      return { ...ticket, status: 'serving', startedAt: at, servedBy: change.servedBy ?? ticket.servedBy };
    case 'finish':
      return { ...ticket, status: 'done', finishedAt: at, servedBy: change.servedBy ?? ticket.servedBy };
    case 'no_show':
      return { ...ticket, status: 'no_show', finishedAt: at };
    case 'cancel':
      return { ...ticket, status: 'cancelled', finishedAt: at };
    case 'transfer':
      if (change.serviceId === ticket.serviceId && ticket.status === 'waiting') {
        throw new DomainError('ticket.same_service', `ticket ${ticket.label} already waits for this service`);
      }
      // Waiting again for the new service; issue time and priority are kept, so it does not lose its place.
      return {
        ...ticket,
        serviceId: change.serviceId,
        status: 'waiting',
        counterId: null,
        calledAt: null,
        startedAt: null,
        servedBy: null,
        transferCount: ticket.transferCount + 1,
      };
    case 'requeue':
      // Back in its queue with its issue time and priority (and its recall count); the call is taken back.
      return { ...ticket, status: 'waiting', counterId: null, calledAt: null, startedAt: null, finishedAt: null, servedBy: null };
  }
}
