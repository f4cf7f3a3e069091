import { DOMAIN_ERROR_CODES, DomainError, type DomainErrorCode, type QueueEvent } from '@qms/core';
import type { OperationName } from './operations.js';

/** Main thread → queue worker: one change to run, stamped with the instant it happens. */
export interface Command {
  id: number;
  op: OperationName;
  args: unknown[];
  /** ISO instant: the main thread's clock is the only clock (tests move it). */
  at: string;
}

export interface SerializedError {
  domain: boolean;
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export type Result = { id: number; ok: true; value: unknown; events: QueueEvent[] } | { id: number; ok: false; error: SerializedError };

/** Queue worker → main thread: results in the order the changes ran, all of them already on disk. */
export interface ResultBatch {
  type: 'results';
  results: Result[];
  /** fdatasync calls so far (the group-commit ratio). */
  syncs: number;
}

export type WorkerMessage = ResultBatch | { type: 'ready' } | { type: 'log'; level: 'error' | 'warn'; message: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DomainError) return { domain: true, code: error.code, message: error.message, details: error.details };
  const failure = error as { message?: string; code?: string };
  return { domain: false, code: failure.code ?? 'internal', message: failure.message ?? String(error) };
}

/** The error as the main thread throws it: a DomainError again, or a plain Error for a fault. */
export function deserializeError(error: SerializedError): Error {
  if (error.domain && (DOMAIN_ERROR_CODES as readonly string[]).includes(error.code)) {
    return new DomainError(error.code as DomainErrorCode, error.message, error.details);
  }
  return Object.assign(new Error(error.message), { code: error.code });
}
