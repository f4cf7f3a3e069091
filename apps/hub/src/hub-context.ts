import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, QueueEngine, systemClock } from '@qms/core';
import { type Db, openDatabase, SqliteAccessStore, type SqliteAuditLog, SqliteQueueStore, WalFlusher } from '@qms/db';
import type { Logger } from 'pino';
import { AccessService, DEFAULT_ACCESS_OPTIONS, type AccessOptions } from './access/access-service.js';
import { BrowserSessions, type BrowserSessionOptions, DEFAULT_BROWSER_SESSION_OPTIONS } from './access/browser-sessions.js';
import { DEFAULT_EVENT_HUB_OPTIONS, EventHub, type EventHubOptions } from './events/event-hub.js';
import { QueueClient } from './queue/queue-client.js';
import { APPLICATION_OPERATIONS } from './queue/operations.js';
import { QueueSettings, type QueueSettingsView } from './queue-settings.js';

/**
 * Everything the hub's routes work with, built once per process (or per test).
 *
 * Threads: the main thread serves HTTP and WebSocket and reads the database on its own
 * connection; every change to queue data runs in the queue worker (`queue`), which answers once
 * the change is on disk and also checkpoints the WAL. People and devices (logins, pairing) are
 * written on the main connection and made durable by `writes` before the answer.
 */
export interface HubContext {
  db: Db;
  clock: Clock;
  timeZone: string;
  /** The hub's stable id (DATA/hub-id: announced on the LAN, given by /api/health); null for a hub without a data folder of its own (tests). */
  hubId: string | null;
  /** Reads of queue data (the queue worker does the writes). */
  queueStore: SqliteQueueStore;
  /** The queue rules for reading (changes go through `queue`): today's business day, a ticket's place, the snapshot. */
  view: QueueView;
  queue: QueueClient;
  access: AccessService;
  /** People signed in from a browser (the console): cookie, CSRF token, idle limit. */
  sessions: BrowserSessions;
  /** The audit log, for reading (each change writes its own entry in its transaction). */
  audit: SqliteAuditLog;
  events: EventHub;
  /** Makes the main connection's own writes (logins, pairing) durable before they are answered. */
  writes: WalFlusher;
  logger: Logger;
  settings(): QueueSettingsView;
  /** Closes live connections, the worker threads and the database. */
  close(): Promise<void>;
}

/** The read-only part of the queue engine, on the main thread's connection. */
export type QueueView = Pick<QueueEngine, 'today' | 'placeOf' | 'snapshot'>;

export interface ContextOptions {
  databaseFile: string;
  timeZone: string;
  hubId?: string;
  logger: Logger;
  clock?: Clock;
  access?: AccessOptions;
  browserSessions?: BrowserSessionOptions;
  events?: EventHubOptions;
  /** Tests only: hold or fail the queue worker's fdatasync (see QueueWorkerData.syncGate). */
  syncGate?: SharedArrayBuffer;
  /**
   * false: return while the queue worker is still starting (its modules, the database); the caller
   * then awaits `queue.whenReady()` itself, and meanwhile builds what does not need it.
   */
  waitForQueue?: boolean;
}

export function databaseFileIn(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  return join(dataDir, 'qms.db');
}

export async function createHubContext(options: ContextOptions): Promise<HubContext> {
  const clock = options.clock ?? systemClock;
  // NORMAL: SQLite does not fsync inside COMMIT; WalFlusher and the queue worker do, once for many commits.
  const db = openDatabase(options.databaseFile, { synchronous: 'NORMAL' });
  // The queue worker checkpoints (writing and fsyncing the database file): never inside a COMMIT here.
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${32 * 1024 * 1024}`);
  const queueStore = new SqliteQueueStore(db);
  const settings = () => new QueueSettings(queueStore, options.timeZone);
  const events = new EventHub(queueStore.events, options.logger, options.events ?? DEFAULT_EVENT_HUB_OPTIONS, () => clock.now());
  const queue = new QueueClient({
    databaseFile: db.name,
    timeZone: options.timeZone,
    clock,
    publish: (batch) => events.publish(batch),
    changed: () => queueStore.invalidateCaches(),
    // Applications are not events of the log: the console's lists hear of them as notices.
    applied: (op) => APPLICATION_OPERATIONS.has(op) && events.notice('applications'),
    log: (level, message) => options.logger[level]({ thread: 'queue' }, message),
    syncGate: options.syncGate,
  });
  const writes = new WalFlusher(db);
  if (options.waitForQueue !== false) {
    try {
      await queue.whenReady();
    } catch (error) {
      await queue.close();
      writes.close();
      db.close();
      throw error;
    }
  }
  const access = new AccessService(new SqliteAccessStore(db), clock, options.access ?? DEFAULT_ACCESS_OPTIONS);
  return {
    db,
    clock,
    timeZone: options.timeZone,
    hubId: options.hubId ?? null,
    queueStore,
    view: readOnly(new QueueEngine(queueStore, clock, () => settings().engineSettings())),
    queue,
    access,
    sessions: new BrowserSessions(access, clock, options.browserSessions ?? DEFAULT_BROWSER_SESSION_OPTIONS),
    audit: queueStore.audit,
    events,
    writes,
    logger: options.logger,
    settings: () => settings().view(),
    async close() {
      events.close();
      await queue.close();
      writes.close();
      if (db.open) db.close();
    },
  };
}

function readOnly(engine: QueueEngine): QueueView {
  return {
    today: () => engine.today(),
    placeOf: (ticket, day) => engine.placeOf(ticket, day),
    snapshot: () => engine.snapshot(),
  };
}
