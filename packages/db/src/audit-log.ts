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

/** What a reader of the log narrows it to; every field is optional. */
export interface AuditFilter {
  /** Recorded at or after this instant (ISO 8601 UTC). */
  from?: string;
  /** Recorded before this instant. */
  to?: string;
  /** The actor's name as recorded, or the user name of a user actor. */
  actor?: string;
  /** One of these actions (an empty list matches nothing). */
  actions?: readonly AuditAction[];
}

interface PageParameters {
  before: number;
  limit: number;
  from?: string;
  to?: string;
  actor: string | null;
  actions: string | null;
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
 * A page of the log, newest first by id (so `before` pages through any filter). Each filter is off
 * when its parameter is null; a time range has a statement of its own, a plain range on `at`, so
 * the day's entries are searched through audit_log_at rather than the whole log scanned.
 */
export function auditPageQuery(inTime: boolean): string {
  return `SELECT * FROM audit_log
    WHERE id < :before ${inTime ? 'AND at >= :from AND at < :to' : ''}
      AND (:actor IS NULL OR actor_name = :actor OR (actor_type = 'user' AND actor_id IN (SELECT id FROM users WHERE username = :actor)))
      AND (:actions IS NULL OR action IN (SELECT value FROM json_each(:actions)))
    ORDER BY id DESC LIMIT :limit`;
}

/**
 * The audit log on SQLite: append-only, read newest first a page at a time. Appends run in the
 * caller's transaction (the change they record), on whichever connection makes the change.
 */
export class SqliteAuditLog {
  private readonly insert;
  private readonly page;
  private readonly pageInTime;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, number | null, string, string, number | null, number | null, string]>(
      `INSERT INTO audit_log (at, actor_type, actor_id, actor_name, action, ticket_id, counter_id, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.page = db.prepare<[PageParameters], AuditRow>(auditPageQuery(false));
    this.pageInTime = db.prepare<[PageParameters], AuditRow>(auditPageQuery(true));
  }

  append(entry: NewAuditEntry): void {
    const { actor } = entry;
    this.insert.run(entry.at, actor.type, actor.id, actor.name, entry.action, entry.ticketId, entry.counterId, JSON.stringify(entry.details));
  }

  /**
   * Up to `limit` entries, newest first, older than the entry `before` (an id) when given, and
   * only those that pass the filters given: recorded in [from, to) (ISO instants), by the actor (the
   * name recorded, or the user with this user name), with one of `actions`.
   */
  list(options: AuditFilter & { limit: number; before?: number }): AuditEntry[] {
    const parameters = {
      before: options.before ?? Number.MAX_SAFE_INTEGER,
      limit: options.limit,
      actor: options.actor ?? null,
      actions: options.actions ? JSON.stringify(options.actions) : null,
    };
    const rows =
      options.from === undefined && options.to === undefined
        ? this.page.all(parameters)
        : // Instants are ISO 8601 UTC text: '' is before all of them, '9999' after.
          this.pageInTime.all({ ...parameters, from: options.from ?? '', to: options.to ?? '9999' });
    return rows.map(toEntry);
  }
}
