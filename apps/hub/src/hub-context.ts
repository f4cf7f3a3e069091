import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, QueueEngine, systemClock } from '@qms/core';
import { type Db, openDatabase, SqliteAccessStore, SqliteConfigStore, SqliteQueueStore } from '@qms/db';
import type { Logger } from 'pino';
import { AccessService, DEFAULT_ACCESS_OPTIONS, type AccessOptions } from './access/access-service.js';
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
  logger: Logger;
  /** Closes live connections and the database. */
  close(): void;
}

export interface ContextOptions {
  /** The database file, or ':memory:'. */
  databaseFile: string;
  timeZone: string;
  logger: Logger;
  clock?: Clock;
  access?: AccessOptions;
  events?: EventHubOptions;
}

export function databaseFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'qms.db');
}

export function createHubContext(options: ContextOptions): HubContext {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(options.databaseFile);
  const queueStore = new SqliteQueueStore(db);
  const settings = new QueueSettings(queueStore, options.timeZone);
  const events = new EventHub(queueStore.events, options.logger, options.events ?? DEFAULT_EVENT_HUB_OPTIONS, () => clock.now());
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
    logger: options.logger,
    close() {
      events.close();
      if (db.open) db.close();
    },
  };
}
