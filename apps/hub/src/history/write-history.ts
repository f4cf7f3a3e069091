import type { Db } from '@qms/db';
import { SqliteAccessStore, SqliteQueueStore, SqliteReportStore } from '@qms/db';
import { QueueSettings } from '../queue-settings.js';
import { type HistoryCounter, historyDay, historyDays, type HistoryTicket, seededRandom } from './synthetic-history.js';

/** What a generated ticket is issued by: the reports and the benchmark tell history from real tickets by it. */
export const HISTORY_ISSUED_BY = 'history';

export interface HistoryRequest {
  days: number;
  perDay: number;
  seed: number;
  timeZone: string;
  /** The business day the history ends before (the days are the `days` before it). */
  today: string;
  /** Called after each day is written (progress). */
  onDay?: (day: string, index: number, total: number) => void;
}

/** Why a history cannot be written into this database: no field served by a counter, or days already taken; null when it can. */
export function historyRefusal(db: Db, request: Pick<HistoryRequest, 'days' | 'today'>): string | null {
  const queue = new SqliteQueueStore(db);
  const services = queue.listServices().filter((service) => service.active);
  if (services.length === 0 || queue.listCounters().every((counter) => counter.serviceIds.length === 0)) {
    return 'the hub has no active field served by a counter: configure fields and counters first (or start it once with --demo)';
  }
  const dates = historyDays(request.today, request.days);
  const taken = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM tickets WHERE business_day BETWEEN ? AND ?').get(dates[0] as string, dates[dates.length - 1] as string);
  if ((taken?.n ?? 0) > 0) return `the data folder already has ${taken?.n} tickets between ${dates[0]} and yesterday: generate history into a fresh data folder`;
  return null;
}

/**
 * Writes `days` days of synthetic tickets (synthetic-history.ts) on the database's own fields and
 * counters, one transaction a day, and rolls each day up for the reports as the hub does when a
 * day closes. The caller has checked historyRefusal. Returns the tickets written and the first and
 * last day.
 */
export function writeHistory(db: Db, request: HistoryRequest): { tickets: number; first: string; last: string } {
  const queue = new SqliteQueueStore(db);
  const services = queue.listServices().filter((service) => service.active);
  const staff = new SqliteAccessStore(db).listUsers().filter((user) => user.role === 'staff' && user.active);
  const counters: HistoryCounter[] = queue.listCounters().map((counter, index) => ({ id: counter.id, serviceIds: counter.serviceIds, staffId: staff[index % Math.max(1, staff.length)]?.id ?? null }));
  const levels = new QueueSettings(queue, request.timeZone).view().ratingScale;
  const insertTicket = db.prepare<[string, number, number, string, number, string, string, number | null, string, string | null, string | null, string | null, number | null, number | null]>(
    `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, counter_id, issued_at, called_at, started_at, finished_at, issued_by, served_by, estimated_wait_seconds)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${HISTORY_ISSUED_BY}', ?, ?)`,
  );
  const insertRating = db.prepare<[number, number, number, number | null, string]>('INSERT INTO ticket_ratings (ticket_id, score, levels, counter_id, rated_at) VALUES (?, ?, ?, ?, ?)');
  const write = db.transaction((tickets: HistoryTicket[]) => {
    for (const t of tickets) {
      const { lastInsertRowid } = insertTicket.run(
        t.businessDay,
        t.serviceId,
        t.number,
        t.label,
        t.serviceId,
        t.priority,
        t.status,
        t.counterId,
        t.issuedAt,
        t.calledAt,
        t.startedAt,
        t.finishedAt,
        t.servedBy,
        t.estimatedWaitSeconds,
      );
      if (t.rating !== null && t.finishedAt !== null) insertRating.run(Number(lastInsertRowid), t.rating, levels, t.counterId, t.finishedAt);
    }
  });
  const random = seededRandom(request.seed);
  const reports = new SqliteReportStore(db);
  const dayOptions = { perDay: request.perDay, seed: request.seed, timeZone: request.timeZone, ratingLevels: levels };
  const dates = historyDays(request.today, request.days);
  let total = 0;
  for (const [index, day] of dates.entries()) {
    const tickets = historyDay(day, services, counters, dayOptions, random);
    write(tickets);
    reports.rollUpDay(day, request.timeZone, new Date().toISOString());
    total += tickets.length;
    request.onDay?.(day, index, dates.length);
  }
  return { tickets: total, first: dates[0] as string, last: dates[dates.length - 1] as string };
}
