import { join } from 'node:path';
import { defaultEngineSettings, type EngineSettings, FakeClock, QueueEngine } from '@qms/core';
import { type Db, openDatabase, SqliteConfigStore, SqliteQueueStore } from '@qms/db';
import { seedSmallCentre, type SmallCentre } from './centre.js';
import { tempDir } from './temp-dir.js';

/**
 * The queue engine on a real SQLite file in a temp directory, with a fake clock (Friday 27 Nov
 * 2026, 08:00 in Hanoi), default settings that a test may replace, and the small test centre.
 */
export interface EngineOnSqlite {
  db: Db;
  store: SqliteQueueStore;
  config: SqliteConfigStore;
  clock: FakeClock;
  engine: QueueEngine;
  centre: SmallCentre;
  /** What the engine reads on every change: assign to change the rules. */
  settings: EngineSettings;
  close(): void;
}

export async function engineOnSqlite(): Promise<EngineOnSqlite> {
  const dir = tempDir();
  const db = openDatabase(join(dir.path, 'qms.db'));
  const store = new SqliteQueueStore(db);
  const clock = new FakeClock('2026-11-27T01:00:00.000Z');
  const config = new SqliteConfigStore(db, store, clock);
  const centre = await seedSmallCentre(config);
  const harness: EngineOnSqlite = {
    db,
    store,
    config,
    clock,
    centre,
    settings: defaultEngineSettings('Asia/Ho_Chi_Minh'),
    engine: new QueueEngine(store, clock, () => harness.settings),
    close() {
      if (db.open) db.close();
      dir.cleanup();
    },
  };
  return harness;
}
