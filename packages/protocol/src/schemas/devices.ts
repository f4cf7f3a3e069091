import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { type DEVICE_KINDS, DISPLAY_ZONE_PATTERN } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';
import { DeviceKindSchema, EventsQuery } from './queue.js';

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

/** GET /api/events?notices=TOPIC[,TOPIC]: notices besides the events (technician and admin only). */
export const NOTICE_TOPICS = ['devices', 'applications'] as const;
export type NoticeTopic = (typeof NOTICE_TOPICS)[number];
/** The topics of ?notices=, comma-separated (devices,applications). */
export const NOTICE_TOPICS_PATTERN = `^(${NOTICE_TOPICS.join('|')})(,(${NOTICE_TOPICS.join('|')}))*$`;
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
    notices: Type.Optional(
      Type.String({
        pattern: NOTICE_TOPICS_PATTERN,
        description: `also send notices of these topics, comma-separated (${NOTICE_TOPICS.join(', ')}; no seq, never replayed); technician or admin only`,
      }),
    ),
    commands: Type.Optional(Type.Boolean({ description: "a station: send it the technician's commands on this socket" })),
  },
  { additionalProperties: false },
);

/** On /api/events with ?notices=devices: devices or their alerts changed; read GET /api/devices and /api/devices/alerts again. */
export const DeviceNoticeSchema = Type.Object({ type: Type.Literal('notice.devices'), at: Instant });
export type DeviceNoticeMessage = Static<typeof DeviceNoticeSchema>;
/** On /api/events with ?notices=applications: applications were received, moved, extended or given a pickup ticket; read what is shown of them again. */
export const ApplicationNoticeSchema = Type.Object({ type: Type.Literal('notice.applications'), at: Instant });
export type ApplicationNoticeMessage = Static<typeof ApplicationNoticeSchema>;
/** Any notice of /api/events (?notices=TOPIC,…). */
export type NoticeMessage = DeviceNoticeMessage | ApplicationNoticeMessage;
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
