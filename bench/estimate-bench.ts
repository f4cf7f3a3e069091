import { estimateWaitSeconds } from '@qms/core';
import { type Db, SqliteQueueStore } from '@qms/db';
import { type Estimator, replayEstimates, type ReplayInput } from '../apps/hub/src/history/estimate-replay.js';
import type { HistoryCounter, HistoryTicket } from '../apps/hub/src/history/synthetic-history.js';
import { type Report, round } from './hub-bench.js';

/**
 * The estimate as the hub computed it before issue 13, kept here only to measure the change: the
 * people ahead shared among every open counter serving the field, times the median of the field's
 * latest start → finish times (the configured time until there are three).
 */
export const firstEstimate: Estimator = (input: ReplayInput) => {
  const open = input.counters.length;
  if (open <= 0) return null;
  const recent = [...input.recentServiceSeconds].sort((a, b) => a - b);
  const middle = Math.floor(recent.length / 2);
  const median = recent.length < 3 ? input.defaultServiceSeconds : recent.length % 2 === 1 ? (recent[middle] as number) : ((recent[middle - 1] as number) + (recent[middle] as number)) / 2;
  return Math.round((input.ahead / open) * median);
};

interface Accuracy {
  tickets: number;
  meanAbsErrorSeconds: number;
  biasSeconds: number;
  within5MinShare: number;
}

function accuracy(pairs: { estimate: number; wait: number }[]): Accuracy {
  let abs = 0;
  let signed = 0;
  let within = 0;
  for (const { estimate, wait } of pairs) {
    abs += Math.abs(estimate - wait);
    signed += estimate - wait;
    if (Math.abs(estimate - wait) <= 300) within += 1;
  }
  const n = Math.max(1, pairs.length);
  return { tickets: pairs.length, meanAbsErrorSeconds: Math.round(abs / n), biasSeconds: Math.round(signed / n), within5MinShare: round(within / n, 3) };
}

/**
 * The estimate printed at the kiosk against the wait that followed, on a generated history: every
 * day's tickets replayed (estimate-replay.ts) with the first estimate and with core's, overall and
 * by field. The figures for core's are those the reports give from the estimates the generator stored.
 */
export function estimateAccuracyBench(db: Db, report: Report): void {
  // The fields and counters the generator used (history-commands.ts).
  const queue = new SqliteQueueStore(db);
  const services = queue.listServices().filter((service) => service.active);
  const counters = queue.listCounters().map((counter): HistoryCounter => ({ id: counter.id, serviceIds: counter.serviceIds, staffId: null }));
  const ticketsOf = db.prepare(
    `SELECT business_day AS businessDay, service_id AS serviceId, number, label, priority, status, counter_id AS counterId, served_by AS servedBy,
            issued_at AS issuedAt, called_at AS calledAt, started_at AS startedAt, finished_at AS finishedAt, NULL AS rating, estimated_wait_seconds AS estimatedWaitSeconds
     FROM tickets WHERE business_day = ? ORDER BY issued_at, id`,
  );
  const days = (db.prepare("SELECT DISTINCT business_day AS day FROM tickets WHERE issued_by = 'history' ORDER BY 1").all() as { day: string }[]).map((row) => row.day);
  const results = new Map<string, Map<number, { estimate: number; wait: number }[]>>([
    ['first', new Map()],
    ['now', new Map()],
  ]);
  let stored = 0;
  let matching = 0;
  for (const day of days) {
    const tickets = ticketsOf.all(day) as HistoryTicket[];
    for (const [name, estimator] of [
      ['first', firstEstimate],
      ['now', estimateWaitSeconds as Estimator],
    ] as const) {
      const estimates = replayEstimates(tickets, services, counters, estimator);
      const byField = results.get(name) as Map<number, { estimate: number; wait: number }[]>;
      tickets.forEach((ticket, index) => {
        const estimate = estimates[index];
        if (estimate === null || estimate === undefined || ticket.calledAt === null) return;
        if (name === 'now') {
          stored += 1;
          if (ticket.estimatedWaitSeconds === estimate) matching += 1;
        }
        const list = byField.get(ticket.serviceId) ?? [];
        list.push({ estimate, wait: Math.round((Date.parse(ticket.calledAt) - Date.parse(ticket.issuedAt)) / 1000) });
        byField.set(ticket.serviceId, list);
      });
    }
  }
  const first = results.get('first') as Map<number, { estimate: number; wait: number }[]>;
  const now = results.get('now') as Map<number, { estimate: number; wait: number }[]>;
  const before = accuracy([...first.values()].flat());
  const after = accuracy([...now.values()].flat());
  report({
    name: 'reports.estimate_mean_abs_error_s',
    value: after.meanAbsErrorSeconds,
    unit: 's',
    reference: { name: 'reports.first_estimate_mean_abs_error_s', value: before.meanAbsErrorSeconds, unit: 's' },
    within5Min: after.within5MinShare,
    firstWithin5Min: before.within5MinShare,
    bias: after.biasSeconds,
    firstBias: before.biasSeconds,
    tickets: after.tickets,
    days: days.length,
    storedMatchReplay: round(matching / Math.max(1, stored), 4),
    note: 'estimate at issue against the wait that followed, replayed over the generated history',
  });
  for (const service of services) {
    const a = accuracy(now.get(service.id) ?? []);
    const b = accuracy(first.get(service.id) ?? []);
    if (a.tickets === 0) continue;
    report({
      name: 'reports.estimate_by_field',
      value: a.meanAbsErrorSeconds,
      unit: 's',
      field: service.name,
      within5Min: a.within5MinShare,
      bias: a.biasSeconds,
      reference: { name: 'first_estimate', value: b.meanAbsErrorSeconds, unit: 's', within5Min: b.within5MinShare, bias: b.biasSeconds },
      tickets: a.tickets,
    });
  }
}
