import { join } from 'node:path';
import { DEFAULT_TIME_ZONE, defaultEngineSettings, QueueEngine } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { SqliteConfigStore } from './config-store.js';
import { type Db, openDatabase } from './database.js';
import { SqliteQueueStore } from './queue-store.js';

/** The rating pad's question, "the ticket finished last at this counter, within the window", on SQLite. */
describe('the last ticket finished at a counter', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let store: SqliteQueueStore;
  let now = new Date('2026-11-30T09:00:00.000Z');
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'qms.db'));
    store = new SqliteQueueStore(db);
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  it('is found through tickets_done from the window start on, at this counter only, whatever its field', () => {
    const config = new SqliteConfigStore(db, store);
    const always = [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }];
    const field = (code: string, prefix: string, position: number) =>
      config.createService({ code, name: code, nameEn: code, prefix, rangeStart: 1, rangeEnd: 999, openingHours: always, active: true, position, defaultServiceSeconds: 300 });
    const land = field('dat-dai', 'A', 0);
    const civil = field('ho-tich', 'B', 1);
    const one = config.createCounter({ number: 1, name: 'Quầy 1', serviceIds: [land.id, civil.id], status: 'open' });
    const two = config.createCounter({ number: 2, name: 'Quầy 2', serviceIds: [land.id], status: 'open' });
    const engine = new QueueEngine(store, { now: () => now }, () => defaultEngineSettings(DEFAULT_TIME_ZONE));
    const serve = (serviceId: number, counterId: number) => {
      const { ticket } = engine.issue({ serviceId, issuedBy: 'test' }).value;
      now = new Date(now.getTime() + 60_000);
      engine.callNext(counterId);
      now = new Date(now.getTime() + 60_000);
      engine.finish(ticket.id, { counterId });
      return ticket;
    };
    const day = '2026-11-30';
    const a = serve(land.id, one.id);
    const b = serve(civil.id, one.id);
    const c = serve(land.id, two.id);

    const since = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
    expect(store.lastFinishedAt(one.id, since(10), [day, day])?.label).toBe(b.label);
    expect(store.lastFinishedAt(two.id, since(10), [day, day])?.label).toBe(c.label);
    // Counter 1's last finish (B001) was 2 minutes before counter 2's: outside a 1-minute window.
    expect(store.lastFinishedAt(one.id, since(1), [day, day])).toBeUndefined();
    expect(store.lastFinishedAt(one.id, since(10), ['2026-11-29', '2026-11-29'])).toBeUndefined();
    expect(a.label).toBe('A001');

    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM tickets INDEXED BY tickets_done WHERE status = 'done' AND service_id IN (SELECT id FROM services) AND business_day IN (?, ?) AND finished_at >= ? AND counter_id = ?`,
        )
        .all('a', 'b', 'c', 1) as { detail: string }[]
    )
      .map((row) => row.detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH tickets USING INDEX tickets_done \(service_id=\? AND business_day=\? AND finished_at>\?\)/);
  });
});
