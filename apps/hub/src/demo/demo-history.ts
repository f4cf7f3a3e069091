import type { HubContext } from '../hub-context.js';
import { historyRefusal, writeHistory } from '../history/write-history.js';

/** About what the demo's six counters serve on a weekday. */
const DEMO_HISTORY_PER_DAY = 300;

/**
 * A fresh demo's past month, so its console's reports and charts have something to show: the
 * synthetic history (`qms history generate`) of `days` days ending yesterday, seed 1.
 * $QMS_DEMO_HISTORY_DAYS sets the days (default 30; 0 for none). Returns the tickets written (0 when
 * those days already have tickets).
 */
export function seedDemoHistory(ctx: HubContext, days: number): number {
  if (days <= 0) return 0;
  const today = ctx.view.today();
  if (historyRefusal(ctx.db, { days, today }) !== null) return 0;
  return writeHistory(ctx.db, { days, perDay: DEMO_HISTORY_PER_DAY, seed: 1, timeZone: ctx.timeZone, today }).tickets;
}

/** The days of history a fresh demo gets: $QMS_DEMO_HISTORY_DAYS (a whole number up to 366), else 30. */
export function demoHistoryDays(env: NodeJS.ProcessEnv = process.env): number {
  const value = env.QMS_DEMO_HISTORY_DAYS;
  if (value === undefined || value === '') return 30;
  const days = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(days) || days > 366) throw new Error(`QMS_DEMO_HISTORY_DAYS "${value}" must be a whole number from 0 to 366`);
  return days;
}
