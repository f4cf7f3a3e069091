import { type Static, Type } from '@sinclair/typebox';
import { PAUSE_REASONS, REPORT_GROUPS } from '@qms/core';
import { ApplicationReport } from './applications.js';
import { Nullable, literalUnion } from './common.js';

// ---- the queue's reports: tickets, waits, service times and ratings over a period, grouped

const DayString = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD, a business day in the centre time zone' });
export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export const QueueReportQuery = Type.Object(
  {
    from: DayString,
    to: DayString,
    groupBy: literalUnion(REPORT_GROUPS, 'service: by field; counter; staff: by the clerk who called the ticket; day: every day of the period; hour: the hour of the day the ticket was issued (0–23)'),
    format: Type.Optional(literalUnion(REPORT_FORMATS, 'json (default); csv (UTF-8 with a BOM, Vietnamese headers); xlsx')),
    targetMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 600, description: 'the wait target for waitedOverTargetShare (default: the setting waitTargetMinutes, 15)' })),
  },
  { additionalProperties: false },
);
const Seconds = (description: string) => Nullable(Type.Integer({ minimum: 0 }), `${description}; null without data`);
const Share = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1 }), `${description}, a fraction from 0 to 1; null without data`);
const reportFigureFields = {
  issued: Type.Integer({ minimum: 0, description: 'tickets issued (a transferred ticket counts in the field it was issued in)' }),
  served: Type.Integer({ minimum: 0, description: 'tickets finished (done)' }),
  noShow: Type.Integer({ minimum: 0 }),
  cancelled: Type.Integer({ minimum: 0 }),
  transferred: Type.Integer({ minimum: 0, description: 'tickets moved to another field' }),
  waitMeanSeconds: Seconds('issue → first call, over the tickets called'),
  waitMedianSeconds: Seconds('nearest rank'),
  waitP90Seconds: Seconds('the 90th percentile by the nearest-rank rule'),
  waitMaxSeconds: Seconds('the longest wait'),
  waitedOverTargetShare: Share('share of the tickets called that waited more than the target'),
  serviceMeanSeconds: Seconds('start (or call) → finish, over the tickets served'),
  serviceMedianSeconds: Seconds('nearest rank'),
  serviceP90Seconds: Seconds('nearest rank'),
  priorityIssued: Type.Integer({ minimum: 0, description: 'tickets issued with a priority class' }),
  priorityWaitMeanSeconds: Seconds('the waits of the priority tickets'),
  ratings: Type.Integer({ minimum: 0, description: 'ratings given' }),
  ratingShares: Type.Array(Type.Object({ score: Type.Integer(), share: Type.Number({ minimum: 0, maximum: 1 }) }), { description: 'per level of the scale in use, best first' }),
  satisfiedShare: Share('ratings at the two best levels of their scale'),
  estimates: Type.Integer({ minimum: 0, description: 'tickets called that were given an estimated wait at issue (the figure the kiosk printed)' }),
  estimateMeanAbsErrorSeconds: Seconds('mean of |estimate − wait| over those tickets'),
  estimateBiasSeconds: Nullable(Type.Integer(), 'mean of estimate − wait: below 0 the estimates promised less than the wait; null without data'),
  estimateWithin5MinShare: Share('share of the estimates within ±5 minutes of the wait'),
};
export const QueueReportRowSchema = Type.Object({
  key: Type.Union([Type.Integer(), Type.String()], { description: 'the id of the field, counter or user; the date YYYY-MM-DD; or the hour 0–23' }),
  label: Type.String({ description: 'the name of the field, counter or clerk; the date; the hour as 08:00–09:00' }),
  ...reportFigureFields,
});
export type QueueReportRowDto = Static<typeof QueueReportRowSchema>;
export const QueueReportSchema = Type.Object({
  from: DayString,
  to: DayString,
  groupBy: literalUnion(REPORT_GROUPS),
  targetMinutes: Type.Integer(),
  rows: Type.Array(QueueReportRowSchema),
  total: Type.Object(reportFigureFields, { description: 'the whole period (not the sum of the rows: a transferred ticket is in two fields)' }),
  pauses: Type.Array(
    Type.Object({
      counterId: Type.Integer(),
      reason: Nullable(literalUnion(PAUSE_REASONS), 'null: paused without a reason'),
      count: Type.Integer({ minimum: 0 }),
      seconds: Type.Integer({ minimum: 0, description: 'the time paused inside the period (a pause still going counts up to now)' }),
    }),
    { description: 'the counters’ pauses in the period, per counter and reason' },
  ),
  applications: Type.Omit(ApplicationReport, ['from', 'to'], { description: 'the applications received in the period, judged on time as GET /api/reports/applications does' }),
});
export type QueueReportDto = Static<typeof QueueReportSchema>;
export const ArrivalsQuery = Type.Object({ from: DayString, to: DayString }, { additionalProperties: false });
export const ArrivalsSchema = Type.Object({
  from: DayString,
  to: DayString,
  weekdays: Type.Array(
    Type.Object({
      weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
      days: Type.Integer({ minimum: 0, description: 'days of this weekday in the period that had tickets' }),
      issued: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 24, maxItems: 24, description: 'tickets issued in each hour of the day 0–23, over those days' }),
    }),
    { description: 'Monday first, all seven' },
  ),
});
export type ArrivalsDto = Static<typeof ArrivalsSchema>;
