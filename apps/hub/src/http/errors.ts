import { isDomainError } from '@qms/core';
import { type ErrorBody, type ErrorCode, statusOf } from '@qms/protocol';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError } from '../api-error.js';
import { describeValidationError } from './validation.js';

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

/** Fastify's own request errors, by their code, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_VALIDATION: 'request.invalid',
};

/**
 * Every failure leaves as {"error": {"code", "message"}} with the status of its code. Bad input is
 * a 4xx; only a bug is a 500, and its details go to the log, not to the caller.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      if (error.headers) void reply.headers(error.headers);
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
    }
    if (isDomainError(error)) {
      return reply.code(statusOf(error.code)).send(errorBody(error.code, error.message, error.details));
    }
    if (error.validation) {
      const message = describeValidationError(error.validationContext ?? 'request', error.validation);
      return reply.code(400).send(errorBody('request.invalid', message));
    }
    const code = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (code) return reply.code(statusOf(code)).send(errorBody(code, error.message));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('request.invalid', error.message));
    }
    request.log.error({ err: error, route: request.routeOptions.url }, 'unexpected error');
    return reply.code(500).send(errorBody('internal', 'the hub failed on this request; the details are in its log'));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return reply.code(404).send(errorBody('route.not_found', `no route ${request.method} ${path}`));
  });
}
