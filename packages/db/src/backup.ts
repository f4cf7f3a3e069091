import { existsSync, renameSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { type Db, openDatabase } from './database.js';
import { loadMigrations, schemaVersion } from './migrate.js';

/**
 * Copies a live database into `target` with SQLite's online backup API: consistent even while the
 * hub keeps writing. The copy is written beside the target and renamed into place once checked.
 */
export async function backupDatabase(source: Db, target: string): Promise<{ pages: number }> {
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const { totalPages } = await source.backup(partial);
  // The copy comes out in the live database's WAL mode: make it one self-contained file (a read-only
  // open of a WAL file leaves -wal and -shm files beside it, and a copy is read more often than written).
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  const check = verifyDatabaseFile(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new Error(`the backup copy failed its check: ${check.reason}`);
  }
  renameSync(partial, target);
  return { pages: totalPages };
}

export type FileCheck = { ok: true; version: number } | { ok: false; reason: string };

/** Is this a qms database this code can open: SQLite, intact, with a known schema version? */
export function verifyDatabaseFile(file: string): FileCheck {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, reason: `integrity check failed: ${String(integrity)}` };
    const version = schemaVersion(db);
    const known = loadMigrations().length;
    if (version < 1) return { ok: false, reason: 'it is an SQLite file but not a qms database (schema version 0)' };
    if (version > known) return { ok: false, reason: `its schema version ${version} is newer than this qms (${known})` };
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('tickets', 'services', 'events')").get() as { n: number };
    if (tables.n !== 3) return { ok: false, reason: 'it lacks the qms tables' };
    return { ok: true, version };
  } catch (error) {
    return { ok: false, reason: `not a readable SQLite database (${(error as Error).message})` };
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database file at `target` with the backup `source` (the hub must be stopped).
 * The current file is kept as `target.before-restore-STAMP`; the restored copy is migrated to
 * the current schema.
 */
export async function restoreDatabase(source: string, target: string, stamp: string): Promise<{ keptAs: string | null; version: number }> {
  const check = verifyDatabaseFile(source);
  if (!check.ok) throw new Error(`cannot restore from ${source}: ${check.reason}`);
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  const from = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await from.backup(incoming);
  } finally {
    from.close();
  }
  let keptAs: string | null = null;
  if (existsSync(target)) {
    // Fold the WAL into the current file first, so the kept copy is complete on its own.
    const current = new Database(target);
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    keptAs = `${target}.before-restore-${stamp}`;
    renameSync(target, keptAs);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(incoming, target);
  const db = openDatabase(target);
  const version = schemaVersion(db);
  db.close();
  return { keptAs, version };
}
