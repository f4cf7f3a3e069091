import type { BridgeMessage, BridgeMethod, BridgeMethods, BridgeRequest, KioskView } from './contract.js';
import { BridgeFailure } from './bridge-failure.js';

/** Where the view comes from: the current one, and a 'view' event on every change. */
export interface ViewSource {
  view(): KioskView;
  on(event: 'view', listener: (view: KioskView) => void): unknown;
}

export type BridgeHandlers = { [M in BridgeMethod]: (params: BridgeMethods[M]['params']) => Promise<BridgeMethods[M]['result']> | BridgeMethods[M]['result'] };

/**
 * Answers the renderer's calls, whichever transport brought them (WebSocket or Electron IPC).
 * A refusal keeps its stable code; anything unexpected becomes `station.internal` and is logged.
 */
export class BridgeDispatcher {
  constructor(
    private readonly handlers: BridgeHandlers,
    private readonly log?: (level: 'info' | 'warn', message: string) => void,
  ) {}

  async handle(request: BridgeRequest): Promise<BridgeMessage> {
    const id = typeof request?.id === 'number' ? request.id : -1;
    const handler = Object.hasOwn(this.handlers, request?.method) ? (this.handlers[request.method] as (params: unknown) => unknown) : undefined;
    if (!handler) return { type: 'reply', id, ok: false, error: { code: 'request.unknown_method', message: `no bridge method "${String(request?.method)}"` } };
    try {
      const result = await handler(request.params ?? {});
      return { type: 'reply', id, ok: true, result: result ?? null };
    } catch (error) {
      if (error instanceof BridgeFailure) return { type: 'reply', id, ok: false, error: { code: error.code, message: error.message } };
      this.log?.('warn', `bridge ${request.method} failed: ${(error as Error).stack ?? String(error)}`);
      return { type: 'reply', id, ok: false, error: { code: 'station.internal', message: (error as Error).message } };
    }
  }
}
