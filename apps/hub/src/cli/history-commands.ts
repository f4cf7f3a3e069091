import { businessDay } from '@qms/core';
import { SqliteAccessStore, SqliteQueueStore, SqliteReportStore } from '@qms/db';
import { loadHubConfig } from '../config.js';
import { runningHubPid } from '../hub-lock.js';
import { type HistoryCounter, historyDay, historyDays, type HistoryTicket, seededRandom } from '../history/synthetic-history.js';
import { QueueSettings } from '../queue-settings.js';
import { CliError, openHubDatabase } from './open-data.js';

const ISSUED_BY = 'history';
const MAX_DAYS = 3660;
const MAX_PER_DAY = 20_000;

function wholeNumber(value: string | undefined, flag: string, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new CliError(`${flag} is required`);
  }
  const number = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) throw new CliError(`${flag} "${value}" must be a whole number from ${min} to ${max}`);
  return number;
}

/**
 * qms history generate --days D --per-day N [--seed S] --data DIR: fills a stopped hub's data folder
 * with D days of synthetic tickets (ending yesterday, in the hub's time zone) on its fields and
 * counters, then rolls each day up for the reports, as the hub does when a day closes. Refuses a
 * running hub, and days that already have tickets.
 */
export async function historyGenerate(options: { days?: string; perDay?: string; seed?: string; data?: string }): Promise<void> {
  const days = wholeNumber(options.days, '--days', 1, MAX_DAYS);
  const perDay = wholeNumber(options.perDay, '--per-day', 1, MAX_PER_DAY);
  const seed = wholeNumber(options.seed, '--seed', 0, 2 ** 32 - 1, 1);
  const config = loadHubConfig({ data: options.data });
  const pid = runningHubPid(config.dataDir);
  if (pid !== null) throw new CliError(`the hub (pid ${pid}) is running on ${config.dataDir}; stop it before generating history`);
  const { db } = openHubDatabase(options.data);
  try {
    const queue = new SqliteQueueStore(db);
    const services = queue.listServices().filter((service) => service.active);
    const staff = new SqliteAccessStore(db).listUsers().filter((user) => user.role === 'staff' && user.active);
    const counters: HistoryCounter[] = queue
      .listCounters()
      .map((counter, index) => ({ id: counter.id, serviceIds: counter.serviceIds, staffId: staff[index % Math.max(1, staff.length)]?.id ?? null }));
    if (services.length === 0 || counters.every((counter) => counter.serviceIds.length === 0)) {
      throw new CliError('the hub has no active field served by a counter: configure fields and counters first (or start it once with --demo)');
    }
    const today = businessDay(new Date(), config.timeZone);
    const dates = historyDays(today, days);
    const first = dates[0] as string;
    const taken = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM tickets WHERE business_day BETWEEN ? AND ?').get(first, dates[dates.length - 1] as string);
    if ((taken?.n ?? 0) > 0) throw new CliError(`the data folder already has ${taken?.n} tickets between ${first} and yesterday: generate history into a fresh data folder`);

    const levels = new QueueSettings(queue, config.timeZone).view().ratingScale;
    const insertTicket = db.prepare<[string, number, number, string, number, string, string, number | null, string, string | null, string | null, string | null, number | null, number | null]>(
      `INSERT INTO tickets (business_day, issue_service_id, number, label, service_id, priority, status, counter_id, issued_at, called_at, started_at, finished_at, issued_by, served_by, estimated_wait_seconds)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '${ISSUED_BY}', ?, ?)`,
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
    const random = seededRandom(seed);
    const reports = new SqliteReportStore(db);
    const dayOptions = { perDay, seed, timeZone: config.timeZone, ratingLevels: levels };
    let total = 0;
    const started = Date.now();
    for (const [index, day] of dates.entries()) {
      const tickets = historyDay(day, services, counters, dayOptions, random);
      write(tickets);
      reports.rollUpDay(day, config.timeZone, new Date().toISOString());
      total += tickets.length;
      if ((index + 1) % 30 === 0 || index === dates.length - 1) process.stdout.write(`  ${day}: ${index + 1}/${dates.length} days, ${total} tickets\n`);
    }
    process.stdout.write(`generated ${total} tickets over ${days} days (${first} to ${dates[dates.length - 1]}) in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}\n`);
  } finally {
    db.close();
  }
}
