/**
 * Errors of the domain. Every rule that refuses something throws a DomainError with a stable
 * code; the hub maps the code to an HTTP status (see @qms/protocol), the UI to a translated text.
 */
export const DOMAIN_ERROR_CODES = [
  'config.invalid',
  'service.not_found',
  'service.inactive',
  'service.closed',
  'service.range_exhausted',
  'service.prefix_conflict',
  'service.code_taken',
  'counter.not_found',
  'counter.paused',
  'counter.number_taken',
  'counter.not_yours',
  'ticket.not_found',
  'ticket.wrong_state',
  'ticket.same_service',
  'ticket.recall_first',
  'ticket.requeue_closed',
  'rating.invalid_score',
  'rating.already_given',
  'rating.closed',
  'procedure.invalid',
  'procedure.not_found',
  'procedure.code_taken',
  'procedure.import_invalid',
  'application.not_found',
  'application.wrong_transition',
  'application.finished',
  'application.extension_invalid',
  'application.not_ready',
  'application.pickup_off',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
