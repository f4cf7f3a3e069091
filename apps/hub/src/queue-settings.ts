import { DEFAULT_QUEUE_RULES, type EngineSettings, type UnservedAtClose } from '@qms/core';
import type { SqliteQueueStore } from '@qms/db';

export interface QueueSettingsView {
  timeZone: string;
  maxWaitMinutes: number;
  unservedAtClose: UnservedAtClose;
}

const KEYS = { maxWaitMinutes: 'queue.max_wait_minutes', unservedAtClose: 'queue.unserved_at_close' } as const;

/** The queue rules an admin may change at run time, kept in the settings table and cached here. */
export class QueueSettings {
  private cached: EngineSettings;

  constructor(
    private readonly store: SqliteQueueStore,
    private readonly timeZone: string,
  ) {
    this.cached = this.read();
  }

  /** For the engine: called on every change, so it must be cheap. */
  readonly engineSettings = (): EngineSettings => this.cached;

  view(): QueueSettingsView {
    return {
      timeZone: this.cached.timeZone,
      maxWaitMinutes: Math.round(this.cached.rules.maxWaitSeconds / 60),
      unservedAtClose: this.cached.unservedAtClose,
    };
  }

  update(patch: Partial<Omit<QueueSettingsView, 'timeZone'>>): QueueSettingsView {
    this.store.transaction(() => {
      if (patch.maxWaitMinutes !== undefined) this.store.setSetting(KEYS.maxWaitMinutes, String(patch.maxWaitMinutes));
      if (patch.unservedAtClose !== undefined) this.store.setSetting(KEYS.unservedAtClose, patch.unservedAtClose);
    });
    this.cached = this.read();
    return this.view();
  }

  private read(): EngineSettings {
    const minutes = Number(this.store.getSetting(KEYS.maxWaitMinutes));
    const unserved = this.store.getSetting(KEYS.unservedAtClose);
    return {
      timeZone: this.timeZone,
      rules: { maxWaitSeconds: Number.isFinite(minutes) && minutes > 0 ? minutes * 60 : DEFAULT_QUEUE_RULES.maxWaitSeconds },
      unservedAtClose: unserved === 'keep' ? 'keep' : 'cancel',
    };
  }
}
