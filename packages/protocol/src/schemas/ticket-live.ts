import { type Static, Type } from '@sinclair/typebox';
import { Nullable } from './common.js';
import { TicketStatusSchema } from './queue.js';

// ---- the live feed of one ticket, for the page its QR code opens on a citizen's phone (no sign-in)

export const TicketLiveQuery = Type.Object(
  { label: Type.String({ maxLength: 16, description: "the ticket's label, as printed (A001): with the id it opens the feed, a wrong pair is 404 ticket.not_found" }) },
  { additionalProperties: false },
);

const Words = Type.Object({ vi: Type.String(), en: Type.String() });

/** What the ticket's feed sends: this ticket only, nothing about the person or other tickets. */
export const TicketLiveMessageSchema = Type.Object({
  type: Type.Literal('ticket'),
  label: Type.String(),
  status: TicketStatusSchema,
  service: Type.Object({ vi: Type.String(), en: Type.String() }, { description: 'the service it waits for now (a transfer changes it)' }),
  ahead: Nullable(Type.Integer({ minimum: 0 }), 'people ahead while waiting, else null'),
  estimatedWaitSeconds: Nullable(Type.Number({ minimum: 0 }), 'while waiting; null when unknown'),
  counter: Nullable(Type.Integer(), "the counter's number when called or being served, else null"),
  call: Nullable(Type.String(), 'changes with each call and recall (null unless called): ring once per value'),
  lines: Type.Array(Words, { description: 'what the page says, Vietnamese and English' }),
});
export type TicketLiveMessage = Static<typeof TicketLiveMessageSchema>;
