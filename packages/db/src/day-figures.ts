import type { Db } from './database.js';

/** How many tickets were served (finished, `done`) and the mean of their service times. */
export interface ServedFigures {
  served: number;
  /** Mean of finished_at − coalesce(started_at, called_at), rounded to whole seconds; null when none were served. */
  serviceMeanSeconds: number | null;
}

interface FiguresRow {
  served: number;
  mean: number | null;
}

// Instants are ISO 8601 UTC text: unixepoch(... , 'subsec') reads them to the millisecond.
const SERVED = `SELECT count(*) AS served, avg(unixepoch(finished_at, 'subsec') - unixepoch(coalesce(started_at, called_at), 'subsec')) AS mean
  FROM tickets WHERE business_day = ? AND status = 'done'`;

/** The figures of a business day for a counter and for a clerk, read from the tickets (through the business-day index). */
export class SqliteDayFigures {
  private readonly byCounter;
  private readonly byUser;

  constructor(db: Db) {
    this.byCounter = db.prepare<[string, number], FiguresRow>(`${SERVED} AND counter_id = ?`);
    this.byUser = db.prepare<[string, number], FiguresRow>(`${SERVED} AND served_by = ?`);
  }

  /** Tickets of `businessDay` finished at the counter. */
  ofCounter(businessDay: string, counterId: number): ServedFigures {
    return figures(this.byCounter.get(businessDay, counterId));
  }

  /** Tickets of `businessDay` finished by the user (servedBy), at any counter. */
  ofUser(businessDay: string, userId: number): ServedFigures {
    return figures(this.byUser.get(businessDay, userId));
  }
}

function figures(row: FiguresRow | undefined): ServedFigures {
  const served = row?.served ?? 0;
  return { served, serviceMeanSeconds: served > 0 && row?.mean !== null && row?.mean !== undefined ? Math.round(row.mean) : null };
}
