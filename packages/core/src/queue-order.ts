import type { Counter, Ticket } from './types.js';
import { isPriorityClass } from './types.js';

export interface QueueRules {
  /** A normal ticket that has waited this long is served like a priority ticket, so nobody starves. */
  maxWaitSeconds: number;
}

export const DEFAULT_QUEUE_RULES: QueueRules = { maxWaitSeconds: 45 * 60 };

type Candidate = Pick<Ticket, 'id' | 'serviceId' | 'priority' | 'issuedAt' | 'status'>;

/** True when the ticket goes in the front group: a priority class, or a normal ticket past the maximum wait. */
export function isFrontOfQueue(ticket: Candidate, now: Date, rules: QueueRules): boolean {
  if (isPriorityClass(ticket.priority)) return true;
  return now.getTime() - Date.parse(ticket.issuedAt) >= rules.maxWaitSeconds * 1000;
}

/**
 * The order in which a counter calls: the front group first (priority classes and tickets past the
 * maximum wait), then the longest wait (original issue time), then the counter's service order,
 * then the ticket id. Returns < 0 when a goes first.
 */
export function compareForCounter(a: Candidate, b: Candidate, counter: Pick<Counter, 'serviceIds'>, now: Date, rules: QueueRules): number {
  const frontA = isFrontOfQueue(a, now, rules);
  const frontB = isFrontOfQueue(b, now, rules);
  if (frontA !== frontB) return frontA ? -1 : 1;
  if (a.issuedAt !== b.issuedAt) return a.issuedAt < b.issuedAt ? -1 : 1;
  const positionA = counter.serviceIds.indexOf(a.serviceId);
  const positionB = counter.serviceIds.indexOf(b.serviceId);
  if (positionA !== positionB) return positionA - positionB;
  return a.id - b.id;
}

/**
 * The ticket a counter calls next among the waiting candidates of its services, or undefined.
 *
 * The candidates may be all waiting tickets, or only the oldest priority-class and the oldest
 * normal ticket of each service (the store's cheap query): the result is the same, because within
 * one service and one class the oldest ticket is also the first to pass the maximum wait.
 */
export function pickNext<T extends Candidate>(candidates: readonly T[], counter: Pick<Counter, 'serviceIds'>, now: Date, rules: QueueRules): T | undefined {
  let best: T | undefined;
  for (const ticket of candidates) {
    if (ticket.status !== 'waiting' || !counter.serviceIds.includes(ticket.serviceId)) continue;
    if (!best || compareForCounter(ticket, best, counter, now, rules) < 0) best = ticket;
  }
  return best;
}
