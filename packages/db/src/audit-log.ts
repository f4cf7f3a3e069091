import type { AuditAction, AuditActor, AuditEntry, NewAuditEntry } from '@qms/core';
import type { Db } from './database.js';

interface AuditRow {
  id: number;
  at: string;
  actor_type: 'user' | 'device' | 'system';
  actor_id: number | null;
  actor_name: string;
  action: string;
  ticket_id: number | null;
  counter_id: number | null;
  details: string;
}

function toEntry(row: AuditRow): AuditEntry {
  const actor = (row.actor_type === 'system' ? { type: 'system', id: null, name: row.actor_name } : { type: row.actor_type, id: row.actor_id ?? 0, name: row.actor_name }) as AuditActor;
  return {
    id: row.id,
    at: row.at,
    actor,
    action: row.action as AuditAction,
    ticketId: row.ticket_id,
    counterId: row.counter_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/**
 * The audit log on SQLite: append-only, read newest first a page at a time. Appends run in the
 * caller's transaction (the change they record), on whichever connection makes the change.
 */
export class SqliteAuditLog {
  private readonly insert;
  private readonly page;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, number | null, string, string, number | null, number | null, string]>(
      `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, ticket_id, counter_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.page = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?');
  }

  append(entry: NewAuditEntry): void {
    const { actor } = entry;
    this.insert.run(entry.at, actor.type, actor.id, actor.name, entry.action, entry.ticketId, entry.counterId, JSON.stringify(entry.details));
  }

  /** Up to `limit` entries, newest first, older than the entry `before` (an id) when given. */
  list(options: { limit: number; before?: number }): AuditEntry[] {
    return this.page.all(options.before ?? Number.MAX_SAFE_INTEGER, options.limit).map(toEntry);
  }
}
