import { type Static, Type } from '@sinclair/typebox';
import { APPLICATION_STATUSES, APPLICATION_STATUS_INFO, EXTENSION_REASON_MAX, LOOKUP_SECRET_LENGTH, PROCEDURE_LIMITS } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';
import { IssuedSchema } from './queue.js';

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

// ---- late applications: a new promised date with an apology (Phiếu xin lỗi và hẹn lại ngày trả kết quả)

export const ApplicationExtensionSchema = Type.Object({
  at: Instant,
  by: Type.String({ description: 'who extended it, by the name the audit log gives them' }),
  fromDueAt: { ...Instant, description: 'the date promised before this extension' },
  toDueAt: { ...Instant, description: 'the new date promised to the citizen' },
  reason: Type.String({ description: 'the reason of the delay, as written on the apology form' }),
});
export type ApplicationExtensionDto = Static<typeof ApplicationExtensionSchema>;
export const ApplicationExtendBody = Type.Object(
  {
    dueAt: { ...Instant, description: 'the new promised instant: later than the date promised now, and not in the past' },
    reason: Type.String({ minLength: 1, maxLength: EXTENSION_REASON_MAX, pattern: '\\S', description: 'the reason of the delay, printed on the apology form (not only spaces)' }),
  },
  { additionalProperties: false },
);
/** One application as GET /api/applications/{id} and POST .../extend answer it: with its extensions. */
export const ApplicationDetailSchema = Type.Object({
  ...ApplicationSchema.properties,
  originalDueAt: { ...Instant, description: 'the date the on-time verdict judges by: promised at receipt, moved by the pauses (5, 6), never by an extension' },
  extensions: Type.Array(ApplicationExtensionSchema, {
    description: 'new promised dates given with an apology, oldest first; dueAt is the latest one (or originalDueAt when a later pause moved that past it)',
  }),
});
export type ApplicationDetailDto = Static<typeof ApplicationDetailSchema>;
// ---- at the kiosk: a citizen's applications by their CCCD, and the results-pickup ticket

export const ApplicationsByCitizenBody = Type.Object(
  { idNumber: Type.String({ pattern: '^[0-9]{12}$', description: 'the CCCD number read from the card at the kiosk, 12 digits: compared by its keyed digest, never stored nor logged' }) },
  { additionalProperties: false },
);
export const ApplicationsByCitizenReply = Type.Object({
  applications: Type.Array(ApplicationLookupReply, { description: "that citizen's applications, newest first, each as a lookup shows it (masked name)" }),
});
export const ApplicationPickupBody = Type.Object(
  {
    code: ApplicationLookupQuery.properties.code,
    secret: ApplicationLookupQuery.properties.secret,
  },
  { additionalProperties: false },
);
export const ApplicationPickupIssued = Type.Object({
  ...IssuedSchema.properties,
  replayed: Type.Boolean({ description: 'true: the ticket already taken for this application and still open, given again' }),
  application: { ...ApplicationLookupReply, description: 'the application as the lookup shows it (masked name)' },
});
export type ApplicationPickupIssuedDto = Static<typeof ApplicationPickupIssued>;
export type ApplicationLookupDto = Static<typeof ApplicationLookupReply>;
