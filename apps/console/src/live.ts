/** What the console follows on the hub's live feed. */
export type LiveTopic = 'queue' | 'config' | 'devices' | 'applications';

/**
 * The hub's live feed for the console: the event WebSocket (signed in by the session cookie) with
 * the notices of devices and applications. Pages do not keep a copy of the event log: they re-read what
 * they show when a topic moves, and after every reconnect (they may have missed something).
 */
export class LiveFeed {
  private socket: WebSocket | null = null;
  private readonly listeners = new Map<LiveTopic, Set<() => void>>();
  private readonly stateListeners = new Set<(connected: boolean) => void>();
  private retryMs = 500;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  connected = false;

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  /** Calls `listener` when the topic moves; returns the unsubscribe. */
  on(topic: LiveTopic, listener: () => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private emit(topic: LiveTopic): void {
    for (const listener of this.listeners.get(topic) ?? []) listener();
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    for (const listener of this.stateListeners) listener(connected);
  }

  private open(): void {
    const url = new URL('/api/events?notices=devices,applications', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
      this.setConnected(true);
      // Anything may have moved while the feed was down.
      for (const topic of this.listeners.keys()) this.emit(topic);
    };
    socket.onmessage = (message) => {
      let type = '';
      try {
        type = String((JSON.parse(String(message.data)) as { type?: unknown }).type ?? '');
      } catch {
        return;
      }
      if (type.startsWith('ticket.') || type.startsWith('counter.') || type === 'day.closed') this.emit('queue');
      else if (type === 'config.changed') {
        this.emit('config');
        this.emit('queue');
      } else if (type === 'resync') this.emit('queue');
      else if (type === 'notice.devices') this.emit('devices');
      else if (type === 'notice.applications') this.emit('applications');
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setConnected(false);
      if (this.stopped) return;
      this.timer = setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5_000);
    };
  }
}
