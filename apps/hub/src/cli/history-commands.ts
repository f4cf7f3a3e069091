import { businessDay } from '@qms/core';
import { loadHubConfig } from '../config.js';
import { runningHubPid } from '../hub-lock.js';
import { historyRefusal, writeHistory } from '../history/write-history.js';
import { CliError, openHubDatabase } from './open-data.js';

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
    const today = businessDay(new Date(), config.timeZone);
    const refusal = historyRefusal(db, { days, today });
    if (refusal) throw new CliError(refusal);
    const started = Date.now();
    const written = writeHistory(db, {
      days,
      perDay,
      seed,
      timeZone: config.timeZone,
      today,
      onDay: (day, index, count) => {
        if ((index + 1) % 30 === 0 || index === count - 1) process.stdout.write(`  ${day}: ${index + 1}/${count} days\n`);
      },
    });
    process.stdout.write(`generated ${written.tickets} tickets over ${days} days (${written.first} to ${written.last}) in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${seed}\n`);
  } finally {
    db.close();
  }
}
