import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { localTime, nextLocalTime, parseHm, type TimerClock } from '@qms/core';
import { backupDatabase, type Db } from '@qms/db';
import type { Logger } from 'pino';
import { backupsDir, nightlyName, nightlyPath, pruneNightly, removeLeftovers } from './backup-files.js';

export interface NightlyBackupOptions {
  /** The hub's live database (its main connection). */
  db: Db;
  dataDir: string;
  timeZone: string;
  /** "HH:MM", centre time. */
  at: string;
  keepDays: number;
  clock: TimerClock;
  logger: Logger;
}

export interface NightlyBackups {
  /** When the next copy is due. */
  readonly nextAt: Date;
  /** Resolves once the copy being written (if any) is done. */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * Writes DATA/backups/qms-YYYYMMDD.sqlite every night at `at` (centre time) with SQLite's online
 * backup, then deletes the copies older than `keepDays`. A hub that was off at that time (many
 * centres switch it off at night) writes the day's copy when it starts after `at`.
 * Times come from the clock port, so tests move a FakeClock instead of waiting.
 */
export function startNightlyBackups(options: NightlyBackupOptions): NightlyBackups {
  const { clock, logger, dataDir } = options;
  const minuteOfDay = parseHm(options.at);
  let running: Promise<void> = Promise.resolve();
  let cancel: (() => void) | undefined;
  let stopped = false;
  let nextAt = nextLocalTime(clock.now(), minuteOfDay, options.timeZone);

  /** Writes the copy of the night of `now` (the moment it was due). */
  const write = async (now: Date) => {
    const today = localTime(now, options.timeZone).date;
    mkdirSync(backupsDir(dataDir), { recursive: true });
    const target = join(backupsDir(dataDir), nightlyName(today));
    try {
      removeLeftovers(dataDir, now);
      const { pages } = await backupDatabase(options.db, target);
      const removed = pruneNightly(dataDir, today, options.keepDays);
      logger.info({ file: target, pages, removed }, 'nightly backup written');
    } catch (error) {
      logger.error({ err: error, file: target }, 'nightly backup failed; the next is tried tomorrow (or copy one now with qms backup FILE)');
    }
  };

  const run = (now: Date) => {
    running = running.then(() => write(now));
  };

  const arm = () => {
    if (stopped) return;
    nextAt = nextLocalTime(clock.now(), minuteOfDay, options.timeZone);
    cancel = clock.schedule(
      nextAt.getTime() - clock.now().getTime(),
      () => {
        const due = clock.now();
        arm();
        run(due);
      },
      { background: true },
    );
  };

  const local = localTime(clock.now(), options.timeZone);
  if (local.minuteOfDay >= minuteOfDay && nightlyPath(dataDir, nightlyName(local.date)) === null) run(clock.now());
  arm();

  return {
    get nextAt() {
      return nextAt;
    },
    idle: () => running,
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
