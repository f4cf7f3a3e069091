/**
 * The queue worker: the only thread that changes queue data. The changes that arrive together run
 * in one SQLite transaction, each in a savepoint of its own (synchronous=NORMAL: no fsync inside
 * COMMIT); one fdatasync of the WAL then makes them durable, and only then are the results (and
 * their events) handed back to the main thread, in the order they ran. While one fdatasync is in
 * flight, the next changes already run: HTTP on the main thread, SQL here, and the disk all work
 * at once.
 *
 * It also checkpoints the WAL (copies committed pages into the database file) about once a
 * second, so that work and its fsyncs never stall the main thread. In synchronous=NORMAL mode
 * SQLite syncs the WAL before a checkpoint and the database file after it.
 */
import { fdatasync, openSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { type Outcome, QueueEngine } from '@qms/core';
import {
  openDatabase,
  SqliteApplicationExtensionStore,
  SqliteApplicationPickupStore,
  SqliteApplicationStore,
  SqliteConfigStore,
  SqliteProcedureStore,
  SqliteQueueStore,
  SqliteReportStore,
} from '@qms/db';
import { QueueSettings } from '../queue-settings.js';
import { type Command, type Result, serializeError, type WorkerMessage } from './messages.js';
import { type OperationName, queueOperations } from './operations.js';

export interface QueueWorkerData {
  databaseFile: string;
  timeZone: string;
  checkpointEveryMs: number;
  /** Above this WAL size, a checkpoint also restarts the WAL from its beginning. */
  restartWalAboveBytes: number;
  /**
   * Fault injection for tests only: [0] = 1 holds every fdatasync until it is 0 again, [1] = 1
   * makes the next fdatasync fail, [2] = 1 (when present) the next COMMIT. Absent in production.
   */
  syncGate?: SharedArrayBuffer;
}

const port = parentPort;
if (!port) throw new Error('queue-worker runs as a worker thread');
const data = workerData as QueueWorkerData;
const send = (message: WorkerMessage) => port.postMessage(message);

const db = openDatabase(data.databaseFile, { synchronous: 'NORMAL', migrate: false });
db.pragma('wal_autocheckpoint = 0'); // checkpoint() below does it, off the main thread
const store = new SqliteQueueStore(db);
let now = new Date();
const settings = new QueueSettings(store, data.timeZone);
/** The instant of the command being run (the main thread's clock). */
const clock = { now: () => now };
const engine = new QueueEngine(store, clock, settings.engineSettings);
const operations = queueOperations({
  engine,
  store,
  config: new SqliteConfigStore(db, store, clock),
  procedures: new SqliteProcedureStore(db),
  applications: new SqliteApplicationStore(db),
  reports: new SqliteReportStore(db),
  extensions: new SqliteApplicationExtensionStore(db),
  pickups: new SqliteApplicationPickupStore(db),
  settings,
  clock,
  timeZone: data.timeZone,
});
const totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
const wal = openSync(`${data.databaseFile}-wal`, 'r');
const gate = data.syncGate ? new Int32Array(data.syncGate) : undefined;

function syncWal(): Promise<void> {
  if (gate) {
    while (Atomics.load(gate, 0) === 1) Atomics.wait(gate, 0, 1, 100);
    if (Atomics.exchange(gate, 1, 0) === 1) return Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync (injected)'), { code: 'EIO' }));
  }
  return new Promise((resolve, reject) => fdatasync(wal, (error) => (error ? reject(error) : resolve())));
}

/**
 * After a failed fdatasync the page cache can no longer be trusted to reach the disk (the lesson
 * of PostgreSQL's "fsyncgate"): the worker stops changing anything until the hub is restarted,
 * and SQLite then recovers from what the WAL holds on disk.
 */
let broken: string | undefined;
const STORAGE_FAILED = 'the hub could not save changes to its disk; check the disk, then restart the hub';

const storageFailed = (id: number): Result => ({ id, ok: false, error: { domain: false, code: 'hub.storage_failed', message: STORAGE_FAILED } });

/** One command inside the batch's transaction: a savepoint of its own, undone alone if it fails. */
const inSavepoint = db.transaction((command: Command) => {
  const operation = operations[command.op as OperationName] as unknown as (...args: unknown[]) => Outcome<unknown>;
  return operation(...command.args);
});

function run(command: Command): Result {
  now = new Date(command.at);
  try {
    const { value, events } = inSavepoint(command);
    return { id: command.id, ok: true, value, events };
  } catch (error) {
    return { id: command.id, ok: false, error: serializeError(error) };
  }
}

const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');

/**
 * Runs the commands that arrived together in one SQLite transaction, each in its own savepoint:
 * the pages they share (a table's last leaf, an index's) are written to the WAL once for all of
 * them, not once each. A command that fails is undone alone. If the COMMIT itself fails, none of
 * them happened, and the engine's memory (the day it knows, its caches) may be ahead of the
 * disk: the worker stops changing anything, as after a failed fdatasync.
 */
function runBatch(commands: Command[]): Result[] {
  if (broken) return commands.map((command) => storageFailed(command.id));
  try {
    begin.run();
  } catch (error) {
    // The write lock not had (another connection held it past the busy timeout): nothing ran.
    return commands.map((command) => ({ id: command.id, ok: false, error: serializeError(error) }));
  }
  const results = commands.map(run);
  try {
    if (gate && gate.length > 2 && Atomics.exchange(gate, 2, 0) === 1) throw Object.assign(new Error('disk I/O error (injected)'), { code: 'SQLITE_IOERR' });
    commit.run();
    return results;
  } catch (error) {
    broken = (error as Error).message;
    send({ type: 'log', level: 'error', message: `COMMIT failed, no more changes until a restart: ${broken}` });
    if (db.inTransaction) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // The connection is closed with the worker; SQLite undoes an open transaction then.
      }
    }
    return commands.map((command) => storageFailed(command.id));
  }
}

let lastCheckpoint = Date.now();
/** This connection's changes and the other connections' commits (data_version) when a checkpoint last copied the whole WAL. */
const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
let checkpointedAt = { changes: -1, version: -1 };

function checkpoint(): void {
  lastCheckpoint = Date.now();
  // Nothing written since the last complete checkpoint (a hub left idle): no pass over the WAL each second.
  const now = { changes: totalChanges.get() ?? 0, version: dataVersion.get() ?? 0 };
  if (now.changes === checkpointedAt.changes && now.version === checkpointedAt.version) return;
  try {
    const [pass] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    if (statSync(`${data.databaseFile}-wal`).size > data.restartWalAboveBytes) db.pragma('wal_checkpoint(RESTART)');
    if (pass && pass.busy === 0 && pass.log === pass.checkpointed) checkpointedAt = now;
  } catch (error) {
    send({ type: 'log', level: 'warn', message: `WAL checkpoint failed (will retry): ${(error as Error).message}` });
  }
}

// When idle, still checkpoint what the last changes left in the WAL.
setInterval(() => {
  if (!draining && Date.now() - lastCheckpoint >= data.checkpointEveryMs) checkpoint();
}, data.checkpointEveryMs).unref();

let pending: Result[] = [];
let draining = false;
let flushedChanges = totalChanges.get() ?? 0;
let syncs = 0;

async function drain(): Promise<void> {
  while (pending.length > 0) {
    // Everything in this batch committed before the sync starts, so the sync covers all of it.
    const batch = pending;
    pending = [];
    const changes = totalChanges.get() ?? 0;
    if (changes > flushedChanges) {
      try {
        syncs += 1;
        await syncWal();
        flushedChanges = changes;
      } catch (error) {
        broken = (error as Error).message;
        send({ type: 'log', level: 'error', message: `fdatasync of the WAL failed, no more changes until a restart: ${broken}` });
        for (const [index, result] of batch.entries()) if (result.ok) batch[index] = storageFailed(result.id);
      }
    }
    send({ type: 'results', results: batch, syncs });
    if (!broken && Date.now() - lastCheckpoint >= data.checkpointEveryMs) checkpoint();
  }
  draining = false;
}

port.on('message', (command: Command | 'stop') => {
  if (command === 'stop') {
    db.close();
    port.close();
    return;
  }
  // The commands already queued join this one: one transaction, then one sync.
  arrived.push(command);
  if (arrived.length === 1) setImmediate(runArrived);
});

let arrived: Command[] = [];

function runArrived(): void {
  const commands = arrived;
  arrived = [];
  pending.push(...runBatch(commands));
  if (!draining) {
    draining = true;
    void drain();
  }
}

send({ type: 'ready' });
