import type { Db } from './database.js';

/** One new promised date of an application, with the apology's reason. */
export interface ApplicationExtensionRecord {
  at: string;
  by: string;
  /** The date promised before this extension. */
  fromDueAt: string;
  /** The new date promised to the citizen. */
  toDueAt: string;
  reason: string;
}

interface ExtensionRow {
  application_id: number;
  at: string;
  by_name: string;
  from_due_at: string;
  to_due_at: string;
  reason: string;
}

const toRecord = (row: ExtensionRow): ApplicationExtensionRecord => ({ at: row.at, by: row.by_name, fromDueAt: row.from_due_at, toDueAt: row.to_due_at, reason: row.reason });

/**
 * The extensions of applications' due dates (migration 014), oldest first. Writes run in the
 * caller's transaction (the queue worker's change, with its audit entry).
 */
export class SqliteApplicationExtensionStore {
  private readonly sql;

  constructor(db: Db) {
    this.sql = {
      add: db.prepare<{ applicationId: number; at: string; by: string; fromDueAt: string; toDueAt: string; reason: string }>(
        'INSERT INTO application_extensions (application_id, at, by_name, from_due_at, to_due_at, reason) VALUES (@applicationId, @at, @by, @fromDueAt, @toDueAt, @reason)',
      ),
      of: db.prepare<[number], ExtensionRow>('SELECT * FROM application_extensions WHERE application_id = ? ORDER BY id'),
    };
  }

  add(applicationId: number, extension: ApplicationExtensionRecord): void {
    this.sql.add.run({ applicationId, ...extension });
  }

  /** An application's extensions, oldest first. */
  of(applicationId: number): ApplicationExtensionRecord[] {
    return this.sql.of.all(applicationId).map(toRecord);
  }
}
