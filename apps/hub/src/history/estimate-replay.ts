import type { EtaInput } from '@qms/core';
import type { HistoryCounter, HistoryService, HistoryTicket } from './synthetic-history.js';

/** What the replay gives an estimate: core's input, and the latest start → finish times (what the first estimate read). */
export type ReplayInput = EtaInput & { recentServiceSeconds: readonly number[] };
/** An estimate of the wait, as the queue reader computes it for a newcomer. */
export type Estimator = (input: ReplayInput) => number | null;

/** How many of a field's latest clerk times an estimate reads (as the queue reader does). */
export const RECENT_SAMPLES = 20;

type Step = { at: number; order: number; ticket: HistoryTicket; index: number };

/**
 * A day's tickets replayed in time order, each given the estimate a kiosk would have printed when it
 * was issued: the people ahead of it in its field's queue, the counters serving the field with the
 * fields each serves and their waiting counts, and the field's latest clerk times of the day, as
 * they stood at that second. At one instant, finishes come before issues and issues before calls (a
 * counter freed at a second takes a citizen who arrived at it). Every counter is open: the synthetic
 * centre opens them all.
 */
export function replayEstimates(tickets: readonly HistoryTicket[], services: readonly HistoryService[], counters: readonly HistoryCounter[], estimate: Estimator): (number | null)[] {
  const steps: Step[] = [];
  tickets.forEach((ticket, index) => {
    steps.push({ at: Date.parse(ticket.issuedAt), order: 1, ticket, index });
    if (ticket.calledAt !== null) steps.push({ at: Date.parse(ticket.calledAt), order: 2, ticket, index });
    if (ticket.status === 'done' && ticket.finishedAt !== null) steps.push({ at: Date.parse(ticket.finishedAt), order: 0, ticket, index });
  });
  steps.sort((a, b) => a.at - b.at || a.order - b.order || a.index - b.index);
  const waiting = new Map<number, { priority: number; normal: number }>(services.map((service) => [service.id, { priority: 0, normal: 0 }]));
  const recent = new Map<number, { cycle: number[]; service: number[] }>(services.map((service) => [service.id, { cycle: [], service: [] }]));
  const defaults = new Map(services.map((service) => [service.id, service.defaultServiceSeconds]));
  const counts = new Map<number, number>();
  const estimates: (number | null)[] = tickets.map(() => null);
  for (const { order, ticket, index } of steps) {
    const queue = waiting.get(ticket.serviceId);
    if (!queue) continue;
    const isPriority = ticket.priority !== 'normal';
    if (order === 0) {
      const times = recent.get(ticket.serviceId) as { cycle: number[]; service: number[] };
      const finished = Date.parse(ticket.finishedAt as string);
      times.cycle.unshift((finished - Date.parse(ticket.calledAt as string)) / 1000);
      times.service.unshift((finished - Date.parse(ticket.startedAt ?? (ticket.calledAt as string))) / 1000);
      if (times.cycle.length > RECENT_SAMPLES) times.cycle.pop();
      if (times.service.length > RECENT_SAMPLES) times.service.pop();
    } else if (order === 1) {
      const ahead = queue.priority + (isPriority ? 0 : queue.normal);
      if (isPriority) queue.priority += 1;
      else queue.normal += 1;
      for (const [id, q] of waiting) counts.set(id, q.priority + q.normal);
      estimates[index] = estimate({
        ahead,
        serviceId: ticket.serviceId,
        counters: counters.filter((counter) => counter.serviceIds.includes(ticket.serviceId)),
        waiting: counts,
        recentCycleSeconds: recent.get(ticket.serviceId)?.cycle ?? [],
        recentServiceSeconds: recent.get(ticket.serviceId)?.service ?? [],
        defaultServiceSeconds: defaults.get(ticket.serviceId) as number,
      });
    } else {
      if (isPriority) queue.priority -= 1;
      else queue.normal -= 1;
    }
  }
  return estimates;
}
