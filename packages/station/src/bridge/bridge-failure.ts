import type { BridgeError } from './contract.js';

/** A refusal the renderer shows: a stable code and a message (in English; the screen words it in vi/en by code). */
export class BridgeFailure extends Error implements BridgeError {
  override readonly name = 'BridgeFailure';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
