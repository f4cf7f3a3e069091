import { type AuditRecord, auditEntry, SYSTEM_ACTOR, type AuditActor } from './audit.js';
import { businessDay } from './business-day.js';
import type { Clock } from './clock.js';
import type { EngineSettings } from './engine-settings.js';
import type { EventPayloads, EventType, QueueEvent } from './events.js';
import type { QueueStore } from './ports.js';

/** The result of a change together with the events it committed, in seq order. */
export interface Outcome<T> {
  value: T;
  events: QueueEvent[];
}

export type Emit = <K extends EventType>(type: K, payload: EventPayloads[K]) => void;

export interface ChangeContext {
  now: Date;
  at: string;
  day: string;
  emit: Emit;
  /** Records the change in the audit log, in its transaction, as done by the change's actor. */
  audit: (record: AuditRecord) => void;
}

/**
 * Runs the queue's changes for the engine: each in one store transaction, preceded by the
 * business-day rollover when the day has moved on, collecting the events it commits.
 */
export class QueueChanges {
  private knownDay: string | undefined;

  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly settings: () => EngineSettings,
  ) {}

  /** Runs fn as one change; `actor` is who the audit log names for it (the hub itself when absent). */
  run<T>(fn: (context: ChangeContext) => T, actor: AuditActor = SYSTEM_ACTOR): Outcome<T> {
    const events: QueueEvent[] = [];
    const now = this.clock.now();
    const at = now.toISOString();
    const day = businessDay(now, this.settings().timeZone);
    const emit: Emit = (type, payload) => {
      events.push(this.store.appendEvent({ type, payload } as Parameters<QueueStore['appendEvent']>[0], at));
    };
    const audit = (record: AuditRecord) => this.store.appendAudit(auditEntry(record, actor, at));
    const value = this.store.transaction(() => {
      if (day !== this.knownDay) this.rollOver(day, at, emit);
      return fn({ now, at, day, emit, audit });
    });
    this.knownDay = day;
    return { value, events };
  }

  private rollOver(day: string, at: string, emit: Emit): void {
    const stored = this.store.getSetting('business_day');
    if (stored === day) return;
    if (stored !== undefined && stored < day && this.settings().unservedAtClose === 'cancel') {
      const cancelled = this.store.cancelUnserved(day, false, at);
      emit('day.closed', { businessDay: stored, cancelled });
    }
    // Personal data is kept no longer than the day it was needed for.
    this.store.forgetCitizens(day);
    this.store.setSetting('business_day', day);
  }
}
