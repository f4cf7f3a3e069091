import { BRIDGE_PATH, type BridgeMessage, type BridgeMethod, type BridgeMethods, type KioskView, type StationBridge } from '@qms/station/contract';

/** A refusal from the station agent, with its stable code. */
export class BridgeCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The stable code of a failed call: from the WebSocket bridge's error, or leading the message (Electron's IPC keeps only messages). */
export function errorCode(error: unknown): string {
  if (error instanceof BridgeCallError) return error.code;
  return /^([a-z_]+\.[a-z_.]+): /.exec((error as Error | undefined)?.message ?? '')?.[1] ?? 'station.internal';
}

declare global {
  interface Window {
    /** Set by Electron's preload; absent in a plain browser. */
    qmsStation?: StationBridge;
  }
}

/**
 * The bridge over the agent's WebSocket (the kiosk beside Chromium). It reconnects by itself;
 * while it is down, the screen shows 'reconnecting' (the agent is the one thing the kiosk cannot
 * work without).
 */
class WebSocketBridge implements StationBridge {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private readonly listeners = new Set<(view: KioskView) => void>();
  private last: KioskView | undefined;
  onDisconnect: (() => void) | undefined;

  constructor(private readonly url: string) {
    this.connect();
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as BridgeMessage;
      if (message.type === 'view') {
        this.last = message.view;
        for (const listener of this.listeners) listener(message.view);
        return;
      }
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new BridgeCallError(message.error.code, message.error.message));
    };
    socket.onclose = () => {
      for (const waiter of this.pending.values()) waiter.reject(new BridgeCallError('bridge.closed', 'the kiosk agent went away'));
      this.pending.clear();
      this.onDisconnect?.();
      setTimeout(() => this.connect(), 500);
    };
  }

  onView(listener: (view: KioskView) => void): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    return () => this.listeners.delete(listener);
  }

  call<M extends BridgeMethod>(method: M, params: BridgeMethods[M]['params']): Promise<BridgeMethods[M]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.socket?.readyState !== WebSocket.OPEN) {
        reject(new BridgeCallError('bridge.closed', 'the kiosk agent is not connected'));
        return;
      }
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

export function connectBridge(onDisconnect: () => void): StationBridge {
  if (window.qmsStation) return window.qmsStation;
  const bridge = new WebSocketBridge(`ws://${location.host}${BRIDGE_PATH}`);
  bridge.onDisconnect = onDisconnect;
  return bridge;
}
