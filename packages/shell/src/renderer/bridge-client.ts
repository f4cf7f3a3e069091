import {
  BRIDGE_ERRORS,
  BRIDGE_PATH,
  type BridgeMessage,
  type BridgeReply,
  type BridgeTransport,
  type MethodMap,
  PRELOAD_KEY,
  type StationBridge,
  type StationView,
  VIEW_DRAWN,
} from '@qms/station/contract';

/** A refusal from the station agent (or the hub behind it), with its stable code. */
export class BridgeCallError extends Error {
  override readonly name = 'BridgeCallError';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The stable code of a failed call. */
export function errorCode(error: unknown): string {
  return error instanceof BridgeCallError ? error.code : BRIDGE_ERRORS.internal;
}

/** Results come back as results; refusals are thrown as BridgeCallError with their code. */
export function bridgeOver<View, Methods extends MethodMap>(transport: BridgeTransport<View>): StationBridge<View, Methods> {
  return {
    onView: (listener) => transport.onView(listener),
    async call(method, params) {
      const reply = await transport.invoke(method, params);
      if (reply.ok) return reply.result as never;
      throw new BridgeCallError(reply.error.code, reply.error.message);
    },
  };
}

/**
 * The transport over the agent's WebSocket (a station beside Chromium). It says when it has handed
 * each view to the screen (the agent sends no more until then: see ViewPacer). It reconnects by itself;
 * while it is down, `onDown` is told (the screen shows 'starting': the agent is the one thing a
 * station cannot work without) and calls fail with `bridge.closed`.
 */
export class WebSocketTransport<View> implements BridgeTransport<View> {
  private socket: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (reply: BridgeReply) => void>();
  private readonly listeners = new Set<(view: StationView<View>) => void>();
  private last: StationView<View> | undefined;

  constructor(
    private readonly url: string,
    private readonly onDown?: () => void,
  ) {
    this.connect();
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as BridgeMessage<View>;
      if (message.type === 'view') {
        this.last = message.view;
        try {
          for (const listener of this.listeners) listener(message.view);
        } finally {
          // Drawn: the agent may send the next (the newest by then).
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(VIEW_DRAWN));
        }
        return;
      }
      const settle = this.pending.get(message.id);
      this.pending.delete(message.id);
      settle?.(message);
    };
    socket.onclose = () => {
      for (const [id, settle] of this.pending) settle(closed(id, 'the station agent went away'));
      this.pending.clear();
      this.onDown?.();
      setTimeout(() => this.connect(), 500);
    };
  }

  onView(listener: (view: StationView<View>) => void): () => void {
    this.listeners.add(listener);
    if (this.last) listener(this.last);
    return () => this.listeners.delete(listener);
  }

  invoke(method: string, params: unknown): Promise<BridgeReply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      if (this.socket?.readyState !== WebSocket.OPEN) return resolve(closed(id, 'the station agent is not connected'));
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }
}

const closed = (id: number, message: string): BridgeReply => ({ type: 'reply', id, ok: false, error: { code: BRIDGE_ERRORS.closed, message } });

declare global {
  interface Window {
    /** Set by Electron's preload (@qms/shell/preload); absent in a plain browser. */
    [PRELOAD_KEY]?: BridgeTransport<unknown>;
  }
}

/**
 * The station's bridge, whichever way this page runs: over IPC in Electron (the preload's
 * transport), or over the agent's WebSocket in Chromium. `onAgentDown` is told when the WebSocket
 * agent goes away (the next view says it is back).
 */
export function connectStation<View, Methods extends MethodMap>(onAgentDown: () => void = () => undefined): StationBridge<View, Methods> {
  const preload = window[PRELOAD_KEY] as BridgeTransport<View> | undefined;
  return bridgeOver<View, Methods>(preload ?? new WebSocketTransport<View>(`ws://${location.host}${BRIDGE_PATH}`, onAgentDown));
}
