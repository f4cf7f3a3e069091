import { type Static, Type } from '@sinclair/typebox';
import { RATING_LEVELS_MAX, RATING_LEVELS_MIN } from '@qms/core';
import { Id, Instant, Nullable, literalUnion } from './common.js';

// ---- the hub's settings: queue rules, the centre's texts, the rating scale, the applications' calendar

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
  marqueeProcedures: Nullable(
    Type.Boolean(),
    "true: the hall displays' marquee also cycles the procedures of their fields (name, fee, processing time) after the marquee text; null (the default): not set here, each display follows its station.json marqueeProcedures (false unless set there). The hub's value, when set, wins over station.json",
  ),
  waitTargetMinutes: Type.Integer({
    minimum: 1,
    maximum: 600,
    description: 'the wait target: the reports give the share of citizens who waited longer, the floor monitor raises an alarm when someone waits longer (default 15)',
  }),
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
  resultsServiceId: Nullable(
    Type.Integer({ minimum: 1 }),
    "the field (service) that hands over results: a citizen scanning a ready application's receipt at a kiosk gets a ticket in it; null: no results pickup (default)",
  ),
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
