import { type Static, type TSchema, Type } from '@sinclair/typebox';
import {
  AUDIT_ACTIONS,
  AUDIT_ACTOR_TYPES,
  AUDIT_GROUP_NAMES,
  COUNTER_STATUSES,
  DEVICE_KINDS,
  DISPLAY_ZONE_PATTERN,
  FEEDBACK_STATUSES,
  FEEDBACK_TEXT_MAX,
  FEEDBACK_TEXT_MIN,
  PAUSE_REASONS,
  PRIORITIES,
  PROCEDURE_CODE_MAX,
  PROCEDURE_CODE_PATTERN,
  PROCEDURE_COLUMNS,
  PROCEDURE_IMPORT_FORMATS,
  PROCEDURE_LEVELS,
  PROCEDURE_LIMITS,
  RATING_LEVELS_MAX,
  RATING_LEVELS_MIN,
  APPLICATION_STATUSES,
  APPLICATION_STATUS_INFO,
  LOOKUP_SECRET_LENGTH,
  ROLES,
  TICKET_STATUSES,
} from '@qms/core';

/**
 * The wire schemas of the hub's REST API. They validate requests (unknown fields are refused),
 * shape responses, and generate the OpenAPI document. Static<typeof X> gives the TypeScript type.
 */

const Nullable = <T extends TSchema>(schema: T, description?: string) => Type.Union([schema, Type.Null()], description ? { description } : {});
const Instant = Type.String({ format: 'date-time', description: 'ISO 8601, UTC' });
const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
/** A string from a fixed list, as a JSON-schema enum (clear validation messages, plain OpenAPI). */
const literalUnion = <T extends readonly string[]>(values: T, description?: string) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

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

export const PIN_PATTERN = '^[0-9]{4,8}$';

/** {username, password}, or {username, pin} for a clerk at a counter station. */
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    pin: Type.Optional(Type.String({ pattern: PIN_PATTERN, description: '4 to 8 digits, instead of the password' })),
  },
  { additionalProperties: false },
);
export const PinBody = Type.Object({ pin: Type.Union([Type.String({ pattern: PIN_PATTERN }), Type.Null()], { description: '4 to 8 digits; null removes the PIN' }) }, { additionalProperties: false });
export const LoginReply = Type.Object({
  token: Type.String(),
  expiresAt: Instant,
  user: Type.Object({ id: Id, username: Type.String(), role: RoleSchema, displayName: Type.String({ description: 'the name stations show (a counter, its rating pad)' }) }),
});

/** POST /api/auth/session: a browser's sign-in (password only: PINs are for counter stations). */
export const SessionBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false });
export const SessionReply = Type.Object({
  csrfToken: Type.String({ description: 'send it as X-CSRF-Token with every change (POST, PATCH, DELETE) of this session' }),
  expiresAt: Instant,
  idleMinutes: Type.Integer({ description: 'the session ends after this long without a request' }),
  user: LoginReply.properties.user,
});

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

const settingsFields = {
  maxWaitMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  unservedAtClose: literalUnion(['cancel', 'keep'] as const, 'what happens to tickets still waiting when the business day ends'),
  minRecallsBeforeNoShow: Type.Integer({ minimum: 0, maximum: 10, description: 'recalls a ticket needs before it may be marked no-show' }),
  noShowRecallMinutes: Type.Integer({ minimum: 0, maximum: 1440, description: 'a no-show ticket may come back (requeue, call-ticket) this long after it was marked' }),
  ratingWindowSeconds: Type.Integer({ minimum: 10, maximum: 3600, description: 'ratings are taken this long after a ticket is finished' }),
  ratingScale: Type.Integer({ minimum: RATING_LEVELS_MIN, maximum: RATING_LEVELS_MAX, description: 'levels of the rating scale; the highest score is the best' }),
  // The centre's texts on the stations' screens and receipts. Each: the hub's value when set > the station's station.json > its default; null: not set on the hub.
  centreName: Nullable(
    Type.String({ minLength: 1, maxLength: 120 }),
    "the centre's name on the kiosks (screen and receipt); null: not set here, each kiosk shows its station.json centreName (else its default). The hub's value, when set, wins over station.json",
  ),
  hotline: Nullable(
    Type.String({ minLength: 1, maxLength: 60 }),
    "the hotline printed on the kiosks' receipts; null: not set here, each kiosk prints its station.json hotline (or none). The hub's value, when set, wins over station.json",
  ),
  marquee: Nullable(
    Type.String({ minLength: 1, maxLength: 500 }),
    "the line scrolling under the hall displays; null: not set here, each display shows its station.json marquee (or none). The hub's value, when set, wins over station.json",
  ),
  portalUrl: Nullable(
    Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 500, description: 'http:// or https://' }),
    "the public-services portal whose QR code the hall displays show; null: not set here, each display uses its station.json portalUrl (else https://dichvucong.gov.vn). The hub's value, when set, wins over station.json",
  ),
};
export const RatingLabelSchema = Type.Object({ score: Type.Integer(), vi: Type.String(), en: Type.String() });
/** GET /api/counters/{id}/rating: what the counter's rating pad shows while a rating is open. */
export const RatingPromptSchema = Type.Object({
  ticketId: Id,
  label: Type.String({ description: 'the label of the ticket to rate' }),
  clerk: Nullable(Type.String(), 'the display name of the clerk who served it (servedBy); null when no signed-in clerk did'),
  counterNumber: Type.Integer(),
  closesAt: Instant,
  scale: Type.Array(RatingLabelSchema, { description: 'the words of the rating scale, best first' }),
});
export type RatingPromptDto = Static<typeof RatingPromptSchema>;
const applicationSettingsFields = {
  centreCode: Type.String({ pattern: '^[A-Z0-9]{1,12}$', description: 'CENTRE in every application code CENTRE-YYMMDD-NNNN: 1 to 12 upper-case letters or digits (default UBND)' }),
  cutoff: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM centre time: an application received later counts from the next working day (default 16:00)' }),
  officeEnd: Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM centre time: the time of day a result is promised for (default 17:00)' }),
  holidays: Type.Array(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }), {
    maxItems: 1000,
    description: 'public holidays and other days off, YYYY-MM-DD (Saturdays and Sundays are always off); a PATCH replaces the whole list',
  }),
};
export const ApplicationSettingsSchema = Type.Object(applicationSettingsFields, { description: "the centre's code and working-day calendar for applications (hồ sơ): due dates are counted on it" });
export const SettingsSchema = Type.Object({
  timeZone: Type.String(),
  ...settingsFields,
  applications: ApplicationSettingsSchema,
  ratingLabels: Type.Array(RatingLabelSchema, { description: 'the words of the rating scale, best first (they follow ratingScale)' }),
});
export const SettingsPatch = Type.Partial(
  Type.Object({
    ...settingsFields,
    applications: Type.Partial(Type.Object(applicationSettingsFields), { additionalProperties: false, description: 'the keys given change, the others stay' }),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsDto = Static<typeof SettingsSchema>;
/** The centre's texts in the settings, as the stations apply them (null: not set on the hub, the station's own applies). */
export type CentreTextsDto = Pick<SettingsDto, 'centreName' | 'hotline' | 'marquee' | 'portalUrl'>;

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

// ---- users and devices

export const UserSchema = Type.Object({
  id: Id,
  username: Type.String(),
  role: RoleSchema,
  displayName: Type.String(),
  active: Type.Boolean(),
  createdAt: Instant,
});
export const UserCreateBody = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
    role: RoleSchema,
    password: Type.String({ minLength: 8, maxLength: 256 }),
    displayName: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);
export const PasswordBody = Type.Object({ password: Type.String({ minLength: 8, maxLength: 256 }) }, { additionalProperties: false });

export const DeviceSchema = Type.Object({
  id: Id,
  kind: DeviceKindSchema,
  name: Type.String(),
  status: literalUnion(['pending', 'approved', 'revoked'] as const),
  pairingCode: Nullable(Type.String()),
  counterId: Nullable(Type.Integer()),
  remoteAddress: Nullable(Type.String()),
  createdAt: Instant,
  approvedAt: Nullable(Instant),
  approvedBy: Nullable(Type.String()),
  revokedAt: Nullable(Instant),
  lastSeenAt: Nullable(Instant),
  zone: Nullable(Type.String(), 'a display: the counters (numbers, "1,2,3") it shows when its own station.json or --zone sets none; null for other kinds, or none given'),
});

export const PairRequestBody = Type.Object({ kind: DeviceKindSchema, name: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const PairRequestReply = Type.Object({
  deviceId: Id,
  code: Type.String({ description: 'show it on the station; a technician approves it' }),
  secret: Type.String({ description: 'keep it; poll /api/devices/pair/{deviceId} with it' }),
  expiresAt: Instant,
});
export const PairPollBody = Type.Object({ secret: Type.String({ minLength: 1, maxLength: 128 }) }, { additionalProperties: false });
export const PairPollReply = Type.Object({
  status: literalUnion(['pending', 'approved'] as const),
  token: Type.Optional(Type.String()),
  device: Type.Optional(
    Type.Object({
      id: Id,
      kind: DeviceKindSchema,
      name: Type.String(),
      counterId: Nullable(Type.Integer()),
      zone: Type.Optional(Nullable(Type.String(), 'a display: the zone it was approved for (counter numbers, "1,2,3"); null for none')),
    }),
  ),
});
export const ApproveBody = Type.Object(
  {
    code: Type.String({ minLength: 4, maxLength: 16 }),
    counterId: Type.Optional(Id),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    zone: Type.Optional(
      Type.String({
        pattern: DISPLAY_ZONE_PATTERN,
        maxLength: 320,
        description: 'displays only (else 400 device.zone_not_applicable): the counters whose calls it shows, by number, e.g. "1,2,3"; used when its station.json and --zone set none',
        example: '1,2,3',
      }),
    ),
  },
  { additionalProperties: false },
);

export const AlertBody = Type.Object(
  {
    source: Type.String({ pattern: '^[a-z][a-z0-9_-]{0,31}$', description: 'the part that has the problem: printer, scanner, ...' }),
    code: Type.String({ pattern: '^[a-z][a-z0-9_.]{0,63}$', description: 'stable reason, e.g. paper_out, offline' }),
    message: Type.String({ maxLength: 500 }),
    active: Type.Boolean({ description: 'false when the problem is over' }),
  },
  { additionalProperties: false },
);
export const DeviceAlertSchema = Type.Object({
  deviceId: Id,
  deviceName: Type.String(),
  deviceKind: DeviceKindSchema,
  source: Type.String(),
  code: Type.String(),
  message: Type.String(),
  raisedAt: Instant,
  clearedAt: Nullable(Instant),
});
export type DeviceAlertDto = Static<typeof DeviceAlertSchema>;

// ---- the technician console's live view of the stations: device notices, liveness, commands to a station

/** GET /api/events?notices=TOPIC: notices besides the events (technician and admin only). */
export const NOTICE_TOPICS = ['devices'] as const;
/** What a technician may ask a station to do now, from the console. */
export const STATION_COMMANDS = ['receipt.preview', 'receipt.print', 'voice.sample', 'scanner.last'] as const;
export type StationCommand = (typeof STATION_COMMANDS)[number];
export const StationCommandSchema = literalUnion(STATION_COMMANDS);
/** The commands each kind of station can run (the hub refuses the others with device.command_unsupported). */
export const COMMANDS_OF_KIND: Record<(typeof DEVICE_KINDS)[number], readonly StationCommand[]> = {
  kiosk: ['receipt.preview', 'receipt.print', 'scanner.last'],
  display: ['voice.sample'],
  counter: [],
  rating: [],
};

export const LiveEventsQuery = Type.Object(
  {
    ...EventsQuery.properties,
    notices: Type.Optional(literalUnion(NOTICE_TOPICS, 'also send notices of this topic (no seq, never replayed); technician or admin only')),
    commands: Type.Optional(Type.Boolean({ description: "a station: send it the technician's commands on this socket" })),
  },
  { additionalProperties: false },
);

/** On /api/events with ?notices=devices: devices or their alerts changed; read GET /api/devices and /api/devices/alerts again. */
export const DeviceNoticeSchema = Type.Object({ type: Type.Literal('notice.devices'), at: Instant });
export type DeviceNoticeMessage = Static<typeof DeviceNoticeSchema>;
/** On a station's /api/events with ?commands=true: do this now, and answer POST /api/devices/commands/{id}/result. */
export const CommandMessageSchema = Type.Object({ type: Type.Literal('command'), id: Type.String({ format: 'uuid' }), command: StationCommandSchema });
export type CommandMessage = Static<typeof CommandMessageSchema>;

export const DeviceLiveSchema = Type.Object({
  ...DeviceSchema.properties,
  connected: Type.Boolean({ description: 'the station has a live event WebSocket with the hub now' }),
  disconnectedAt: Nullable(Instant, "since when the hub has had no live link with it (its last socket closed, or the hub's start); null while connected"),
});
export type DeviceLiveDto = Static<typeof DeviceLiveSchema>;

export const CommandBody = Type.Object({ command: StationCommandSchema }, { additionalProperties: false });
export const CommandIdParams = Type.Object({ commandId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const ReceiptPreviewResult = Type.Object(
  {
    png: Type.String({ description: 'base64 PNG: the raster images the printer gets, top to bottom (QR codes and feeds are printer commands, not raster)' }),
    width: Type.Integer({ minimum: 1 }),
    height: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export const ReceiptPrintResult = Type.Object({ printed: Type.Literal(true) }, { additionalProperties: false });
export const VoiceSampleResult = Type.Object({ queued: Type.Literal(true) }, { additionalProperties: false });
export const ScannerLastResult = Nullable(
  Type.Object(
    {
      at: Instant,
      source: literalUnion(['serial', 'screen'] as const, "the kiosk's serial scanner, or its screen (camera or keyboard-wedge scanner)"),
      kind: literalUnion(['cccd', 'invalid', 'text'] as const),
      text: Type.String({ description: 'a CCCD: its masked number only; an unreadable CCCD: why; other text as read, with any long run of digits masked' }),
    },
    { additionalProperties: false },
  ),
  'null when nothing was scanned since the kiosk started',
);
/** What each command answers with, checked by the hub before it passes the answer on. */
export const COMMAND_RESULT_SCHEMAS = {
  'receipt.preview': ReceiptPreviewResult,
  'receipt.print': ReceiptPrintResult,
  'voice.sample': VoiceSampleResult,
  'scanner.last': ScannerLastResult,
} as const satisfies Record<StationCommand, TSchema>;
export type StationCommandResults = { [K in StationCommand]: Static<(typeof COMMAND_RESULT_SCHEMAS)[K]> };

export const CommandReply = Type.Object({ command: StationCommandSchema, result: Type.Unknown({ description: "the command's result (see COMMAND_RESULT_SCHEMAS)" }) });
/** The station's answer to a command. */
export const CommandResultBody = Type.Union([
  Type.Object({ ok: Type.Literal(true), result: Type.Unknown() }, { additionalProperties: false }),
  Type.Object(
    {
      ok: Type.Literal(false),
      code: Type.String({ pattern: '^[a-z][a-z0-9_.]{0,63}$', description: 'stable, e.g. paper_out, no_printer' }),
      message: Type.String({ maxLength: 500 }),
    },
    { additionalProperties: false },
  ),
]);
export type CommandResultDto = Static<typeof CommandResultBody>;

// ---- the admin console: users on and off, backups, today at a glance

export const UsernameParams = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const UserActiveBody = Type.Object(
  { active: Type.Boolean({ description: 'false signs the user out everywhere and refuses their logins; the last active admin cannot be switched off' }) },
  { additionalProperties: false },
);
export const UserPatchBody = Type.Partial(
  Type.Object({
    displayName: Type.String({ maxLength: 120 }),
    role: RoleSchema,
  }),
  { additionalProperties: false, minProperties: 1 },
);

export const BACKUP_NAME_PATTERN = '^qms-\\d{8}\\.sqlite$';
export const BackupFileSchema = Type.Object({
  name: Type.String({ description: 'qms-YYYYMMDD.sqlite: the nightly copy of that night (centre time)' }),
  bytes: Type.Integer({ minimum: 0 }),
  at: Instant,
});
export type BackupFileDto = Static<typeof BackupFileSchema>;
export const BackupNameParams = Type.Object({ name: Type.String({ minLength: 1, maxLength: 64, description: 'as listed by GET /api/backups' }) }, { additionalProperties: false });

const WaitFields = {
  waiting: Type.Integer({ minimum: 0, description: 'tickets waiting now' }),
  longestWaitSeconds: Nullable(Type.Integer({ minimum: 0 }), 'how long the longest-waiting ticket has waited since it was issued; null when nobody waits'),
};
export const TodaySchema = Type.Object({
  businessDay: Type.String({ description: 'YYYY-MM-DD in the centre time zone' }),
  issued: Type.Integer({ minimum: 0, description: 'tickets issued today' }),
  served: Type.Integer({ minimum: 0, description: 'finished (done)' }),
  noShow: Type.Integer({ minimum: 0 }),
  cancelled: Type.Integer({ minimum: 0 }),
  ...WaitFields,
  services: Type.Array(
    Type.Object({
      serviceId: Id,
      ...WaitFields,
      issued: Type.Integer({ minimum: 0, description: 'tickets issued for this service (a transferred ticket counts where it was issued)' }),
      served: Type.Integer({ minimum: 0, description: 'tickets finished in this service (a transferred ticket counts where it was served)' }),
    }),
  ),
  counters: Type.Object(
    {
      open: Type.Integer({ minimum: 0, description: 'open, with at least one of their services open now' }),
      paused: Type.Integer({ minimum: 0 }),
      closed: Type.Integer({ minimum: 0, description: 'open, but none of their services is active and within its opening hours now' }),
      serving: Type.Integer({ minimum: 0, description: 'holding a ticket now (called or being served), whatever their state' }),
    },
    { description: 'open + paused + closed = all counters' },
  ),
});
export type TodayDto = Static<typeof TodaySchema>;

// ---- the procedures catalogue (thủ tục hành chính): the kiosk's and the citizens' pages' list

export const ProcedureLevelSchema = literalUnion(PROCEDURE_LEVELS, 'mot-phan: một phần (partly online); toan-trinh: toàn trình (entirely online)');
const Count = (description: string) => Nullable(Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.copiesMax }), description);
export const ProcedureDocumentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax, description: 'the paper, e.g. Tờ khai đăng ký khai sinh' }),
    original: Count('originals (bản chính) to bring; null when the rule does not say'),
    copies: Count('copies (bản sao) to bring; null when the rule does not say'),
  },
  { additionalProperties: false },
);
const procedureFields = {
  code: Type.String({
    pattern: PROCEDURE_CODE_PATTERN,
    maxLength: PROCEDURE_CODE_MAX,
    description: 'the national procedure code: 1.001193, or a local variant such as 1.000948.H38, 2.000815.000.00.00.H55',
    example: '1.001193',
  }),
  name: Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax, description: 'Vietnamese name' }),
  nameEn: Nullable(Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax }), 'English name; null when there is none'),
  serviceId: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'the field (service) whose counters receive it' }),
  processingDays: Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.processingDaysMax, description: 'processing time in working days; 0 = the same day' }),
  fee: Type.String({ maxLength: PROCEDURE_LIMITS.textMax, description: 'fees and charges in words, e.g. "Miễn phí", "2.000 đồng/trang"' }),
  feeAmount: Nullable(Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.feeAmountMax }), 'the fee in VND when it is one amount; null when it is free or varies'),
  documents: Type.Array(ProcedureDocumentSchema, { maxItems: PROCEDURE_LIMITS.documentsMax, description: 'the papers to bring' }),
  applicants: Type.String({ maxLength: PROCEDURE_LIMITS.textMax, description: 'who may apply (đối tượng thực hiện)' }),
  level: ProcedureLevelSchema,
  portalUrl: Nullable(
    Type.String({ pattern: '^https?://[^\\s]+$', maxLength: PROCEDURE_LIMITS.urlMax }),
    "the procedure's page on the public-service portal, http or https, as given; null when none is known",
  ),
  active: Type.Boolean({ description: 'false: kept, but not listed' }),
};
export const ProcedureSchema = Type.Object({ id: Id, ...procedureFields }, { $id: 'Procedure' });
export type ProcedureDto = Static<typeof ProcedureSchema>;
export const ProcedureCreateSchema = Type.Object(
  {
    ...procedureFields,
    nameEn: Type.Optional(procedureFields.nameEn),
    fee: Type.Optional(procedureFields.fee),
    feeAmount: Type.Optional(procedureFields.feeAmount),
    documents: Type.Optional(procedureFields.documents),
    applicants: Type.Optional(procedureFields.applicants),
    portalUrl: Type.Optional(procedureFields.portalUrl),
    active: Type.Optional(procedureFields.active),
  },
  { additionalProperties: false, description: 'left out: nameEn null, fee "", feeAmount null, documents [], applicants "", portalUrl null, active true' },
);
export const ProcedurePatchSchema = Type.Partial(Type.Object(procedureFields), { additionalProperties: false, minProperties: 1 });
export const ProcedureQuery = Type.Object(
  {
    serviceId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: "only this field's procedures" })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'words that must all appear in the name or the code, with or without accents ("dang ky khai sinh" finds "Đăng ký khai sinh")' })),
    includeInactive: Type.Optional(Type.Boolean({ default: false, description: 'also the procedures switched off (active false), for the console' })),
  },
  { additionalProperties: false },
);
export const ProcedureImportBody = Type.Object(
  {
    format: literalUnion(PROCEDURE_IMPORT_FORMATS),
    content: Type.String({
      maxLength: 2 * 1024 * 1024,
      description: `the file's text. CSV: UTF-8, a header row with the columns ${PROCEDURE_COLUMNS.join(',')} (field = the service's code; documents = "name|originals|copies" items separated by ";"; feeAmount digits or empty; active true/false, empty = true). JSON: an array of objects with the same keys, documents as [{name, original, copies}]`,
    }),
    replace: Type.Optional(Type.Boolean({ default: false, description: 'true: the procedures whose code is not in the file are removed; false: the file adds and updates by code' })),
  },
  { additionalProperties: false },
);
export const ProcedureImportReply = Type.Object({
  procedures: Type.Integer({ minimum: 0, description: 'procedures in the file' }),
  added: Type.Integer({ minimum: 0 }),
  updated: Type.Integer({ minimum: 0 }),
  unchanged: Type.Integer({ minimum: 0 }),
  removed: Type.Integer({ minimum: 0, description: 'replace only' }),
});
export type ProcedureImportReplyDto = Static<typeof ProcedureImportReply>;
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

// ---- applications (hồ sơ): received at a counter, followed through the national statuses, looked up by citizens

const ApplicationStatusCode = Type.Integer({
  minimum: 1,
  maximum: 10,
  description: `the national status number: ${APPLICATION_STATUSES.map((status) => `${APPLICATION_STATUS_INFO[status].code} ${APPLICATION_STATUS_INFO[status].en}`).join(', ')}`,
});
const StatusName = Type.Object({ vi: Type.String(), en: Type.String() });
const DayString = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, a business day in the centre time zone' });
export const APPLICATION_CHANNEL_NAMES = ['counter', 'online', 'post'] as const;
const ApplicationDocumentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: PROCEDURE_LIMITS.nameMax }),
    original: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.copiesMax }), 'originals handed in')),
    copies: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: PROCEDURE_LIMITS.copiesMax }), 'copies handed in')),
  },
  { additionalProperties: false },
);
export const ApplicationReceiveBody = Type.Object(
  {
    procedureId: Id,
    applicant: Type.Object(
      {
        fullName: Type.String({ minLength: 1, maxLength: 120 }),
        phone: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
        address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
        idNumber: Type.Optional(
          Type.String({ pattern: '^[0-9]{12}$', description: 'the CCCD number, 12 digits: only its masked form (001******345) and a keyed digest are stored, never the number' }),
        ),
      },
      { additionalProperties: false },
    ),
    documents: Type.Optional(Type.Array(ApplicationDocumentSchema, { maxItems: PROCEDURE_LIMITS.documentsMax, description: 'the papers handed in' })),
    channel: Type.Optional(literalUnion(APPLICATION_CHANNEL_NAMES, 'how it came in (default counter)')),
    receivedAt: Type.Optional({ ...Instant, description: "when it was received (default: now, the hub's clock); not later than now" }),
  },
  { additionalProperties: false },
);
const HistoryEntrySchema = Type.Object({
  from: Nullable(ApplicationStatusCode, 'null for the receipt itself'),
  status: ApplicationStatusCode,
  at: Instant,
  by: Type.String({ description: 'who made the change, by the name the audit log gives them' }),
  note: Nullable(Type.String()),
});
export const ApplicationTimingSchema = Type.Object({
  verdict: literalUnion(['on_time', 'late', 'in_time', 'overdue', 'withdrawn'] as const, 'on_time/late once handled (3, 8, 9, 10); in_time/overdue while in progress; withdrawn (7) is not judged'),
  pausedWorkingDays: Type.Integer({ minimum: 0, description: 'working days the due date moved while waiting for the citizen (5, 6)' }),
  documentRequests: Type.Integer({ minimum: 0, description: 'times documents were requested (5); more than one is late by rule' }),
  handledAt: Nullable(Instant, 'the first change to 3, 8, 9 or 10'),
});
const applicationFields = {
  id: Id,
  code: Type.String({ description: 'CENTRE-YYMMDD-NNNN' }),
  status: ApplicationStatusCode,
  statusName: StatusName,
  procedure: Type.Object({ id: Id, code: Type.String(), name: Type.String() }, { description: 'as it was when received' }),
  processingDays: Type.Integer({ minimum: 0 }),
  applicant: Type.Object({ fullName: Type.String(), phone: Nullable(Type.String()), address: Nullable(Type.String()), idMasked: Nullable(Type.String(), '001******345') }),
  documents: Type.Array(Type.Object({ name: Type.String(), original: Nullable(Type.Integer()), copies: Nullable(Type.Integer()) })),
  channel: literalUnion(APPLICATION_CHANNEL_NAMES),
  businessDay: DayString,
  receivedAt: Instant,
  receivedBy: Type.String(),
  dueAt: { ...Instant, description: 'the promised instant, moved later by the working days paused (5, 6)' },
  timing: ApplicationTimingSchema,
};
export const ApplicationSchema = Type.Object({ ...applicationFields, history: Type.Array(HistoryEntrySchema, { description: 'oldest first' }) });
export type ApplicationDto = Static<typeof ApplicationSchema>;
export const ApplicationReceived = Type.Object({
  ...ApplicationSchema.properties,
  secret: Type.String({ minLength: LOOKUP_SECRET_LENGTH, maxLength: LOOKUP_SECRET_LENGTH, description: 'the lookup secret, printed on the receipt: shown this once, only its digest is kept' }),
});
export const ApplicationStatusBody = Type.Object({ status: ApplicationStatusCode, note: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false });
export const ApplicationQuery = Type.Object(
  {
    status: Type.Optional(ApplicationStatusCode),
    from: Type.Optional(DayString),
    to: Type.Optional(DayString),
    q: Type.Optional(Type.String({ maxLength: 200, description: "words that must all appear in the code, the applicant's name or the procedure (accents optional)" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'the id of the oldest application already shown (the previous page next)' })),
  },
  { additionalProperties: false },
);
export const ApplicationPage = Type.Object({
  entries: Type.Array(Type.Object(applicationFields), { description: 'newest first (without their history)' }),
  next: Nullable(Type.Integer(), 'pass it as ?before= for the older ones; null when there are none'),
});
export const ApplicationLookupQuery = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40, description: 'CENTRE-YYMMDD-NNNN as on the receipt (case and spaces forgiven)' }),
    secret: Type.String({ minLength: 1, maxLength: 20, description: 'the secret on the receipt (case, spaces and dashes forgiven)' }),
  },
  { additionalProperties: false },
);
export const ApplicationLookupReply = Type.Object({
  code: Type.String(),
  status: ApplicationStatusCode,
  statusName: StatusName,
  receivedAt: Instant,
  dueAt: { ...Instant, description: 'the promised instant, moved later by the working days paused' },
  procedure: Type.Object({ code: Type.String(), name: Type.String() }),
  applicantName: Type.String({ description: 'masked: the first letter of each word and up to three stars (Nguyễn Văn An → N*** V** A*)' }),
});
export const ApplicationReportQuery = Type.Object({ from: DayString, to: DayString }, { additionalProperties: false });
export const ApplicationReport = Type.Object({
  from: DayString,
  to: DayString,
  total: Type.Integer({ minimum: 0, description: 'applications received on those business days, withdrawn ones included' }),
  withdrawn: Type.Integer({ minimum: 0, description: 'withdrawn by the citizen (7): not judged, left out of the rate' }),
  onTime: Type.Integer({ minimum: 0, description: 'handled (3, 8, 9, 10) no later than due, documents requested at most once' }),
  late: Type.Integer({ minimum: 0, description: 'handled after due, or after documents were requested more than once' }),
  inProgressNotDue: Type.Integer({ minimum: 0, description: 'in progress, not yet due, documents requested at most once' }),
  inProgressOverdue: Type.Integer({ minimum: 0, description: 'in progress and past due' }),
  inProgressRequestedTwice: Type.Integer({ minimum: 0, description: 'in progress, not yet due, but documents were requested more than once: it cannot end on time' }),
  onTimeRate: Nullable(
    Type.Number({ minimum: 0, maximum: 1 }),
    '(onTime + inProgressNotDue) / (total - withdrawn), as the national index counts it; null when nothing is counted (no application, or all withdrawn)',
  ),
});
