import { type Static, Type } from '@sinclair/typebox';
import { AUDIT_ACTIONS, AUDIT_ACTOR_TYPES, AUDIT_GROUP_NAMES } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';

// ---- audit log

export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the id of the oldest entry already shown (the previous page next)' })),
    day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "YYYY-MM-DD: only the entries of this business day (midnight to midnight in the centre's time zone)" })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'only the entries of this actor: the name recorded (display name, station name), or a user name' })),
    action: Type.Optional(
      literalUnion([...AUDIT_ACTIONS, ...AUDIT_GROUP_NAMES], 'one action, or a group: ticket., counter., user., device., config. (services, counters, settings, procedures), procedure. ...'),
    ),
  },
  { additionalProperties: false },
);
export const AuditEntrySchema = Type.Object({
  id: Id,
  at: Instant,
  actor: Type.Object({ type: literalUnion(AUDIT_ACTOR_TYPES), id: Nullable(Type.Integer()), name: Type.String({ description: 'as it was then' }) }),
  action: literalUnion(AUDIT_ACTIONS),
  ticketId: Nullable(Type.Integer()),
  counterId: Nullable(Type.Integer()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntryDto = Static<typeof AuditEntrySchema>;
export const AuditPage = Type.Object({
  entries: Type.Array(AuditEntrySchema, { description: 'newest first' }),
  next: Nullable(Type.Integer(), 'pass it as ?before= for the older entries; null when there are none'),
});
