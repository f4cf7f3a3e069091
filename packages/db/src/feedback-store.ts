import type { FeedbackStatus } from '@qms/core';
import type { Db } from './database.js';

export interface FeedbackRecord {
  id: number;
  text: string;
  phone: string | null;
  counterNumber: number | null;
  about: string | null;
  status: FeedbackStatus;
  reply: string | null;
  createdAt: string;
  updatedAt: string | null;
  updatedBy: string | null;
}

interface FeedbackRow {
  id: number;
  text: string;
  phone: string | null;
  counter_number: number | null;
  about: string | null;
  status: FeedbackStatus;
  reply: string | null;
  created_at: string;
  updated_at: string | null;
  updated_by: string | null;
}

function toRecord(row: FeedbackRow): FeedbackRecord {
  return {
    id: row.id,
    text: row.text,
    phone: row.phone,
    counterNumber: row.counter_number,
    about: row.about,
    status: row.status,
    reply: row.reply,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/**
 * Citizens' feedback on SQLite. Written on the hub's main connection (like users and devices), each
 * change in the caller's transaction with its audit entry.
 */
export class SqliteFeedbackStore {
  private readonly sql;
  private readonly run;

  constructor(db: Db) {
    this.sql = {
      insert: db.prepare<[string, string | null, number | null, string | null, string], { id: number }>(
        'INSERT INTO feedback (text, phone, counter_number, about, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
      ),
      find: db.prepare<[number], FeedbackRow>('SELECT * FROM feedback WHERE id = ?'),
      page: db.prepare<{ before: number; limit: number; status: string | null }, FeedbackRow>(
        'SELECT * FROM feedback WHERE id < :before AND (:status IS NULL OR status = :status) ORDER BY id DESC LIMIT :limit',
      ),
      update: db.prepare<{ id: number; status: FeedbackStatus; reply: string | null; at: string; by: string }>(
        'UPDATE feedback SET status = :status, reply = :reply, updated_at = :at, updated_by = :by WHERE id = :id',
      ),
    };
    this.run = db.transaction((fn: () => unknown) => fn());
  }

  transaction<T>(fn: () => T): T {
    return this.run.immediate(fn) as T;
  }

  insert(input: { text: string; phone: string | null; counterNumber: number | null; about: string | null; at: string }): number {
    const row = this.sql.insert.get(input.text, input.phone, input.counterNumber, input.about, input.at);
    if (!row) throw new Error('INSERT ... RETURNING gave no row');
    return row.id;
  }

  find(id: number): FeedbackRecord | undefined {
    const row = this.sql.find.get(id);
    return row ? toRecord(row) : undefined;
  }

  /** Up to `limit` items, newest first, older than the item `before` when given, of one status when given. */
  list(options: { limit: number; before?: number; status?: FeedbackStatus }): FeedbackRecord[] {
    return this.sql.page.all({ before: options.before ?? Number.MAX_SAFE_INTEGER, limit: options.limit, status: options.status ?? null }).map(toRecord);
  }

  update(id: number, change: { status: FeedbackStatus; reply: string | null; at: string; by: string }): void {
    this.sql.update.run({ id, ...change });
  }
}
