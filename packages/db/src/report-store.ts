import { addDays, type DayRollup, FiguresSum, type ReportFigures, type ReportTicket, rollUp, ROLLUP_DIMENSIONS, type RollupDimension } from '@qms/core';
import type { Db } from './database.js';

interface TicketRow {
  business_day: string;
  issue_service_id: number;
  service_id: number;
  counter_id: number | null;
  served_by: number | null;
  priority: ReportTicket['priority'];
  status: ReportTicket['status'];
  issued_at: string;
  called_at: string | null;
  started_at: string | null;
  finished_at: string | null;
  transfer_count: number;
  score: number | null;
  levels: number | null;
  estimated_wait_seconds: number | null;
}

const toReportTicket = (row: TicketRow): ReportTicket => ({
  businessDay: row.business_day,
  issueServiceId: row.issue_service_id,
  serviceId: row.service_id,
  counterId: row.counter_id,
  servedBy: row.served_by,
  priority: row.priority,
  status: row.status,
  issuedAt: row.issued_at,
  calledAt: row.called_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  transferCount: row.transfer_count,
  rating: row.score !== null && row.levels !== null ? { score: row.score, levels: row.levels } : null,
  estimatedWaitSeconds: row.estimated_wait_seconds,
});

/** The figures of several days along one dimension, merged per key. */
export type MergedFigures = Map<string, ReportFigures>;

/**
 * The queue's reports on SQLite: a business day's tickets rolled up once the day is over
 * (report_days, migration 013), and the figures of a period read back from the roll-ups of its
 * closed days plus, for a day not rolled up (today), from its tickets. Reads run on any connection;
 * `rollUpDay` writes, on the writer (the queue worker, or a command on a stopped hub).
 */
export class SqliteReportStore {
  private readonly ticketsOfDay;
  private readonly insertFigures;
  private readonly insertDone;
  private readonly deleteDay;
  private readonly deleteDone;
  private readonly figuresOf;
  private readonly daysDone;
  private readonly lastDone;
  private readonly firstTicketDay;
  private readonly hasTickets;
  private readonly pausesOverlapping;

  constructor(private readonly db: Db) {
    // A day's tickets through the (business_day, label) unique index, with their rating.
    this.ticketsOfDay = db.prepare<[string], TicketRow>(
      `SELECT t.business_day, t.issue_service_id, t.service_id, t.counter_id, t.served_by, t.priority, t.status,
              t.issued_at, t.called_at, t.started_at, t.finished_at, t.transfer_count, r.score, r.levels, t.estimated_wait_seconds
       FROM tickets t LEFT JOIN ticket_ratings r ON r.ticket_id = t.id
       WHERE t.business_day = ?`,
    );
    this.insertFigures = db.prepare<[RollupDimension, string, string, string]>('INSERT INTO report_days (dim, business_day, key, figures) VALUES (?, ?, ?, ?)');
    this.insertDone = db.prepare<[string, number, string]>('INSERT INTO report_days_done (business_day, tickets, rolled_at) VALUES (?, ?, ?)');
    this.deleteDay = db.prepare<[string]>('DELETE FROM report_days WHERE business_day = ? AND dim IN (' + ROLLUP_DIMENSIONS.map((d) => `'${d}'`).join(', ') + ')');
    this.deleteDone = db.prepare<[string]>('DELETE FROM report_days_done WHERE business_day = ?');
    this.figuresOf = db.prepare<[RollupDimension, string, string], { business_day: string; key: string; figures: string }>(
      'SELECT business_day, key, figures FROM report_days WHERE dim = ? AND business_day BETWEEN ? AND ?',
    );
    this.daysDone = db.prepare<[string, string], { business_day: string }>('SELECT business_day FROM report_days_done WHERE business_day BETWEEN ? AND ?');
    this.pausesOverlapping = db.prepare<[string, string], { counter_id: number; reason: string | null; started_at: string; ended_at: string | null }>(
      'SELECT counter_id, reason, started_at, ended_at FROM counter_pauses WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)',
    );
    this.hasTickets = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM tickets WHERE business_day = ? LIMIT 1');
    this.lastDone = db.prepare<[], { day: string | null }>('SELECT max(business_day) AS day FROM report_days_done');
    this.firstTicketDay = db.prepare<[], { day: string | null }>('SELECT min(business_day) AS day FROM tickets');
  }

  /**
   * The counters' pauses that overlap [start, end): per counter and reason, how many and the seconds
   * of them inside the period (a pause still going counts up to `now`).
   */
  pausesBetween(start: Date, end: Date, now: Date): { counterId: number; reason: string | null; count: number; seconds: number }[] {
    const totals = new Map<string, { counterId: number; reason: string | null; count: number; seconds: number }>();
    for (const row of this.pausesOverlapping.iterate(end.toISOString(), start.toISOString())) {
      const from = Math.max(Date.parse(row.started_at), start.getTime());
      const to = Math.min(row.ended_at === null ? now.getTime() : Date.parse(row.ended_at), end.getTime());
      const key = `${row.counter_id}:${row.reason ?? ''}`;
      const total = totals.get(key) ?? { counterId: row.counter_id, reason: row.reason, count: 0, seconds: 0 };
      total.count += 1;
      total.seconds += Math.max(0, Math.round((to - from) / 1000));
      totals.set(key, total);
    }
    return [...totals.values()].sort((a, b) => a.counterId - b.counterId || (a.reason ?? '').localeCompare(b.reason ?? ''));
  }

  /** A day's tickets as the report reads them. */
  tickets(businessDay: string): ReportTicket[] {
    return this.ticketsOfDay.all(businessDay).map(toReportTicket);
  }

  /** Rolls a business day up (again: an earlier roll-up of it is replaced), in one transaction; returns its ticket count. */
  rollUpDay(businessDay: string, timeZone: string, at: string): number {
    const tickets = this.tickets(businessDay);
    const rollup = rollUp(tickets, timeZone);
    this.db.transaction(() => {
      this.deleteDay.run(businessDay);
      this.deleteDone.run(businessDay);
      for (const dimension of ROLLUP_DIMENSIONS) {
        for (const [key, figures] of rollup[dimension]) this.insertFigures.run(dimension, businessDay, key, JSON.stringify(figures));
      }
      this.insertDone.run(businessDay, tickets.length, at);
    })();
    return tickets.length;
  }

  /** The days before `today`, after the last one rolled up, that have tickets (oldest first): what the close of a day rolls up. */
  daysToRollUp(today: string): string[] {
    const last = this.lastDone.get()?.day ?? null;
    const first = last === null ? (this.firstTicketDay.get()?.day ?? null) : addDays(last, 1);
    const days: string[] = [];
    if (first === null) return days;
    for (let day = first; day < today; day = addDays(day, 1)) if (this.hasTickets.get(day)) days.push(day);
    return days;
  }

  /**
   * The figures of the business days from..to (inclusive) along a dimension, one cell per day and
   * key. Closed days come from their roll-ups; a day in the range not rolled up (today, or a day
   * the hub was off at close) from its tickets.
   */
  *cells(from: string, to: string, dimension: RollupDimension, timeZone: string): Generator<{ day: string; key: string; figures: ReportFigures }> {
    for (const row of this.figuresOf.iterate(dimension, from, to)) yield { day: row.business_day, key: row.key, figures: JSON.parse(row.figures) as ReportFigures };
    const done = new Set(this.daysDone.all(from, to).map((row) => row.business_day));
    for (const day of this.openDays(from, to, done)) {
      const rollup: DayRollup = rollUp(this.tickets(day), timeZone);
      for (const [key, figures] of rollup[dimension]) yield { day, key, figures };
    }
  }

  /** The cells of from..to merged per key; with `byDay`, per day instead (the key is the day). */
  read(from: string, to: string, dimension: RollupDimension, timeZone: string, byDay = false): MergedFigures {
    const sums = new Map<string, FiguresSum>();
    for (const { day, key, figures } of this.cells(from, to, dimension, timeZone)) {
      const at = byDay ? day : key;
      let sum = sums.get(at);
      if (!sum) sums.set(at, (sum = new FiguresSum()));
      sum.add(figures);
    }
    return new Map([...sums].map(([key, sum]) => [key, sum.figures()]));
  }

  /** The days of from..to not rolled up that have tickets (one index probe a day). */
  private openDays(from: string, to: string, done: Set<string>): string[] {
    const days: string[] = [];
    for (let day = from; day <= to; day = addDays(day, 1)) if (!done.has(day) && this.hasTickets.get(day)) days.push(day);
    return days;
  }
}
