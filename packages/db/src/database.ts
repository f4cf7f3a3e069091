import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /**
   * FULL (default): SQLite fsyncs the WAL inside every COMMIT. NORMAL: it does not, and the caller
   * must make commits durable itself before acknowledging them (the hub's WalFlusher does, for
   * many commits at once).
   */
  synchronous?: 'FULL' | 'NORMAL';
}

/**
 * Opens the hub's SQLite file: WAL journal, foreign keys on, a busy timeout so the hub and the
 * qms command can share the file, and synchronous=FULL unless the caller flushes commits itself.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  applyPragmas(db, options.synchronous ?? 'FULL');
  if (options.migrate ?? true) migrate(db);
  return db;
}

export function applyPragmas(db: Db, synchronous: 'FULL' | 'NORMAL' = 'FULL'): void {
  db.pragma('busy_timeout = 5000');
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
}
