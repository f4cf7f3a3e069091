import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Clock, QueueEvent } from '@qms/core';
import { ApiError } from '../api-error.js';
import { type Command, deserializeError, type Result, type WorkerMessage } from './messages.js';
import type { OperationName, QueueOperations } from './operations.js';
import type { QueueWorkerData } from './queue-worker.js';

type ValueOf<K extends OperationName> = ReturnType<QueueOperations[K]>['value'];

export interface QueueClientOptions {
  databaseFile: string;
  timeZone: string;
  clock: Clock;
  /** Committed and durable events, in seq order. */
  publish: (events: readonly QueueEvent[]) => void;
  /** Called after each batch of changes: the main thread's caches of queue data are stale. */
  changed: () => void;
  /** Called for each change made, durable, before its caller hears of it (what other readers are told besides the events). */
  applied?: (op: OperationName) => void;
  log: (level: 'error' | 'warn', message: string) => void;
  /** Tests only: see QueueWorkerData.syncGate. */
  syncGate?: SharedArrayBuffer;
}

/** The built worker script (scripts/build.mjs), found through the package wherever this code runs from. */
function workerScript(): string {
  return createRequire(import.meta.url).resolve('@qms/hub/dist/queue-worker.mjs');
}

/**
 * The main thread's handle on the queue worker: call('issue', ...) resolves once the change is
 * on disk, after its events were published; a refusal rejects with the same DomainError the
 * engine threw.
 */
export class QueueClient {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { op: OperationName; resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly ready: Promise<void>;
  private nextId = 1;
  private syncs = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;
  private readonly exited: Promise<void>;

  constructor(private readonly options: QueueClientOptions) {
    const workerData: QueueWorkerData = {
      databaseFile: options.databaseFile,
      timeZone: options.timeZone,
      checkpointEveryMs: 1_000,
      restartWalAboveBytes: 64 * 1024 * 1024,
      syncGate: options.syncGate,
    };
    // A small heap: the worker holds prepared statements and a few caches, not data.
    this.worker = new Worker(workerScript(), { workerData, resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 24 } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'results') this.settle(message.results, message.syncs);
        else options.log(message.level, message.message);
      });
    });
    this.worker.on('error', (error) => this.fail(error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.closing) this.fail(new Error(`the queue worker stopped (exit code ${code})`));
        resolve();
      }),
    );
  }

  /** Resolves when the worker has opened the database. */
  whenReady(): Promise<void> {
    return this.ready;
  }

  /** Why the hub can no longer change the queue (a failed disk, a dead worker), if it cannot. */
  get failed(): string | undefined {
    return this.failure?.message;
  }

  /** fdatasync calls the worker made so far. */
  get syncCount(): number {
    return this.syncs;
  }

  call<K extends OperationName>(op: K, ...args: Parameters<QueueOperations[K]>): Promise<ValueOf<K>> {
    if (this.failure) return Promise.reject(new ApiError('hub.unavailable', this.failure.message));
    if (this.closing) return Promise.reject(new ApiError('hub.unavailable', 'the hub is shutting down'));
    const id = this.nextId++;
    const command: Command = { id, op, args, at: this.options.clock.now().toISOString() };
    return new Promise<ValueOf<K>>((resolve, reject) => {
      this.waiting.set(id, { op, resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage(command);
    });
  }

  /** Waits for the changes in flight, then stops the worker. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      while (this.waiting.size > 0 && !this.failure) await new Promise((resolve) => setTimeout(resolve, 5));
      this.worker.postMessage('stop');
      await this.exited;
    })();
    return this.closing;
  }

  private settle(results: Result[], syncs: number): void {
    this.syncs = syncs;
    this.options.changed();
    for (const result of results) {
      const waiter = this.waiting.get(result.id);
      this.waiting.delete(result.id);
      if (result.ok) {
        if (result.events.length > 0) this.options.publish(result.events);
        if (waiter) this.options.applied?.(waiter.op);
        waiter?.resolve(result.value);
      } else if (result.error.code === 'hub.storage_failed') {
        this.failure ??= new Error(result.error.message);
        waiter?.reject(new ApiError('hub.unavailable', result.error.message));
      } else {
        waiter?.reject(deserializeError(result.error));
      }
    }
  }

  private fail(error: Error): void {
    this.failure = error;
    this.options.log('error', `queue worker failed: ${error.message}`);
    for (const waiter of this.waiting.values()) waiter.reject(new ApiError('hub.unavailable', `the hub cannot change the queue: ${error.message}`));
    this.waiting.clear();
  }
}
