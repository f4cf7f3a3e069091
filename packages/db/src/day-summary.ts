import type { Db } from './database.js';

/** The tickets of a business day, per service: what happened to them, and who still waits. */
export interface ServiceDaySummary {
  serviceId: number;
  /** Tickets issued for the service (a transferred ticket stays counted where it was issued). */
  issued: number;
  /** Tickets now in the service, by status (a transferred ticket counts in the service it went to). */
  waiting: number;
  served: number;
  noShow: number;
  cancelled: number;
  /** issued_at of the ticket waiting longest, null when nobody waits. */
  oldestWaitingIssuedAt: string | null;
}

interface StatusRow {
  service_id: number;
  waiting: number;
  served: number;
  no_show: number;
  cancelled: number;
  oldest: string | null;
}

/**
 * A business day's tickets counted per service, in one read of the day's tickets (found through
 * the (business_day, label) index). Read on any connection; wrap it in a read transaction with
 * other reads for one consistent picture.
 */
export class SqliteDaySummary {
  private readonly byStatus;
  private readonly byIssue;
  private readonly heldTickets;
  private readonly openPauses;
  private readonly lastEnds;

  constructor(db: Db) {
    this.byStatus = db.prepare<[string], StatusRow>(
      `SELECT service_id,
              sum(status = 'waiting') AS waiting, sum(status = 'done') AS served,
              sum(status = 'no_show') AS no_show, sum(status = 'cancelled') AS cancelled,
              min(CASE WHEN status = 'waiting' THEN issued_at END) AS oldest
       FROM tickets WHERE business_day = ? GROUP BY service_id`,
    );
    this.byIssue = db.prepare<[string], { service_id: number; n: number }>('SELECT issue_service_id AS service_id, count(*) AS n FROM tickets WHERE business_day = ? GROUP BY issue_service_id');
    this.openPauses = db.prepare<[], { counter_id: number; started_at: string }>('SELECT counter_id, started_at FROM counter_pauses WHERE ended_at IS NULL');
    // A no-show keeps no finished_at: its call is when the counter was last busy with it.
    this.lastEnds = db.prepare<[string], { counter_id: number; at: string }>(
      `SELECT counter_id, max(coalesce(finished_at, called_at)) AS at FROM tickets
       WHERE business_day = ? AND counter_id IS NOT NULL AND status IN ('done', 'no_show') GROUP BY counter_id`,
    );
    this.heldTickets = db.prepare<[], { counter_id: number }>("SELECT counter_id FROM tickets WHERE status IN ('called', 'serving') AND counter_id IS NOT NULL");
  }

  /** One summary per service that had a ticket on `businessDay`. */
  ofDay(businessDay: string): ServiceDaySummary[] {
    const issued = new Map(this.byIssue.all(businessDay).map((row) => [row.service_id, row.n]));
    const summaries = new Map<number, ServiceDaySummary>();
    for (const row of this.byStatus.all(businessDay)) {
      summaries.set(row.service_id, {
        serviceId: row.service_id,
        issued: 0,
        waiting: row.waiting,
        served: row.served,
        noShow: row.no_show,
        cancelled: row.cancelled,
        oldestWaitingIssuedAt: row.oldest,
      });
    }
    for (const [serviceId, n] of issued) {
      const summary = summaries.get(serviceId) ?? { serviceId, issued: 0, waiting: 0, served: 0, noShow: 0, cancelled: 0, oldestWaitingIssuedAt: null };
      summary.issued = n;
      summaries.set(serviceId, summary);
    }
    return [...summaries.values()].sort((a, b) => a.serviceId - b.serviceId);
  }

  /** The counters that hold a ticket now (called or being served). */
  countersHoldingTickets(): Set<number> {
    return new Set(this.heldTickets.all().map((row) => row.counter_id));
  }

  /** Counter → when its current pause began, for the counters paused now. */
  pausedSince(): Map<number, string> {
    return new Map(this.openPauses.all().map((row) => [row.counter_id, row.started_at]));
  }

  /** Counter → when it last finished a ticket (done or no-show) on `businessDay`. */
  lastFinished(businessDay: string): Map<number, string> {
    return new Map(this.lastEnds.all(businessDay).map((row) => [row.counter_id, row.at]));
  }
}
