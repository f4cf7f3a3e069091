import { type Static, Type } from '@sinclair/typebox';
import { FEEDBACK_STATUSES, FEEDBACK_TEXT_MAX, FEEDBACK_TEXT_MIN } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';

// ---- citizens' feedback (góp ý): left at the centre without signing in, answered by an administrator

export const FeedbackStatusSchema = literalUnion(FEEDBACK_STATUSES, 'new, then in_progress, then answered (an administrator may move it back)');
const FeedbackText = Type.String({ maxLength: 4 * FEEDBACK_TEXT_MAX, description: `${FEEDBACK_TEXT_MIN} to ${FEEDBACK_TEXT_MAX} characters once trimmed; kept and shown as plain text` });
export const FeedbackBody = Type.Object(
  {
    text: FeedbackText,
    phone: Type.Optional(Type.String({ maxLength: 32, description: 'for a call back: 0 and 9 to 10 digits, or +84 and 9 to 10 digits (spaces, dots and dashes allowed)' })),
    counterNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 999, description: 'the counter it is about' })),
    about: Type.Optional(Type.String({ maxLength: 120, description: 'what it is about, in a few words: a procedure, a ticket number' })),
  },
  { additionalProperties: false },
);
export const FeedbackCreated = Type.Object({ id: Id });
export const FeedbackSchema = Type.Object({
  id: Id,
  text: Type.String(),
  phone: Nullable(Type.String()),
  counterNumber: Nullable(Type.Integer()),
  about: Nullable(Type.String()),
  status: FeedbackStatusSchema,
  reply: Nullable(Type.String(), "the centre's answer"),
  createdAt: Instant,
  updatedAt: Nullable(Instant),
  updatedBy: Nullable(Type.String(), 'who last changed it, by the name they had then'),
});
export type FeedbackDto = Static<typeof FeedbackSchema>;
export const FeedbackQuery = Type.Object(
  {
    status: Type.Optional(FeedbackStatusSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the id of the oldest item already shown (the previous page next)' })),
  },
  { additionalProperties: false },
);
export const FeedbackPage = Type.Object({
  entries: Type.Array(FeedbackSchema, { description: 'newest first' }),
  next: Nullable(Type.Integer(), 'pass it as ?before= for the older items; null when there are none'),
});
export const FeedbackPatchBody = Type.Object(
  {
    status: FeedbackStatusSchema,
    reply: Type.Optional(Type.String({ maxLength: FEEDBACK_TEXT_MAX, description: 'the answer; an empty text removes it, no field keeps it' })),
  },
  { additionalProperties: false },
);
