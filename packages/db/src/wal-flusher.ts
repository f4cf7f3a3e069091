import { closeSync, fdatasync, openSync } from 'node:fs';
import type { Db } from './database.js';

const fdatasyncAsync = (fd: number) => new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));

/**
 * Group commit for a database opened with synchronous=NORMAL. Each change stays its own SQLite
 * transaction; what is shared is the fsync that makes them durable: flush() resolves once every
 * commit made before it was called is on disk, with one fdatasync of the WAL for all the commits
 * that arrived meanwhile. The fdatasync runs in libuv's thread pool, so the event loop serves other
 * requests during it.
 *
 * Why this is as safe as synchronous=FULL for what the caller acknowledges: COMMIT has written the
 * transaction's frames to the WAL file (into the OS page cache) before it returns; fdatasync on any
 * descriptor of that file forces them to disk. SQLite itself syncs the WAL before a checkpoint and
 * the database file after it in NORMAL mode, so checkpoints stay safe.
 */
export class WalFlusher {
  private readonly fd: number;
  private readonly changes;
  private flushedChanges: number;
  private running: Promise<void> | undefined;
  private syncs = 0;

  constructor(db: Db) {
    if (db.pragma('journal_mode', { simple: true }) !== 'wal') throw new Error('WalFlusher needs a database in WAL mode');
    // The WAL exists as long as this connection is open (SQLite removes it only after the last one closes).
    this.fd = openSync(`${db.name}-wal`, 'r');
    const statement = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
    this.changes = () => statement.get()?.n ?? 0;
    this.flushedChanges = this.changes();
  }

  /** How many fdatasync calls were made so far (the group-commit ratio is commits / syncs). */
  get syncCount(): number {
    return this.syncs;
  }

  /** Resolves when every row change committed before this call is on disk. */
  async flush(): Promise<void> {
    for (;;) {
      const changes = this.changes();
      if (changes <= this.flushedChanges) return;
      if (this.running) {
        // A sync already started may predate our commit: wait for it, then look again.
        await this.running;
        continue;
      }
      this.running = this.syncUpTo(changes).finally(() => {
        this.running = undefined;
      });
      await this.running;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private async syncUpTo(changes: number): Promise<void> {
    this.syncs += 1;
    await fdatasyncAsync(this.fd);
    this.flushedChanges = Math.max(this.flushedChanges, changes);
  }
}
