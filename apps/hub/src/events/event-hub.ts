import type { QueueEvent } from '@qms/core';
import type { SqliteEventLog } from '@qms/db';
import { CLOSE_CODES, type HeartbeatMessage, type NoticeMessage, type NoticeTopic, type ResyncMessage } from '@qms/protocol';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { DeviceCommands } from './device-commands.js';
import { DeviceLinks, type DeviceLiveness } from './device-links.js';

export interface EventHubOptions {
  /** Above this many bytes waiting in a client's send buffer, the client is dropped (it reconnects with ?since=). */
  maxBufferedBytes: number;
  /** A client further behind than this many events gets a resync instead of a replay. */
  maxReplay: number;
  heartbeatMs: number;
  /** How long a technician's command waits for the station's answer (default 10 s). */
  commandTimeoutMs?: number;
}

export const DEFAULT_EVENT_HUB_OPTIONS: EventHubOptions = {
  maxBufferedBytes: 1024 * 1024,
  maxReplay: 5_000,
  heartbeatMs: 15_000,
  commandTimeoutMs: 10_000,
};

/** The notices of a burst of changes go out as one per topic, this long after the first. */
export const NOTICE_COALESCE_MS = 100;

/** What a subscriber asked for besides the events. */
export interface SubscriberOptions {
  /** A station's link: it counts as the device's live link (liveness, commands). */
  deviceId?: number | null;
  /** Sends it {"type":"notice.TOPIC"} when things of the topic change (the caller checked the right to it). */
  notices?: readonly NoticeTopic[];
  /** A station that takes technicians' commands on this socket. */
  commands?: boolean;
}

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
  deviceId: number | null;
  notices: ReadonlySet<NoticeTopic>;
  commands: boolean;
}

/**
 * Live events over WebSocket. Each event is serialised once and written to every subscriber; a
 * subscriber that does not keep up is dropped rather than buffered without bound. A reconnecting
 * subscriber gets what it missed from the event log, in order, or a resync when that is gone.
 *
 * Besides the seq'd events, and outside the event log: notices to technicians who asked for them
 * (devices changed), the stations' live links (who is connected, since when not), and commands to
 * a station on its link.
 */
export class EventHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private readonly links: DeviceLinks<Subscriber>;
  private readonly pendingNotices = new Map<NoticeTopic, NodeJS.Timeout>();
  private readonly listeners = new Set<(events: readonly QueueEvent[]) => void>();
  /** Technicians' commands to stations, sent on their live links. */
  readonly commands: DeviceCommands;

  constructor(
    private readonly log: SqliteEventLog,
    private readonly logger: Logger,
    private readonly options: EventHubOptions = DEFAULT_EVENT_HUB_OPTIONS,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timer = setInterval(() => this.heartbeat(), options.heartbeatMs);
    this.timer.unref();
    this.links = new DeviceLinks<Subscriber>(now, () => this.notice('devices'));
    this.commands = new DeviceCommands((deviceId, message) => this.sendToDevice(deviceId, message), options.commandTimeoutMs ?? 10_000);
  }

  get size(): number {
    return this.subscribers.size;
  }

  /**
   * Adds a subscriber. With `since`, first replays the events after it (or sends a resync when
   * they are no longer kept, or the seq is unknown). Replay and registration happen in the same
   * synchronous step, so no event can fall between them.
   */
  attach(socket: WebSocket, since: number | undefined, stillAllowed: () => boolean, options: SubscriberOptions = {}): void {
    if (this.closed) {
      socket.close(CLOSE_CODES.goingAway, 'hub shutting down');
      return;
    }
    const subscriber: Subscriber = { socket, stillAllowed, alive: true, deviceId: options.deviceId ?? null, notices: new Set(options.notices ?? []), commands: options.commands ?? false };
    if (since !== undefined) this.catchUp(subscriber, since);
    this.subscribers.add(subscriber);
    if (subscriber.deviceId !== null) this.links.add(subscriber.deviceId, subscriber);
    socket.on('pong', () => {
      subscriber.alive = true;
    });
    socket.on('close', () => this.forget(subscriber));
    socket.on('error', (error) => {
      this.logger.debug({ err: error }, 'event subscriber socket error');
      this.forget(subscriber);
    });
    // Clients only listen; anything they send is ignored.
  }

  /** Whether the device has a live event link now, and since when it has not. */
  liveness(deviceId: number): DeviceLiveness {
    return this.links.liveness(deviceId);
  }

  /**
   * Things of a topic changed (devices or their alerts; applications): the subscribers that asked
   * for its notices get one {"type":"notice.TOPIC"} for a burst of changes (no seq, never replayed,
   * never stored).
   */
  notice(topic: NoticeTopic): void {
    if (this.closed || this.pendingNotices.has(topic)) return;
    const pending = setTimeout(() => {
      this.pendingNotices.delete(topic);
      const notice: NoticeMessage = { type: `notice.${topic}`, at: this.now().toISOString() };
      const text = Buffer.from(JSON.stringify(notice));
      for (const subscriber of this.subscribers) if (subscriber.notices.has(topic)) this.send(subscriber, text);
    }, NOTICE_COALESCE_MS);
    pending.unref();
    this.pendingNotices.set(topic, pending);
  }

  /** Writes a message on the device's newest link that takes commands; false when it has none. */
  private sendToDevice(deviceId: number, message: string): boolean {
    const subscriber = this.links.newest(deviceId, (link) => link.commands && link.socket.readyState === link.socket.OPEN);
    if (!subscriber) return false;
    this.send(subscriber, message);
    return true;
  }

  /** The subscriber is gone (closed, failed or dropped): no more writes, and its device may have lost its link. */
  private forget(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    if (subscriber.deviceId !== null) this.links.remove(subscriber.deviceId, subscriber);
  }

  /**
   * The events of one change go out to each subscriber in one write (one TCP segment when small),
   * so a station applies "finished A001" and "called A002" together and never shows the counter
   * empty in between.
   */
  publish(events: readonly QueueEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (error) {
        this.logger.error({ err: error }, 'an event listener failed');
      }
    }
    // Encoded once: given a string, ws would encode it again for every subscriber.
    const messages = events.map((event) => Buffer.from(JSON.stringify(event)));
    for (const subscriber of this.subscribers) {
      const stream = transportOf(subscriber.socket);
      stream?.cork();
      for (const message of messages) this.send(subscriber, message);
      stream?.uncork();
    }
  }

  /**
   * Calls `listener` with every published batch, in the hub's process (the citizens' ticket feeds
   * derive their own messages from it). Returns the function that stops it. A listener that throws
   * is logged and does not stop the others nor the subscribers.
   */
  listen(listener: (events: readonly QueueEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.closed = true;
    this.listeners.clear();
    clearInterval(this.timer);
    for (const pending of this.pendingNotices.values()) clearTimeout(pending);
    this.pendingNotices.clear();
    this.commands.close();
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

  /** A text frame; a Buffer is sent as it is (the UTF-8 of the JSON), a string is encoded first. */
  private send(subscriber: Subscriber, message: string | Buffer): void {
    const { socket } = subscriber;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      this.drop(subscriber, CLOSE_CODES.slowConsumer, 'slow consumer: reconnect with ?since=');
      return;
    }
    socket.send(message, { binary: false });
  }

  /** Stops writing to a subscriber and frees its buffer: a close frame, then a hard close if it does not go. */
  private drop(subscriber: Subscriber, code: number, reason: string): void {
    this.forget(subscriber);
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
    const text = Buffer.from(JSON.stringify(message));
    for (const subscriber of this.subscribers) {
      if (!subscriber.alive) {
        this.forget(subscriber);
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
