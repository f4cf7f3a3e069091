import type { Outcome, QueueEvent } from '@qms/core';
import { type Db, type SyncFile, WalFlusher } from '@qms/db';

/**
 * What happens after a change commits: its events wait until the commit is on disk, then they are
 * published, in seq order; the HTTP answer waits for the same flush (an onSend hook). Commits that
 * arrive together share one fdatasync (group commit); each change is still its own transaction.
 */
export class CommitPipeline {
  private staged: QueueEvent[] = [];
  private readonly flusher: WalFlusher;

  constructor(db: Db, publish: (events: readonly QueueEvent[]) => void, sync?: SyncFile) {
    this.flusher = new WalFlusher(db, sync, () => {
      // Everything staged so far was committed before this sync starts, so it is covered by it.
      const batch = this.staged;
      this.staged = [];
      return (synced) => {
        if (synced) publish(batch);
        else this.staged = [...batch, ...this.staged];
      };
    });
  }

  /** Takes a committed change: its events go out after the flush; returns its value. */
  stage<T>(outcome: Outcome<T>): T {
    if (outcome.events.length > 0) this.staged.push(...outcome.events);
    return outcome.value;
  }

  /** Resolves when every change committed so far is on disk and its events are published. */
  flush(): Promise<void> {
    return this.flusher.flush();
  }

  get syncCount(): number {
    return this.flusher.syncCount;
  }

  close(): void {
    this.flusher.close();
  }
}
