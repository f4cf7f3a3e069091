import { localTime } from './business-day.js';
import type { Priority, TicketStatus } from './types.js';

/**
 * The queue's report figures: what a group of tickets (a field, a counter, a clerk, a day, an hour
 * of the day) adds up to. Figures are kept in a form that merges exactly (counts, and waits as
 * whole-second histograms), so a business day is rolled up once when it closes and a year is the
 * merge of its days: the mean, median, p90 and max of the merge are those of the tickets themselves.
 */

/** Whole seconds → how many tickets; sparse, JSON-friendly (keys are the seconds as text). */
export type Histogram = Record<string, number>;

export interface ReportFigures {
  issued: number;
  /** Finished (done). */
  served: number;
  noShow: number;
  cancelled: number;
  /** Moved to another field at least once. */
  transferred: number;
  /** Issued with a priority class (elderly, disabled, pregnant, child). */
  priority: number;
  /** Waits (issue → first call) of the tickets called. */
  wait: Histogram;
  /** The same for priority tickets. */
  priorityWait: Histogram;
  /** Service times (start, or call when never started, → finish) of the tickets served. */
  service: Histogram;
  /** Ratings: "levels:score" → count (the scale may change over a year). */
  ratings: Record<string, number>;
}

/** What the report reads of a ticket. */
export interface ReportTicket {
  businessDay: string;
  issueServiceId: number;
  serviceId: number;
  counterId: number | null;
  servedBy: number | null;
  priority: Priority;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  transferCount: number;
  rating: { score: number; levels: number } | null;
}

/** How a report groups its rows. */
export const REPORT_GROUPS = ['service', 'counter', 'staff', 'day', 'hour'] as const;
export type ReportGroup = (typeof REPORT_GROUPS)[number];

/** The dimensions a business day is rolled up along: each group but `day`, and the whole day (key ""). */
export const ROLLUP_DIMENSIONS = ['all', 'service', 'counter', 'staff', 'hour'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** A business day rolled up: dimension → key (a field, counter or user id, an hour 0..23, "" for all) → figures. */
export type DayRollup = Record<RollupDimension, Map<string, ReportFigures>>;

export function emptyFigures(): ReportFigures {
  return { issued: 0, served: 0, noShow: 0, cancelled: 0, transferred: 0, priority: 0, wait: {}, priorityWait: {}, service: {}, ratings: {} };
}

function addTo(histogram: Histogram, key: string | number, count = 1): void {
  histogram[key] = (histogram[key] ?? 0) + count;
}

function mergeHistogram(into: Histogram, from: Histogram): void {
  for (const [key, count] of Object.entries(from)) addTo(into, key, count);
}

/** Adds `from` into `into` (in place) and returns `into`. */
export function mergeFigures(into: ReportFigures, from: ReportFigures): ReportFigures {
  into.issued += from.issued;
  into.served += from.served;
  into.noShow += from.noShow;
  into.cancelled += from.cancelled;
  into.transferred += from.transferred;
  into.priority += from.priority;
  mergeHistogram(into.wait, from.wait);
  mergeHistogram(into.priorityWait, from.priorityWait);
  mergeHistogram(into.service, from.service);
  mergeHistogram(into.ratings, from.ratings);
  return into;
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The ticket's part of the figures: `issued` (counted where the ticket was issued) apart from the rest (counted where it ended). */
function addOutcome(figures: ReportFigures, ticket: ReportTicket): void {
  if (ticket.status === 'done') figures.served += 1;
  else if (ticket.status === 'no_show') figures.noShow += 1;
  else if (ticket.status === 'cancelled') figures.cancelled += 1;
  if (ticket.transferCount > 0) figures.transferred += 1;
  if (ticket.calledAt !== null) {
    const wait = seconds(ticket.issuedAt, ticket.calledAt);
    addTo(figures.wait, wait);
    if (ticket.priority !== 'normal') addTo(figures.priorityWait, wait);
  }
  if (ticket.status === 'done' && ticket.finishedAt !== null) {
    const began = ticket.startedAt ?? ticket.calledAt;
    if (began !== null) addTo(figures.service, seconds(began, ticket.finishedAt));
  }
  if (ticket.rating) addTo(figures.ratings, `${ticket.rating.levels}:${ticket.rating.score}`);
}

function addIssue(figures: ReportFigures, ticket: ReportTicket): void {
  figures.issued += 1;
  if (ticket.priority !== 'normal') figures.priority += 1;
}

/** The local hour of an instant, cached per quarter hour of UTC (every zone's offset is a multiple of 15 minutes). */
function hourCache(timeZone: string): (iso: string) => number {
  const cache = new Map<number, number>();
  return (iso) => {
    const at = Date.parse(iso);
    const slot = Math.floor(at / 900_000);
    let hour = cache.get(slot);
    if (hour === undefined) {
      hour = Math.floor(localTime(new Date(at), timeZone).minuteOfDay / 60);
      cache.set(slot, hour);
    }
    return hour;
  };
}

function figuresAt(map: Map<string, ReportFigures>, key: string): ReportFigures {
  let figures = map.get(key);
  if (!figures) {
    figures = emptyFigures();
    map.set(key, figures);
  }
  return figures;
}

/**
 * Tickets rolled up along every dimension. A ticket counts as issued in the field it was issued in
 * and with the rest (outcome, waits, rating) in the field it ended in; at a counter and for a clerk
 * when one called it (a ticket never called belongs to neither); in the hour of the day it was issued.
 */
export function rollUp(tickets: Iterable<ReportTicket>, timeZone: string): DayRollup {
  const rollup: DayRollup = { all: new Map(), service: new Map(), counter: new Map(), staff: new Map(), hour: new Map() };
  const hourOf = hourCache(timeZone);
  for (const ticket of tickets) {
    const all = figuresAt(rollup.all, '');
    addIssue(all, ticket);
    addOutcome(all, ticket);
    addIssue(figuresAt(rollup.service, String(ticket.issueServiceId)), ticket);
    addOutcome(figuresAt(rollup.service, String(ticket.serviceId)), ticket);
    const hour = figuresAt(rollup.hour, String(hourOf(ticket.issuedAt)));
    addIssue(hour, ticket);
    addOutcome(hour, ticket);
    for (const [dimension, id] of [
      ['counter', ticket.counterId],
      ['staff', ticket.servedBy],
    ] as const) {
      if (id === null) continue;
      const figures = figuresAt(rollup[dimension], String(id));
      addIssue(figures, ticket);
      addOutcome(figures, ticket);
    }
  }
  return rollup;
}

/** The values of a histogram in order, as [value, count] pairs. */
function sortedEntries(histogram: Histogram): [number, number][] {
  return Object.entries(histogram)
    .map(([value, count]): [number, number] => [Number(value), count])
    .sort((a, b) => a[0] - b[0]);
}

export interface Distribution {
  count: number;
  mean: number | null;
  /** Nearest rank: the value at rank ceil(p × n) of the sorted values. */
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** The p-th percentile (0 < p ≤ 1) by the nearest-rank rule, of values given as sorted [value, count] pairs. */
function nearestRank(entries: [number, number][], total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [value, count] of entries) {
    seen += count;
    if (seen >= rank) return value;
  }
  return null;
}

export function distribution(histogram: Histogram): Distribution {
  const entries = sortedEntries(histogram);
  let count = 0;
  let sum = 0;
  for (const [value, n] of entries) {
    count += n;
    sum += value * n;
  }
  if (count === 0) return { count, mean: null, median: null, p90: null, max: null };
  return {
    count,
    mean: Math.round(sum / count),
    median: nearestRank(entries, count, 0.5),
    p90: nearestRank(entries, count, 0.9),
    max: entries[entries.length - 1]?.[0] ?? null,
  };
}

/** The share of values above `limit`, null when there are none. */
export function shareAbove(histogram: Histogram, limit: number): number | null {
  let count = 0;
  let above = 0;
  for (const [value, n] of Object.entries(histogram)) {
    count += n;
    if (Number(value) > limit) above += n;
  }
  return count === 0 ? null : above / count;
}

export interface RatingSummary {
  count: number;
  /** Share of the ratings given at each level of the scale now in use, best (highest score) first. */
  shares: { score: number; share: number }[];
  /** The two best levels of the scale each rating was given on, over all ratings; null without ratings. */
  satisfiedShare: number | null;
}

/** Ratings summed up against the scale in use now (`levels`); ratings given on another scale count in the total and the satisfied share only. */
export function ratingSummary(ratings: Record<string, number>, levels: number): RatingSummary {
  let count = 0;
  let satisfied = 0;
  const atLevel = new Map<number, number>();
  for (const [key, n] of Object.entries(ratings)) {
    const [scale, score] = key.split(':').map(Number) as [number, number];
    count += n;
    if (score >= scale - 1) satisfied += n;
    if (scale === levels) atLevel.set(score, (atLevel.get(score) ?? 0) + n);
  }
  const shares = [];
  for (let score = levels; score >= 1; score--) shares.push({ score, share: count === 0 ? 0 : (atLevel.get(score) ?? 0) / count });
  return { count, shares, satisfiedShare: count === 0 ? null : satisfied / count };
}

/** The figures of a report row, as the API gives them (seconds whole, shares as fractions, null without data). */
export interface ReportRowFigures {
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  transferred: number;
  waitMeanSeconds: number | null;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
  waitMaxSeconds: number | null;
  waitedOverTargetShare: number | null;
  serviceMeanSeconds: number | null;
  serviceMedianSeconds: number | null;
  serviceP90Seconds: number | null;
  priorityIssued: number;
  priorityWaitMeanSeconds: number | null;
  ratings: number;
  ratingShares: { score: number; share: number }[];
  satisfiedShare: number | null;
}

export function reportRowFigures(figures: ReportFigures, options: { ratingLevels: number; targetSeconds: number }): ReportRowFigures {
  const wait = distribution(figures.wait);
  const service = distribution(figures.service);
  const ratings = ratingSummary(figures.ratings, options.ratingLevels);
  return {
    issued: figures.issued,
    served: figures.served,
    noShow: figures.noShow,
    cancelled: figures.cancelled,
    transferred: figures.transferred,
    waitMeanSeconds: wait.mean,
    waitMedianSeconds: wait.median,
    waitP90Seconds: wait.p90,
    waitMaxSeconds: wait.max,
    waitedOverTargetShare: shareAbove(figures.wait, options.targetSeconds),
    serviceMeanSeconds: service.mean,
    serviceMedianSeconds: service.median,
    serviceP90Seconds: service.p90,
    priorityIssued: figures.priority,
    priorityWaitMeanSeconds: distribution(figures.priorityWait).mean,
    ratings: ratings.count,
    ratingShares: ratings.shares,
    satisfiedShare: ratings.satisfiedShare,
  };
}
