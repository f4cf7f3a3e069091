import { type Static, Type } from '@sinclair/typebox';
import { COUNTER_STATUSES, DEVICE_KINDS, PAUSE_REASONS, PRIORITIES, RATING_LEVELS_MAX, ROLES, TICKET_STATUSES } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';

// ---- the queue: tickets, services, counters, the state, and the requests that change them

export const PrioritySchema = literalUnion(PRIORITIES, 'any class but normal is served before normal tickets');
export const TicketStatusSchema = literalUnion(TICKET_STATUSES);
export const RoleSchema = literalUnion(ROLES);
export const DeviceKindSchema = literalUnion(DEVICE_KINDS);
export const CounterStatusSchema = literalUnion(COUNTER_STATUSES);
export const PauseReasonSchema = literalUnion(PAUSE_REASONS, 'why the counter is paused');

export const RatingSchema = Type.Object({
  score: Type.Integer({ minimum: 1, maximum: RATING_LEVELS_MAX, description: 'from 1 to the levels of the scale; the highest is the best' }),
  at: Instant,
});
export type RatingDto = Static<typeof RatingSchema>;

export const TicketSchema = Type.Object(
  {
    id: Id,
    label: Type.String({ description: 'prefix + zero-padded number, e.g. A001' }),
    number: Type.Integer(),
    serviceId: Id,
    issueServiceId: Type.Integer({ description: 'the service whose numbering gave the label' }),
    priority: PrioritySchema,
    status: TicketStatusSchema,
    counterId: Nullable(Type.Integer()),
    businessDay: Type.String({ description: 'YYYY-MM-DD in the centre time zone' }),
    issuedAt: Instant,
    calledAt: Nullable(Instant),
    startedAt: Nullable(Instant),
    finishedAt: Nullable(Instant),
    recallCount: Type.Integer(),
    transferCount: Type.Integer(),
    servedBy: Nullable(
      Type.Integer(),
      'the id of the user (clerk) who served it: who called it, or who last started or finished it; null before a call, when a station without a signed-in clerk acted, and once it waits again (transfer, requeue)',
    ),
    ahead: Type.Optional(Type.Integer({ description: 'waiting tickets called before this one' })),
    estimatedWaitSeconds: Type.Optional(Nullable(Type.Integer())),
    rating: Type.Optional(Nullable(RatingSchema, 'the citizen rating (GET /api/tickets/{id} and the rating answer); null before one is given')),
  },
  { $id: 'Ticket' },
);
export type TicketDto = Static<typeof TicketSchema>;

export const OpeningPeriodSchema = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, description: 'ISO weekdays, 1 = Monday' }),
    open: Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' }),
    close: Type.String({ pattern: '^([01][0-9]|2[0-4]):[0-5][0-9]$' }),
  },
  { additionalProperties: false },
);

const serviceFields = {
  code: Type.String({ minLength: 1, maxLength: 32 }),
  name: Type.String({ minLength: 1, maxLength: 120, description: 'Vietnamese name' }),
  nameEn: Type.String({ minLength: 1, maxLength: 120 }),
  prefix: Type.String({ minLength: 1, maxLength: 3 }),
  rangeStart: Type.Integer({ minimum: 0, maximum: 99_999 }),
  rangeEnd: Type.Integer({ minimum: 0, maximum: 99_999 }),
  openingHours: Type.Array(OpeningPeriodSchema, { maxItems: 32 }),
  active: Type.Boolean(),
  position: Type.Integer({ minimum: 0, maximum: 10_000 }),
  defaultServiceSeconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
};

export const ServiceSchema = Type.Object({ id: Id, ...serviceFields }, { $id: 'Service' });
export type ServiceDto = Static<typeof ServiceSchema>;
export const ServiceCreateSchema = Type.Object(
  {
    ...serviceFields,
    openingHours: Type.Optional(serviceFields.openingHours),
    active: Type.Optional(serviceFields.active),
    position: Type.Optional(serviceFields.position),
    defaultServiceSeconds: Type.Optional(serviceFields.defaultServiceSeconds),
  },
  { additionalProperties: false },
);
export const ServicePatchSchema = Type.Partial(Type.Object(serviceFields), { additionalProperties: false, minProperties: 1 });

const counterFields = {
  number: Type.Integer({ minimum: 1, maximum: 999 }),
  name: Type.String({ minLength: 1, maxLength: 120 }),
  serviceIds: Type.Array(Id, { maxItems: 64, description: 'served in this priority order' }),
  status: CounterStatusSchema,
};
/** Always sent; optional in the type so that clients written before it still type-check. */
const PauseReasonField = Type.Optional(Nullable(PauseReasonSchema, 'why the counter is paused; null when it is open or paused without a reason'));
export const CounterSchema = Type.Object({ id: Id, ...counterFields, pauseReason: PauseReasonField }, { $id: 'Counter' });
export type CounterDto = Static<typeof CounterSchema>;
export const CounterCreateSchema = Type.Object({ ...counterFields, status: Type.Optional(counterFields.status) }, { additionalProperties: false });
export const CounterPatchSchema = Type.Partial(Type.Object(counterFields), { additionalProperties: false, minProperties: 1 });

const ServedFiguresFields = {
  served: Type.Integer({ minimum: 0, description: 'tickets of the business day finished (done)' }),
  serviceMeanSeconds: Nullable(Type.Integer({ minimum: 0 }), 'mean of finishedAt − (startedAt, or calledAt when it was never started), in whole seconds; null when none was served'),
};
export const CounterTodaySchema = Type.Object({
  businessDay: Type.String({ description: 'YYYY-MM-DD in the centre time zone' }),
  counter: Type.Object(ServedFiguresFields, { description: 'tickets finished at this counter' }),
  staff: Nullable(
    Type.Object({ userId: Id, ...ServedFiguresFields }, { description: 'tickets the calling user served (servedBy), at any counter' }),
    'the calling user; null when the caller is a station',
  ),
});
export type CounterTodayDto = Static<typeof CounterTodaySchema>;

export const StateSchema = Type.Object({
  seq: Type.Integer({ description: 'the last event seq reflected here; connect to /api/events?since=seq' }),
  businessDay: Type.String(),
  serverTime: Instant,
  services: Type.Array(
    Type.Object({
      id: Id,
      code: Type.String(),
      name: Type.String(),
      nameEn: Type.String(),
      prefix: Type.String(),
      active: Type.Boolean(),
      open: Type.Boolean({ description: 'active and within opening hours now' }),
      openingHours: Type.Array(OpeningPeriodSchema),
      waiting: Type.Integer(),
      estimatedWaitSeconds: Nullable(Type.Integer()),
    }),
  ),
  counters: Type.Array(
    Type.Object({
      id: Id,
      number: Type.Integer(),
      name: Type.String(),
      status: CounterStatusSchema,
      serviceIds: Type.Array(Type.Integer()),
      pauseReason: PauseReasonField,
      ticket: Nullable(Type.Ref(TicketSchema)),
    }),
  ),
  recentCalls: Type.Array(Type.Ref(TicketSchema)),
});
export type StateDto = Static<typeof StateSchema>;

export const ErrorSchema = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'stable, e.g. ticket.wrong_state' }),
      message: Type.String({ description: 'for a technician, in English' }),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    }),
  },
  { $id: 'Error' },
);

// ---- requests

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CitizenSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    idMasked: Type.String({ pattern: '^[0-9]{3}\\*{3,9}[0-9]{3}$', description: 'the CCCD number masked as the kiosk shows it (001******345); a full number is refused' }),
  },
  { additionalProperties: false },
);
export type CitizenDto = Static<typeof CitizenSchema>;
export const IssueBody = Type.Object(
  {
    serviceId: Id,
    priority: Type.Optional(PrioritySchema),
    citizen: Type.Optional(CitizenSchema),
  },
  { additionalProperties: false },
);
/** The answer to an issue: the ticket, its place, and the identity attached to it (never in events). */
export const IssuedSchema = Type.Object({ ...TicketSchema.properties, citizen: Type.Optional(CitizenSchema) });
export type IssuedDto = Static<typeof IssuedSchema>;
/** GET /api/tickets/{id}: the ticket, and to the counter side only (staff, a counter station) the identity attached at issue. */
export const TicketDetailSchema = Type.Object({
  ...TicketSchema.properties,
  citizen: Type.Optional({
    ...CitizenSchema,
    description: 'the name and masked CCCD number read at the kiosk; only for staff and counter stations, and only when the ticket has one',
  }),
  application: Type.Optional(
    Type.Object(
      {
        id: Id,
        code: Type.String({ description: 'CENTRE-YYMMDD-NNNN' }),
        status: Type.Integer({ minimum: 1, maximum: 10, description: 'the national status number (9 processed, 10 result handed over)' }),
        procedureName: Type.String(),
        applicantName: Type.String(),
      },
      { description: 'the application whose result the ticket was taken for (a results pickup at the kiosk); only for staff and counter stations' },
    ),
  ),
});
export type TicketDetailDto = Static<typeof TicketDetailSchema>;
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$', description: 'same key, same ticket: a retried press never issues two numbers' })),
});
export const TransferBody = Type.Object({ serviceId: Id }, { additionalProperties: false });
export const CallTicketBody = Type.Object(
  { label: Type.String({ pattern: '^[A-Za-z0-9]{1,12}$', description: 'the label on the ticket, e.g. A012 (case does not matter)', example: 'A012' }) },
  { additionalProperties: false },
);
export const PauseBody = Type.Object({ reason: Type.Optional(PauseReasonSchema) }, { additionalProperties: false, description: 'optional: a bare POST pauses without a reason' });
export const RatingBody = Type.Object({ score: RatingSchema.properties.score }, { additionalProperties: false });
export const TicketQuery = Type.Object({ status: Type.Optional(TicketStatusSchema), serviceId: Type.Optional(Id) }, { additionalProperties: false });

export const EventsQuery = Type.Object(
  {
    since: Type.Optional(Type.Integer({ minimum: 0, description: 'the last seq the client has; events after it are replayed' })),
    token: Type.Optional(Type.String({ maxLength: 256, description: 'for browsers, which cannot set the Authorization header' })),
  },
  { additionalProperties: false },
);
