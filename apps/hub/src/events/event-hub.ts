import type { QueueEvent } from '@qms/core';
import type { SqliteEventLog } from '@qms/db';
import { CLOSE_CODES, type HeartbeatMessage, type ResyncMessage } from '@qms/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';

export interface EventHubOptions {
  /** Above this many bytes waiting in a client's send buffer, the client is dropped (it reconnects with ?since=). */
  maxBufferedBytes: number;
  /** A client further behind than this many events gets a resync instead of a replay. */
  maxReplay: number;
  heartbeatMs: number;
}

export const DEFAULT_EVENT_HUB_OPTIONS: EventHubOptions = {
  maxBufferedBytes: 1024 * 1024,
  maxReplay: 5_000,
  heartbeatMs: 15_000,
};

/**
 * The TCP socket under a ws WebSocket. ws keeps it in `_socket` and exposes no cork of its own;
 * corking it only batches writes (ws corks around each frame itself, and corks nest).
 */
function transportOf(socket: WebSocket): { cork(): void; uncork(): void } | undefined {
  const stream = (socket as unknown as { _socket?: { cork?: unknown; uncork?: unknown } })._socket;
  return stream && typeof stream.cork === 'function' && typeof stream.uncork === 'function' ? (stream as { cork(): void; uncork(): void }) : undefined;
}

interface Subscriber {
  socket: WebSocket;
  /** Re-checked on every heartbeat, so a revoked token loses its live feed too. */
  stillAllowed: () => boolean;
  alive: boolean;
}

/**
 * Live events over WebSocket. Each event is serialised once and written to every subscriber; a
 * subscriber that does not keep up is dropped rather than buffered without bound. A reconnecting
 * subscriber gets what it missed from the event log, in order, or a resync when that is gone.
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly log: SqliteEventLog,
    private readonly logger: Logger,
    private readonly options: EventHubOptions = DEFAULT_EVENT_HUB_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timer = setInterval(() => this.heartbeat(), options.heartbeatMs);
    this.timer.unref();
  }

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a subscriber. With `since`, first replays the events after it (or sends a resync when
   * they are no longer kept, or the seq is unknown). Replay and registration happen in the same
   * synchronous step, so no event can fall between them.
   */
  attach(socket: WebSocket, since: number | undefined, stillAllowed: () => boolean): void {
    if (this.closed) {
      socket.close(CLOSE_CODES.goingAway, 'hub shutting down');
      return;
    }
    const subscriber: Subscriber = { socket, stillAllowed, alive: true };
    if (since !== undefined) this.catchUp(subscriber, since);
    this.subscribers.add(subscriber);
    socket.on('pong', () => {
      subscriber.alive = true;
    });
    socket.on('close', () => this.subscribers.delete(subscriber));
    socket.on('error', (error) => {
      this.logger.debug({ err: error }, 'event subscriber socket error');
      this.subscribers.delete(subscriber);
    });
    // Clients only listen; anything they send is ignored.
  }

  /**
   * The events of one change go out to each subscriber in one write (one TCP segment when small),
   * so a station applies "finished A001" and "called A002" together and never shows the counter
   * empty in between.
   */
  publish(events: readonly QueueEvent[]): void {
    const messages = events.map((event) => JSON.stringify(event));
    for (const subscriber of this.subscribers) {
      const stream = transportOf(subscriber.socket);
      stream?.cork();
      for (const message of messages) this.send(subscriber, message);
      stream?.uncork();
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const subscriber of this.subscribers) subscriber.socket.close(CLOSE_CODES.goingAway, 'hub shutting down');
    this.subscribers.clear();
  }

  private catchUp(subscriber: Subscriber, since: number): void {
    const last = this.log.lastSeq();
    if (since > last) return this.resync(subscriber, 'unknown_seq');
    if (since === last) return;
    const oldest = this.log.oldestSeq();
    if (oldest === null || since < oldest - 1) return this.resync(subscriber, 'too_old');
    if (last - since > this.options.maxReplay) return this.resync(subscriber, 'too_many');
    for (const message of this.log.messagesSince(since, this.options.maxReplay)) this.send(subscriber, message);
  }

  private resync(subscriber: Subscriber, reason: ResyncMessage['reason']): void {
    const message: ResyncMessage = { seq: this.log.lastSeq(), type: 'resync', at: this.now().toISOString(), reason };
    this.send(subscriber, JSON.stringify(message));
  }

  private send(subscriber: Subscriber, message: string): void {
    const { socket } = subscriber;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.drop(subscriber, CLOSE_CODES.slowConsumer, 'slow consumer: reconnect with ?since=');
      return;
    }
    socket.send(message);
  }

  /** Stops writing to a subscriber and frees its buffer: a close frame, then a hard close if it does not go. */
  private drop(subscriber: Subscriber, code: number, reason: string): void {
    this.subscribers.delete(subscriber);
    this.logger.info({ code, reason }, 'dropping event subscriber');
    subscriber.socket.close(code, reason);
    setTimeout(() => subscriber.socket.terminate(), 1_000).unref();
  }

  /** Drops at once every subscriber whose token no longer works (after a revoke, not at the next heartbeat). */
  recheckAccess(): void {
    for (const subscriber of this.subscribers) {
      if (!subscriber.stillAllowed()) this.drop(subscriber, CLOSE_CODES.unauthorized, 'token revoked or expired');
    }
  }

  private heartbeat(): void {
    const message: HeartbeatMessage = { type: 'heartbeat', at: this.now().toISOString(), lastSeq: this.log.lastSeq() };
    const text = JSON.stringify(message);
    for (const subscriber of this.subscribers) {
      if (!subscriber.alive) {
        this.subscribers.delete(subscriber);
        subscriber.socket.terminate();
        continue;
      }
      if (!subscriber.stillAllowed()) {
        this.drop(subscriber, CLOSE_CODES.unauthorized, 'token revoked or expired');
        continue;
      }
      subscriber.alive = false;
      subscriber.socket.ping();
      this.send(subscriber, text);
    }
  }
}
