import { DomainError } from './errors.js';
import type { Ticket } from './types.js';

/**
 * Citizens rate the service they had on the counter's rating pad, once, right after it ended.
 * The scale has 3 to 5 levels, the highest score the best; each level has its words in vi and en.
 */
export const RATING_LEVELS_MIN = 3;
export const RATING_LEVELS_MAX = 5;

export interface RatingRules {
  /** Levels of the scale, RATING_LEVELS_MIN to RATING_LEVELS_MAX: scores run from 1 to this. */
  levels: number;
  /** A rating is taken this long after the ticket was finished, not later. */
  windowSeconds: number;
}

export const DEFAULT_RATING_RULES: RatingRules = { levels: 4, windowSeconds: 120 };

export interface RatingLabel {
  score: number;
  vi: string;
  en: string;
}

/** The words of each scale, best first. */
const SCALES: Record<number, readonly Omit<RatingLabel, 'score'>[]> = {
  3: [
    { vi: 'Hài lòng', en: 'Satisfied' },
    { vi: 'Bình thường', en: 'Neutral' },
    { vi: 'Không hài lòng', en: 'Dissatisfied' },
  ],
  4: [
    { vi: 'Rất hài lòng', en: 'Very satisfied' },
    { vi: 'Hài lòng', en: 'Satisfied' },
    { vi: 'Bình thường', en: 'Neutral' },
    { vi: 'Không hài lòng', en: 'Dissatisfied' },
  ],
  5: [
    { vi: 'Rất hài lòng', en: 'Very satisfied' },
    { vi: 'Hài lòng', en: 'Satisfied' },
    { vi: 'Bình thường', en: 'Neutral' },
    { vi: 'Không hài lòng', en: 'Dissatisfied' },
    { vi: 'Rất không hài lòng', en: 'Very dissatisfied' },
  ],
};

export function isRatingLevels(levels: number): boolean {
  return Number.isInteger(levels) && levels >= RATING_LEVELS_MIN && levels <= RATING_LEVELS_MAX;
}

/** The scale of `levels` levels, best (score = levels) first. */
export function ratingScale(levels: number): RatingLabel[] {
  const words = SCALES[levels];
  if (!words) throw new DomainError('config.invalid', `a rating scale has ${RATING_LEVELS_MIN} to ${RATING_LEVELS_MAX} levels, not ${levels}`);
  return words.map((word, index) => ({ score: levels - index, ...word }));
}

/** A citizen's rating of a ticket, as shown with it. */
export interface Rating {
  score: number;
  at: string;
}

/** When the rating of a finished ticket closes (its finish + the window); null before its finish. */
export function ratingClosesAt(ticket: Ticket, rules: RatingRules): string | null {
  if (ticket.status !== 'done' || ticket.finishedAt === null) return null;
  return new Date(Date.parse(ticket.finishedAt) + rules.windowSeconds * 1000).toISOString();
}

/** Whether the citizen may still rate this ticket now: finished, not rated yet, within the window (what assertCanRate checks, but the score). */
export function isRatingOpen(ticket: Ticket, existing: Rating | undefined, now: Date, rules: RatingRules): boolean {
  const closesAt = ratingClosesAt(ticket, rules);
  return existing === undefined && closesAt !== null && now.getTime() <= Date.parse(closesAt);
}

/**
 * Checks that a rating of `score` may be given now for this ticket; throws a DomainError otherwise.
 * Once per ticket, only once it is done, within the window after its finish, on the current scale.
 */
export function assertCanRate(ticket: Ticket, existing: Rating | undefined, score: number, now: Date, rules: RatingRules): void {
  if (!Number.isInteger(score) || score < 1 || score > rules.levels) {
    throw new DomainError('rating.invalid_score', `a score is a whole number from 1 to ${rules.levels} (the best); got ${score}`, { levels: rules.levels });
  }
  if (existing) throw new DomainError('rating.already_given', `ticket ${ticket.label} was already rated (${existing.score}) at ${existing.at}`);
  if (ticket.status !== 'done' || ticket.finishedAt === null) {
    throw new DomainError('ticket.wrong_state', `ticket ${ticket.label} is ${ticket.status}; it can be rated once it is finished`, { status: ticket.status, action: 'rate' });
  }
  const elapsedSeconds = (now.getTime() - Date.parse(ticket.finishedAt)) / 1000;
  if (elapsedSeconds > rules.windowSeconds) {
    throw new DomainError('rating.closed', `ticket ${ticket.label} was finished ${Math.floor(elapsedSeconds)} s ago; ratings are taken within ${rules.windowSeconds} s`, {
      windowSeconds: rules.windowSeconds,
    });
  }
}
