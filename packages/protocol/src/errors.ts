/**
 * Every error the hub answers with: a stable code, its HTTP status. Stations switch on the code,
 * never on the message. Body: {"error": {"code", "message"}}.
 */
export const ERROR_STATUS = {
  // the request itself
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.upgrade_required': 426,
  'route.not_found': 404,
  // who is calling
  'auth.missing_token': 401,
  'auth.invalid_token': 401,
  'auth.invalid_credentials': 401,
  'auth.too_many_attempts': 429,
  'auth.forbidden': 403,
  'auth.csrf_failed': 403,
  // configuration and the queue (codes of @qms/core's DomainError)
  'config.invalid': 400,
  'service.not_found': 404,
  'service.inactive': 409,
  'service.closed': 409,
  'service.range_exhausted': 409,
  'service.prefix_conflict': 409,
  'service.code_taken': 409,
  'counter.not_found': 404,
  'counter.paused': 409,
  'counter.number_taken': 409,
  'counter.not_yours': 403,
  'ticket.not_found': 404,
  'ticket.wrong_state': 409,
  'ticket.same_service': 409,
  'ticket.recall_first': 409,
  'ticket.too_many_feeds': 429,
  'ticket.requeue_closed': 409,
  'rating.invalid_score': 400,
  'rating.already_given': 409,
  'rating.closed': 409,
  // the procedures catalogue
  'procedure.invalid': 400,
  'procedure.not_found': 404,
  'procedure.code_taken': 409,
  'procedure.inactive': 409,
  'procedure.import_invalid': 400,
  // applications (hồ sơ)
  'application.not_found': 404,
  'application.wrong_transition': 409,
  'application.too_many_lookups': 429,
  'application.finished': 409,
  'application.extension_invalid': 400,
  'application.not_ready': 409,
  'application.pickup_off': 409,
  // people and devices
  'user.not_found': 404,
  'user.exists': 409,
  'user.last_admin': 409,
  'device.not_found': 404,
  'device.pairing_not_found': 404,
  'device.pairing_expired': 410,
  'device.pairing_refused': 403,
  'device.too_many_pending': 429,
  'device.wrong_state': 409,
  'device.counter_required': 400,
  'device.zone_not_applicable': 400,
  // commands to a station (a station's own failure is passed on as a 502 with the station's code)
  'device.offline': 409,
  'device.not_answering': 504,
  'device.command_unsupported': 400,
  'device.command_not_found': 404,
  'device.invalid_answer': 502,
  // citizens' feedback
  'feedback.too_many': 429,
  'feedback.not_found': 404,
  // the hub
  'backup.not_found': 404,
  'hub.unavailable': 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, value);
}
