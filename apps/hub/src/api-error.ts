import { type ErrorCode, statusOf } from '@qms/protocol';

/** An error the hub answers with its stable code and HTTP status (see @qms/protocol's ERROR_STATUS). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  get statusCode(): number {
    return statusOf(this.code);
  }
}
