import type { NewEvent, QueueEvent } from '@qms/core';
import type { Db } from './database.js';

/** The message text of an event: {"seq","type","at", ...payload}, built without re-parsing the payload. */
export function eventMessage(seq: number, type: string, at: string, payloadJson: string): string {
  const head = `{"seq":${seq},"type":${JSON.stringify(type)},"at":${JSON.stringify(at)}`;
  return payloadJson === '{}' ? `${head}}` : `${head},${payloadJson.slice(1)}`;
}

/**
 * The append-only log of published events. seq is the rowid, one more than the latest; pruning
 * always keeps the latest event, so seq only grows, also across restarts.
 */
export class SqliteEventLog {
  private readonly insert;
  private readonly last;
  private readonly first;
  private readonly since;
  private readonly prune;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<[string, string, string], { seq: number }>('INSERT INTO events (type, at, payload) VALUES (?, ?, ?) RETURNING seq');
    this.last = db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events');
    this.first = db.prepare<[], { seq: number | null }>('SELECT min(seq) AS seq FROM events');
    this.since = db.prepare<[number, number], { seq: number; type: string; at: string; payload: string }>('SELECT seq, type, at, payload FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    this.prune = db.prepare<[number]>('DELETE FROM events WHERE seq <= ?');
  }

  append(event: NewEvent, at: string): QueueEvent {
    const row = this.insert.get(event.type, at, JSON.stringify(event.payload));
    if (!row) throw new Error('event insert returned no seq');
    return { seq: row.seq, type: event.type, at, ...event.payload } as QueueEvent;
  }

  /** The seq of the latest event ever written (0 when none). */
  lastSeq(): number {
    return this.last.get()?.seq ?? 0;
  }

  /** The oldest seq still kept, or null when the log is empty. */
  oldestSeq(): number | null {
    return this.first.get()?.seq ?? null;
  }

  /** Up to `limit` messages after `seq`, in order. */
  messagesSince(seq: number, limit: number): string[] {
    return this.since.all(seq, limit).map((row) => eventMessage(row.seq, row.type, row.at, row.payload));
  }

  /** Forgets all but the latest `keep` events (at least one is always kept). Returns how many were removed. */
  pruneKeeping(keep: number): number {
    return this.prune.run(this.lastSeq() - Math.max(1, keep)).changes;
  }
}
