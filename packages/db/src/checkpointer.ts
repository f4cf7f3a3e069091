import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export interface CheckpointerOptions {
  /** How often to copy the WAL's committed pages into the database file. */
  intervalMs: number;
  /** Above this WAL size, also restart the WAL from its beginning (briefly holds writers back). */
  restartAboveBytes: number;
}

export const DEFAULT_CHECKPOINTER_OPTIONS: CheckpointerOptions = { intervalMs: 1_000, restartAboveBytes: 64 * 1024 * 1024 };

// Runs as CommonJS inside the worker; the driver's path comes from the main thread, so this works
// whatever the working directory and however the hub is bundled.
const WORKER_SOURCE = `
const { statSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const walSize = () => { try { return statSync(workerData.file + '-wal').size; } catch { return 0; } };
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walSize() > workerData.restartAboveBytes) db.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: String(error && error.message) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ type: 'stopped' });
});
parentPort.postMessage({ type: 'ready' });
`;

/**
 * Checkpoints the WAL from a worker thread with its own connection, so the copy into the
 * database file and its fsyncs never stall the event loop. The writer's connection turns
 * automatic checkpoints off (wal_autocheckpoint=0). In synchronous=NORMAL mode SQLite syncs the
 * WAL before a checkpoint and the database file after it, so this is as safe as the automatic one.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private stopped: Promise<void> | undefined;

  constructor(file: string, onError: (message: string) => void, options: CheckpointerOptions = DEFAULT_CHECKPOINTER_OPTIONS) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, ...options } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (message: { type: string; message?: string }) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'error') onError(message.message ?? 'checkpoint failed');
      });
      this.worker.once('error', reject);
    });
    this.worker.on('error', (error) => onError(error.message));
  }

  /** Resolves once the worker has its connection open. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** A last checkpoint, then the worker's connection closes. */
  stop(): Promise<void> {
    this.stopped ??= new Promise<void>((resolve) => {
      const done = () => {
        void this.worker.terminate().then(() => resolve());
      };
      this.worker.on('message', (message: { type: string }) => {
        if (message.type === 'stopped') done();
      });
      this.worker.once('exit', () => resolve());
      this.worker.postMessage('stop');
    });
    return this.stopped;
  }
}
