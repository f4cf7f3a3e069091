import { type Cancel, systemClock, type TimerClock } from '@qms/core';
import { type CommandMessage, type EventMessage, NOTICE_TOPICS, type NoticeMessage, type NoticeTopic, type QueueEvent, type StateDto } from '@qms/protocol';
import WebSocket from 'ws';
import type { HubClient } from './hub-client.js';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface EventStreamHandlers {
  /** The full picture: at start, after every resync and reload(). Events that follow continue from its seq. */
  onSnapshot?(state: StateDto): void;
  /** Each event once, in seq order, with no gap. */
  onEvent?(event: QueueEvent): void;
  onStatus?(status: StreamStatus): void;
  onError?(error: Error): void;
  /** A notice (asked for with the `notices` option): no seq, not in order with the events, never replayed. */
  onNotice?(notice: NoticeMessage): void;
  /** A technician's command to this station (asked for with the `commands` option). */
  onCommand?(command: CommandMessage): void;
}

export interface EventStreamOptions {
  /** Start after this seq instead of fetching a snapshot first. */
  since?: number;
  /** No message (heartbeats included) for this long means the link is dead. */
  silenceMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Schedules the silence and reconnection timers (a FakeClock in tests). */
  clock?: TimerClock;
  /** Also receive notices of these topics (technicians and admins only: the hub refuses others). */
  notices?: NoticeTopic | readonly NoticeTopic[];
  /** A station: receive technicians' commands on this link. */
  commands?: boolean;
}

/** A message outside the seq'd events: a notice or a command. Unknown ones are ignored, never a reason to resync. */
function isOutOfBand(message: { type: string }): message is NoticeMessage | CommandMessage {
  return message.type.startsWith('notice.') || message.type === 'command';
}

/**
 * A live feed that survives the network: it reconnects with ?since= the last seq it handled, drops
 * duplicates, and on a resync (or a gap it cannot explain) reloads /api/state. The caller sees a
 * snapshot, then every later event exactly once and in order.
 */
export class EventStream {
  private socket: WebSocket | undefined;
  private lastSeq: number | undefined;
  private backoffMs: number;
  private cancelSilence: Cancel | undefined;
  private cancelRetry: Cancel | undefined;
  private stopped = false;
  private status: StreamStatus = 'connecting';
  /** Messages (and reloads) are handled one after another, also across an awaited snapshot. */
  private queue: Promise<void> = Promise.resolve();
  /** Tasks queued and not yet done. */
  private outstanding = 0;
  /** A reload waiting its turn in the queue: later calls share it. */
  private pendingReload: Promise<void> | undefined;
  private readonly clock: TimerClock;

  constructor(
    private readonly client: HubClient,
    private readonly handlers: EventStreamHandlers,
    private readonly options: EventStreamOptions = {},
  ) {
    this.lastSeq = options.since;
    this.backoffMs = options.minBackoffMs ?? 200;
    this.clock = options.clock ?? systemClock;
  }

  /** Starts the feed; resolves once the first connection is open. */
  async start(): Promise<void> {
    if (this.lastSeq === undefined) await this.snapshot();
    await this.connect();
  }

  get seq(): number | undefined {
    return this.lastSeq;
  }

  /**
   * Fetches /api/state in line with the events: those arriving meanwhile wait, those the snapshot
   * already holds are skipped, the rest follow it. Calls made before the fetch begins share it.
   * Rejects when the hub does not answer; the feed goes on either way.
   */
  reload(): Promise<void> {
    if (this.pendingReload) return this.pendingReload;
    const reload = this.enqueue(async () => {
      this.pendingReload = undefined;
      await this.snapshot();
    });
    this.pendingReload = reload;
    return reload;
  }

  close(): void {
    this.stopped = true;
    this.cancelSilence?.();
    this.cancelRetry?.();
    this.socket?.close();
    this.setStatus('closed');
  }

  private setStatus(status: StreamStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.handlers.onStatus?.(status);
  }

  private async snapshot(): Promise<void> {
    const state = await this.client.state();
    this.lastSeq = state.seq;
    this.handlers.onSnapshot?.(state);
  }

  private connect(): Promise<void> {
    return new Promise((resolve) => {
      const url = new URL('/api/events', this.client.baseUrl.replace(/^http/, 'ws'));
      if (this.lastSeq !== undefined) url.searchParams.set('since', String(this.lastSeq));
      const notices = this.options.notices;
      if (notices && notices.length > 0) url.searchParams.set('notices', typeof notices === 'string' ? notices : notices.join(','));
      if (this.options.commands) url.searchParams.set('commands', 'true');
      const socket = new WebSocket(url, { headers: this.client.token ? { authorization: `Bearer ${this.client.token}` } : {} });
      this.socket = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.backoffMs = this.options.minBackoffMs ?? 200;
        this.setStatus('live');
        this.armSilenceTimer();
        resolve();
      });
      socket.on('message', (data) => {
        this.armSilenceTimer();
        const message = JSON.parse(String(data)) as EventMessage | NoticeMessage | CommandMessage;
        if (isOutOfBand(message)) return this.outOfBand(message);
        // With nothing waiting in the queue, an event in order is handled at once: the events of one
        // change, read together, reach the caller in the same turn (a screen never sees half a change).
        if (this.outstanding === 0) {
          try {
            if (this.handleInOrder(message)) return;
          } catch (error) {
            return this.handlers.onError?.(error as Error);
          }
        }
        void this.enqueue(() => this.handle(message)).catch((error: unknown) => this.handlers.onError?.(error as Error));
      });
      socket.on('error', (error) => this.handlers.onError?.(error));
      socket.on('close', () => {
        if (!opened) resolve();
        if (this.socket === socket) this.scheduleReconnect();
      });
    });
  }

  /** Notices and commands go to their handler at once (not behind a snapshot being fetched); unasked ones are dropped. */
  private outOfBand(message: NoticeMessage | CommandMessage): void {
    try {
      if (message.type === 'command') this.handlers.onCommand?.(message);
      else if (NOTICE_TOPICS.some((topic) => message.type === `notice.${topic}`)) this.handlers.onNotice?.(message);
    } catch (error) {
      this.handlers.onError?.(error as Error);
    }
  }

  /** Runs `task` after everything queued before it; a failure is the caller's and does not stop the queue. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    this.outstanding += 1;
    const run = this.queue.then(task).finally(() => (this.outstanding -= 1));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async handle(message: EventMessage): Promise<void> {
    if (!this.handleInOrder(message)) await this.resync();
  }

  /** Handles a message that needs nothing from the hub; false for a resync, or a gap it cannot explain. */
  private handleInOrder(message: EventMessage): boolean {
    if (message.type === 'heartbeat') return true;
    if (message.type === 'resync') return false;
    if (this.lastSeq !== undefined && message.seq <= this.lastSeq) return true; // already handled
    if (this.lastSeq !== undefined && message.seq !== this.lastSeq + 1) return false;
    this.lastSeq = message.seq;
    this.handlers.onEvent?.(message);
    return true;
  }

  private async resync(): Promise<void> {
    try {
      await this.snapshot();
    } catch (error) {
      this.handlers.onError?.(error as Error);
      this.socket?.terminate();
    }
  }

  private armSilenceTimer(): void {
    this.cancelSilence?.();
    this.cancelSilence = this.clock.schedule(this.options.silenceMs ?? 40_000, () => this.socket?.terminate(), { background: true });
  }

  private scheduleReconnect(): void {
    this.cancelSilence?.();
    if (this.stopped) return;
    this.setStatus('reconnecting');
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs ?? 5_000);
    this.cancelRetry = this.clock.schedule(delay, () => void this.connect());
  }
}
