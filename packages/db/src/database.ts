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
  // better-sqlite3 is compiled with a 16 MB page cache per connection (SQLITE_DEFAULT_CACHE_SIZE=-16000);
  // SQLite's own default is 2 MB. The queue worker's connection filled its 16 MB within 10,000 tickets,
  // mostly with pages no change reads again (the hot ones are the B-trees' upper levels and last
  // leaves), and the other connections' caches are emptied whenever the worker commits. A page not
  // in the cache comes from the operating system's file cache.
  db.pragma(`cache_size = -${CACHE_KIB}`);
}

/** Each connection's page cache, in KiB. */
export const CACHE_KIB = 2048;
