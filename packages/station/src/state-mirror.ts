import { ACTIVE_STATUSES, businessDay, RECENT_CALLS } from '@qms/core';
import type { QueueEvent, StateDto, TicketDto } from '@qms/protocol';

/** Calls remembered beyond those shown, so one taken back (a transfer) is replaced without a snapshot. */
const KEPT_CALLS = 5 * RECENT_CALLS;

/** A station's copy of /api/state, kept up to date from the hub's events. */
export interface StateMirror {
  readonly state: StateDto;
  /** Today's called tickets as far as known, newest call first (the hub's order): recentCalls is its head. */
  readonly calls: readonly TicketDto[];
  /** Whether `calls` holds every ticket called today; if not, older calls exist that only a snapshot knows. */
  readonly allCalls: boolean;
}

export function mirrorOf(state: StateDto): StateMirror {
  return { state, calls: state.recentCalls, allCalls: state.recentCalls.length < RECENT_CALLS };
}

type TicketEvent = Extract<QueueEvent, { ticket: unknown }>;
type Queues = TicketEvent['queues'];

/**
 * The mirror after one event, exactly as /api/state would answer at its seq (but serverTime and
 * the services' `open`, which move with the clock), or null when only a fresh /api/state can tell:
 * configuration changed, a day closed or turned, an event from an older hub without estimates, a
 * call taken back from a list whose older part is unknown. Pure: the mirror given is not changed.
 */
export function applyEvent(mirror: StateMirror, event: QueueEvent, timeZone: string): StateMirror | null {
  const { state } = mirror;
  if (event.seq <= state.seq) return mirror; // already in the picture
  // The first event of a new business day: recent calls and service times start again.
  if (businessDay(new Date(event.at), timeZone) !== state.businessDay) return null;
  switch (event.type) {
    case 'config.changed':
    case 'day.closed':
      return null;
    case 'counter.opened':
    case 'counter.paused': {
      const { counter } = event;
      if (!state.counters.some((c) => c.id === counter.id)) return null;
      const services = withQueues(state.services, event.queues);
      if (!services) return null;
      const counters = state.counters.map((c) =>
        c.id === counter.id ? { ...c, number: counter.number, name: counter.name, status: counter.status, serviceIds: counter.serviceIds, pauseReason: counter.pauseReason ?? null } : c,
      );
      return { ...mirror, state: { ...state, seq: event.seq, services, counters } };
    }
    default:
      return withTicket(mirror, event);
  }
}

function withTicket(mirror: StateMirror, event: TicketEvent): StateMirror | null {
  const { state } = mirror;
  const ticket: TicketDto = event.ticket;
  // Recall, start and no-show move no count: a hub older than its estimates sends them without queues.
  const unmoved = event.queues === undefined && ['ticket.recalled', 'ticket.started', 'ticket.no_show'].includes(event.type);
  const services = unmoved ? state.services : withQueues(state.services, event.queues);
  if (!services) return null;
  // As the hub's ticketAtCounter: the ticket a counter holds is the one called or served there.
  const held = ticket.counterId !== null && ACTIVE_STATUSES.includes(ticket.status) ? ticket.counterId : null;
  if (held !== null && !state.counters.some((c) => c.id === held)) return null;
  const counters = state.counters.map((c) => {
    if (c.id === held) return { ...c, ticket };
    if (c.ticket?.id === ticket.id) return { ...c, ticket: null };
    return c;
  });
  const calls = withCall(mirror, ticket);
  if (!calls) return null;
  return { ...calls, state: { ...state, seq: event.seq, services, counters, recentCalls: calls.calls.slice(0, RECENT_CALLS) } };
}

/** The services with the waiting counts and estimates an event carries; null if it carries none (an older hub). */
function withQueues(services: StateDto['services'], queues: Queues | undefined): StateDto['services'] | null {
  if (!Array.isArray(queues)) return null;
  let next = services;
  for (const queue of queues) {
    if (queue.estimatedWaitSeconds === undefined || !services.some((s) => s.id === queue.serviceId)) return null;
    next = next.map((s) => (s.id === queue.serviceId ? { ...s, waiting: queue.waiting, estimatedWaitSeconds: queue.estimatedWaitSeconds } : s));
  }
  return next;
}

/** As the hub orders recentCalls: called_at DESC, id DESC. */
const calledBefore = (a: TicketDto, b: TicketDto) => (a.calledAt ?? '') > (b.calledAt ?? '') || (a.calledAt === b.calledAt && a.id > b.id);

/**
 * Today's calls after a ticket changed: it takes its place by its call (or leaves the list, when a
 * transfer takes the call back). Null when fewer calls than recentCalls shows are known while older
 * ones exist.
 */
function withCall(mirror: StateMirror, ticket: TicketDto): Pick<StateMirror, 'calls' | 'allCalls'> | null {
  const { state } = mirror;
  let calls = mirror.calls.filter((c) => c.id !== ticket.id);
  let allCalls = mirror.allCalls;
  if (ticket.calledAt !== null && ticket.businessDay === state.businessDay) {
    const found = calls.findIndex((c) => calledBefore(ticket, c));
    const at = found < 0 ? calls.length : found;
    // Older than every known call while older ones are unknown: its place is not known, and not shown.
    if (at < calls.length || allCalls) calls = [...calls.slice(0, at), ticket, ...calls.slice(at)];
  }
  if (calls.length > KEPT_CALLS) {
    calls = calls.slice(0, KEPT_CALLS);
    allCalls = false;
  }
  if (!allCalls && calls.length < RECENT_CALLS) return null;
  return { calls, allCalls };
}
