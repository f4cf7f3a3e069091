import { DomainError } from './errors.js';
import type { Ticket } from './types.js';

/** When a clerk may mark a called citizen absent, and how long an absent citizen may still come back. */
export interface NoShowRules {
  /** A ticket is marked no-show only after it was recalled this many times (0: at once). */
  minRecalls: number;
  /** A no-show ticket of today may be put back in the queue (or called again) this long after it was marked; 0: never. */
  requeueMinutes: number;
}

export const DEFAULT_NO_SHOW_RULES: NoShowRules = { minRecalls: 0, requeueMinutes: 30 };

/** Throws ticket.recall_first while the ticket was recalled fewer times than the rules ask. */
export function assertRecalledEnough(ticket: Ticket, rules: NoShowRules): void {
  if (ticket.recallCount < rules.minRecalls) {
    throw new DomainError('ticket.recall_first', `ticket ${ticket.label} was recalled ${ticket.recallCount} of the ${rules.minRecalls} times required before a no-show`, {
      recallCount: ticket.recallCount,
      minRecalls: rules.minRecalls,
    });
  }
}

/**
 * Whether a no-show ticket may still come back into today's queue: it was marked on business day
 * `today` and no more than requeueMinutes ago. False for any other status.
 */
export function isRequeueOpen(ticket: Ticket, now: Date, today: string, rules: NoShowRules): boolean {
  if (ticket.status !== 'no_show' || ticket.finishedAt === null || ticket.businessDay !== today || rules.requeueMinutes <= 0) return false;
  return now.getTime() - Date.parse(ticket.finishedAt) <= rules.requeueMinutes * 60_000;
}

/**
 * Whether a counter may call this ticket out of order: a waiting ticket, or a no-show that may
 * still come back (true: it comes back). Throws ticket.wrong_state for any other.
 */
export function assertCallable(ticket: Ticket, now: Date, today: string, rules: NoShowRules): boolean {
  if (ticket.status === 'waiting') return false;
  if (isRequeueOpen(ticket, now, today, rules)) return true;
  const why = ticket.status === 'no_show' ? `; a no-show is called again within ${rules.requeueMinutes} min of being marked` : '';
  throw new DomainError('ticket.wrong_state', `ticket ${ticket.label} is ${ticket.status}; a counter calls a waiting ticket${why}`, { status: ticket.status, action: 'call' });
}

/** Throws ticket.requeue_closed when a no-show ticket may no longer come back. */
export function assertRequeueOpen(ticket: Ticket, now: Date, today: string, rules: NoShowRules): void {
  if (isRequeueOpen(ticket, now, today, rules)) return;
  throw new DomainError('ticket.requeue_closed', `ticket ${ticket.label} was marked no-show at ${ticket.finishedAt}; it can come back within ${rules.requeueMinutes} min, on its own day`, {
    requeueMinutes: rules.requeueMinutes,
  });
}
