import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, QueueEngine, systemClock } from '@qms/core';
import {
  BackgroundCheckpointer,
  type Db,
  openDatabase,
  SqliteAccessStore,
  SqliteConfigStore,
  SqliteQueueStore,
  type SyncFile,
} from '@qms/db';
import type { Logger } from 'pino';
import { AccessService, DEFAULT_ACCESS_OPTIONS, type AccessOptions } from './access/access-service.js';
import { CommitPipeline } from './commit-pipeline.js';
import { DEFAULT_EVENT_HUB_OPTIONS, EventHub, type EventHubOptions } from './events/event-hub.js';
import { QueueSettings } from './queue-settings.js';

/** Everything the hub's routes work with, built once per process (or per test). */
export interface HubContext {
  db: Db;
  clock: Clock;
  timeZone: string;
  queueStore: SqliteQueueStore;
  configStore: SqliteConfigStore;
  engine: QueueEngine;
  settings: QueueSettings;
  access: AccessService;
  events: EventHub;
  /** Changes go through here: durable (one shared fsync), then their events are published. */
  commits: CommitPipeline;
  logger: Logger;
  /** Closes live connections, the checkpointer and the database. */
  close(): Promise<void>;
}

export interface ContextOptions {
  /** The database file, or ':memory:'. */
  databaseFile: string;
  timeZone: string;
  logger: Logger;
  clock?: Clock;
  /** Replaces fdatasync (tests that need to see the order of flush and answer). */
  sync?: SyncFile;
  access?: AccessOptions;
  events?: EventHubOptions;
}

export function databaseFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'qms.db');
}

export function createHubContext(options: ContextOptions): HubContext {
  const clock = options.clock ?? systemClock;
  // NORMAL: SQLite does not fsync inside COMMIT; the commit pipeline does, once for many commits.
  const db = openDatabase(options.databaseFile, { synchronous: 'NORMAL' });
  // Checkpoints run in a worker thread (they write and fsync the database file): none in COMMIT.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);
  const checkpointer = new BackgroundCheckpointer(db.name, (message) => options.logger.error({ message }, 'WAL checkpoint failed'));
  const queueStore = new SqliteQueueStore(db);
  const settings = new QueueSettings(queueStore, options.timeZone);
  const events = new EventHub(queueStore.events, options.logger, options.events ?? DEFAULT_EVENT_HUB_OPTIONS, () => clock.now());
  const commits = new CommitPipeline(db, (batch) => events.publish(batch), options.sync);
  return {
    db,
    clock,
    timeZone: options.timeZone,
    queueStore,
    configStore: new SqliteConfigStore(db, queueStore),
    engine: new QueueEngine(queueStore, clock, settings.engineSettings),
    settings,
    access: new AccessService(new SqliteAccessStore(db), clock, options.access ?? DEFAULT_ACCESS_OPTIONS),
    events,
    commits,
    logger: options.logger,
    async close() {
      events.close();
      await checkpointer.stop();
      commits.close();
      if (db.open) db.close();
    },
  };
}
