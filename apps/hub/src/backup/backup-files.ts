import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { addDays, isCalendarDate, localTime } from '@qms/core';
import { BACKUP_NAME_PATTERN, type BackupFileDto } from '@qms/protocol';

/**
 * The backups folder of the data directory (DATA/backups) and the names in it: one nightly copy
 * per night, qms-YYYYMMDD.sqlite (the centre's date when it was written). Nothing else there is
 * listed or served.
 */

const NIGHTLY = new RegExp(BACKUP_NAME_PATTERN);

/** The data directory of a hub's database file (DATA/qms.db). */
export function dataDirOf(databaseFile: string): string {
  return dirname(databaseFile);
}

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

/** qms-20261127.sqlite for the centre date 2026-11-27. */
export function nightlyName(day: string): string {
  return `qms-${day.replaceAll('-', '')}.sqlite`;
}

/** The centre date of a nightly name, or null when the name is not one (a path, a stray file, 20261399). */
export function dayOfNightlyName(name: string): string | null {
  if (!NIGHTLY.test(name)) return null;
  const day = `${name.slice(4, 8)}-${name.slice(8, 10)}-${name.slice(10, 12)}`;
  return isCalendarDate(day) ? day : null;
}

/** The nightly copies, newest first. */
export function listNightly(dataDir: string): BackupFileDto[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && dayOfNightlyName(entry.name) !== null)
    .map((entry) => {
      const stat = statSync(join(dir, entry.name));
      return { name: entry.name, bytes: stat.size, at: stat.mtime.toISOString() };
    })
    .sort((a, b) => b.name.localeCompare(a.name));
}

/** The path of the nightly copy with this exact name, or null when there is none (or the name is not a nightly name). */
export function nightlyPath(dataDir: string, name: string): string | null {
  if (dayOfNightlyName(name) === null) return null;
  const path = join(backupsDir(dataDir), name);
  return existsSync(path) && statSync(path).isFile() ? path : null;
}

/** Deletes the nightly copies written more than `keepDays` days before `today` (centre dates); returns their names. */
export function pruneNightly(dataDir: string, today: string, keepDays: number): string[] {
  const oldestKept = addDays(today, -keepDays);
  const removed: string[] = [];
  for (const { name } of listNightly(dataDir)) {
    const day = dayOfNightlyName(name);
    if (day !== null && day < oldestKept) {
      rmSync(join(backupsDir(dataDir), name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** The file name a downloaded copy is offered as: qms-backup-YYYYMMDD-HHMM.sqlite, in centre time. */
export function downloadName(at: Date, timeZone: string): string {
  const local = localTime(at, timeZone);
  return `qms-backup-${local.date.replaceAll('-', '')}-${local.time.replace(':', '')}.sqlite`;
}

/** A fresh temporary path in the backups folder for a copy made to be downloaded (removed once sent). */
export function downloadTempPath(dataDir: string): string {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  return join(dir, `.download-${randomBytes(6).toString('hex')}.sqlite`);
}

const LEFTOVER = /^\.download-[0-9a-f]+\.sqlite(\.partial)?$|^qms-\d{8}\.sqlite\.partial$/;

/** Removes copies a crash left behind (downloads never sent, copies never finished) older than `olderThanMs`; returns their names. */
export function removeLeftovers(dataDir: string, now: Date, olderThanMs = 3_600_000): string[] {
  const dir = backupsDir(dataDir);
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !LEFTOVER.test(entry.name)) continue;
    const path = join(dir, entry.name);
    if (now.getTime() - statSync(path).mtimeMs < olderThanMs) continue;
    rmSync(path, { force: true });
    removed.push(entry.name);
  }
  return removed;
}
