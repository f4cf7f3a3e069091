import Database from 'better-sqlite3';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export interface OpenOptions {
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
}

/**
 * Opens the hub's SQLite file with the pragmas that make every commit durable:
 * WAL journal, synchronous=FULL (the WAL is fsynced at each commit), foreign keys on,
 * and a busy timeout so the hub and the qms command can share the file.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  applyPragmas(db);
  if (options.migrate ?? true) migrate(db);
  return db;
}

export function applyPragmas(db: Db): void {
  db.pragma('busy_timeout = 5000');
  if (!db.readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}
