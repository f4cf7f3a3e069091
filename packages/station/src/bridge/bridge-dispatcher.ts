import { BridgeFailure } from './bridge-failure.js';
import { BRIDGE_ERRORS, type BridgeReply, type MethodMap, type StationView } from './contract.js';

/** Where the view comes from: the current one, and a 'view' event when it changed (read it with view()). */
export interface ViewSource<View> {
  view(): StationView<View>;
  on(event: 'view', listener: () => void): unknown;
}

/** One handler per method of a station's contract. Each checks its own input (it comes from a page). */
export type BridgeHandlers<Methods extends MethodMap> = {
  [M in keyof Methods]: (params: Methods[M]['params']) => Promise<Methods[M]['result']> | Methods[M]['result'];
};

export type StationLog = (level: 'info' | 'warn', message: string) => void;

/**
 * Answers the renderer's calls, whichever transport brought them (WebSocket or Electron IPC).
 * A refusal keeps its stable code; anything unexpected becomes `station.internal` and is logged.
 */
export class BridgeDispatcher<Methods extends MethodMap> {
  constructor(
    private readonly handlers: BridgeHandlers<Methods>,
    private readonly log?: StationLog,
  ) {}

  async handle(request: { id?: unknown; method?: unknown; params?: unknown }): Promise<BridgeReply> {
    const id = typeof request?.id === 'number' ? request.id : -1;
    const method = request?.method;
    const handler = typeof method === 'string' && Object.hasOwn(this.handlers, method) ? (this.handlers[method] as (params: unknown) => unknown) : undefined;
    if (!handler) return { type: 'reply', id, ok: false, error: { code: BRIDGE_ERRORS.unknownMethod, message: `no bridge method "${String(method)}"` } };
    const params = request.params ?? {};
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      return { type: 'reply', id, ok: false, error: { code: BRIDGE_ERRORS.invalid, message: 'params must be an object' } };
    }
    try {
      const result = await handler(params);
      return { type: 'reply', id, ok: true, result: result ?? null };
    } catch (error) {
      if (error instanceof BridgeFailure) return { type: 'reply', id, ok: false, error: { code: error.code, message: error.message } };
      this.log?.('warn', `bridge ${String(method)} failed: ${(error as Error).stack ?? String(error)}`);
      return { type: 'reply', id, ok: false, error: { code: BRIDGE_ERRORS.internal, message: (error as Error).message } };
    }
  }
}
