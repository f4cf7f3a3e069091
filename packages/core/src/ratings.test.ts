import { describe, expect, it } from 'vitest';
import { assertCanRate, isRatingLevels, isRatingOpen, ratingClosesAt, ratingScale } from './ratings.js';
import type { Ticket } from './types.js';

const done: Ticket = {
  id: 1,
  label: 'A001',
  number: 1,
  serviceId: 1,
  issueServiceId: 1,
  priority: 'normal',
  status: 'done',
  counterId: 2,
  businessDay: '2026-11-27',
  issuedAt: '2026-11-27T01:00:00.000Z',
  calledAt: '2026-11-27T01:10:00.000Z',
  startedAt: null,
  finishedAt: '2026-11-27T01:20:00.000Z',
  recallCount: 0,
  transferCount: 0,
  servedBy: null,
};
const rules = { levels: 4, windowSeconds: 120 };
const after = (seconds: number) => new Date(Date.parse('2026-11-27T01:20:00.000Z') + seconds * 1000);

describe('ratings', () => {
  it('have scales of 3 to 5 levels, best first, with Vietnamese and English words', () => {
    expect(ratingScale(4)).toEqual([
      { score: 4, vi: 'Rất hài lòng', en: 'Very satisfied' },
      { score: 3, vi: 'Hài lòng', en: 'Satisfied' },
      { score: 2, vi: 'Bình thường', en: 'Neutral' },
      { score: 1, vi: 'Không hài lòng', en: 'Dissatisfied' },
    ]);
    expect(ratingScale(3).map((label) => label.score)).toEqual([3, 2, 1]);
    expect(ratingScale(5).at(-1)).toEqual({ score: 1, vi: 'Rất không hài lòng', en: 'Very dissatisfied' });
    expect([2, 3, 4, 5, 6, 4.5].map(isRatingLevels)).toEqual([false, true, true, true, false, false]);
    expect(() => ratingScale(6)).toThrowError(expect.objectContaining({ code: 'config.invalid' }));
  });

  it('take a score on the scale, once, after the finish and within the window', () => {
    expect(() => assertCanRate(done, undefined, 4, after(120), rules)).not.toThrow();
    expect(() => assertCanRate(done, undefined, 1, after(0), rules)).not.toThrow();
    expect(() => assertCanRate(done, undefined, 5, after(1), rules)).toThrowError(expect.objectContaining({ code: 'rating.invalid_score' }));
    expect(() => assertCanRate(done, undefined, 0, after(1), rules)).toThrowError(expect.objectContaining({ code: 'rating.invalid_score' }));
    expect(() => assertCanRate(done, undefined, 5, after(1), { ...rules, levels: 5 })).not.toThrow();
    expect(() => assertCanRate(done, { score: 3, at: after(5).toISOString() }, 4, after(10), rules)).toThrowError(expect.objectContaining({ code: 'rating.already_given' }));
    expect(() => assertCanRate(done, undefined, 4, after(121), rules)).toThrowError(expect.objectContaining({ code: 'rating.closed' }));
    expect(() => assertCanRate({ ...done, status: 'serving', finishedAt: null }, undefined, 4, after(1), rules)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
    expect(() => assertCanRate({ ...done, status: 'no_show' }, undefined, 4, after(1), rules)).toThrowError(expect.objectContaining({ code: 'ticket.wrong_state' }));
  });

  it('stay open for the pad while assertCanRate would take one: finished, not rated, within the window', () => {
    expect(ratingClosesAt(done, rules)).toBe('2026-11-27T01:22:00.000Z');
    expect(isRatingOpen(done, undefined, after(120), rules)).toBe(true);
    expect(isRatingOpen(done, undefined, after(121), rules)).toBe(false);
    expect(isRatingOpen(done, { score: 3, at: after(5).toISOString() }, after(10), rules)).toBe(false);
    expect(ratingClosesAt({ ...done, status: 'no_show' }, rules)).toBeNull();
    expect(isRatingOpen({ ...done, status: 'serving', finishedAt: null }, undefined, after(1), rules)).toBe(false);
  });
});
