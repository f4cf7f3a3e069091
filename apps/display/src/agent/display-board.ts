import type { StateDto } from '@qms/protocol';
import type { BoardCall, BoardCounter, BoardQueue, DisplayOwnView } from '../contract.js';

/** The counters of a zone (numbers; empty: every counter), in number order. */
function zoneCounters(state: StateDto, zone: readonly number[]): StateDto['counters'] {
  return state.counters.filter((c) => zone.length === 0 || zone.includes(c.number)).sort((a, b) => a.number - b.number);
}

/**
 * The board of a zone from the hub's state: its counters and what each serves, the zone's calls
 * newest first (the latest known call, a recall included, on top), the waiting count of the
 * fields its counters serve.
 */
export function boardOf(state: StateDto | null, zone: readonly number[], latestCall: BoardCall | null, recentShown: number): DisplayOwnView['board'] {
  if (!state) return { latest: latestCall, counters: [], recent: [], queues: [] };
  const counters = zoneCounters(state, zone);
  const numberOf = new Map(counters.map((c) => [c.id, c.number]));
  const calls: BoardCall[] = state.recentCalls.flatMap((ticket) => {
    const counterNumber = ticket.counterId === null ? undefined : numberOf.get(ticket.counterId);
    return counterNumber !== undefined && ticket.calledAt ? [{ ticketId: ticket.id, label: ticket.label, counterNumber, at: ticket.calledAt }] : [];
  });
  // A recall is newer than the call the hub's list remembers; an event of an earlier day is not today's.
  const newest = calls[0];
  const latest = latestCall && (!newest || Date.parse(latestCall.at) >= Date.parse(newest.at)) && isToday(state, latestCall) ? latestCall : (newest ?? null);
  const served = new Set(counters.flatMap((c) => c.serviceIds));
  const queues: BoardQueue[] = state.services
    .filter((s) => s.active && (zone.length === 0 || served.has(s.id)))
    .map((s) => ({ serviceId: s.id, name: s.name, nameEn: s.nameEn, prefix: s.prefix, waiting: s.waiting }));
  const rows: BoardCounter[] = counters.map((c) => ({
    number: c.number,
    name: c.name,
    status: c.status,
    pauseReason: c.pauseReason ?? null,
    label: c.ticket && (c.ticket.status === 'called' || c.ticket.status === 'serving') ? c.ticket.label : null,
  }));
  return { latest, counters: rows, recent: calls.filter((call) => call.ticketId !== latest?.ticketId).slice(0, recentShown), queues };
}

function isToday(state: StateDto, call: BoardCall): boolean {
  return state.recentCalls.some((t) => t.id === call.ticketId) || state.counters.some((c) => c.ticket?.id === call.ticketId);
}
