import { join } from 'node:path';
import type { AuditAction, NewAuditEntry } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { auditPageQuery, SqliteAuditLog } from './audit-log.js';
import { type Db, openDatabase } from './database.js';

/** The audit log's filters on SQLite, and the index that finds a day's entries. */
describe('audit log on SQLite', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let log: SqliteAuditLog;
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'qms.db'));
    log = new SqliteAuditLog(db);
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  const entry = (at: string, action: AuditAction, name = 'admin'): NewAuditEntry => ({ at, actor: { type: 'user', id: 1, name }, action, ticketId: null, counterId: null, details: {} });

  it('finds the entries of a time range through audit_log_at, and pages through them newest first', () => {
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ before: 1, limit: 1, from: '', to: '', actor: null, actions: null }) as { detail: string }[]).map((row) => row.detail).join(' | ');
    expect(plan(auditPageQuery(true))).toMatch(/SEARCH audit_log USING INDEX audit_log_at \(at>\? AND at<\?\)/);
    expect(plan(auditPageQuery(false))).toMatch(/SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid<\?\)/);

    db.transaction(() => {
      for (let hour = 0; hour < 48; hour++) {
        const at = new Date(Date.UTC(2026, 10, 26, hour)).toISOString();
        log.append(entry(at, hour % 2 === 0 ? 'counter.paused' : 'user.login', hour % 3 === 0 ? 'quay1' : 'admin'));
      }
    })();
    const day = { from: '2026-11-27T00:00:00.000Z', to: '2026-11-28T00:00:00.000Z' };
    const all = log.list({ ...day, limit: 100 });
    expect(all.map((e) => e.at)).toEqual(Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2026, 10, 27, 23 - i)).toISOString()));
    const first = log.list({ ...day, limit: 10 });
    const second = log.list({ ...day, limit: 10, before: first.at(-1)?.id });
    expect([...first, ...second]).toEqual(all.slice(0, 20));
    expect(log.list({ ...day, actions: ['counter.paused'], actor: 'quay1', limit: 100 }).map((e) => e.at)).toEqual([
      '2026-11-27T18:00:00.000Z',
      '2026-11-27T12:00:00.000Z',
      '2026-11-27T06:00:00.000Z',
      '2026-11-27T00:00:00.000Z',
    ]);
    // One end of the range alone.
    expect(log.list({ from: '2026-11-27T22:00:00.000Z', limit: 100 })).toHaveLength(2);
    expect(log.list({ to: '2026-11-26T02:00:00.000Z', limit: 100 })).toHaveLength(2);
    expect(log.list({ actions: [], limit: 100 })).toEqual([]);
  });
});
