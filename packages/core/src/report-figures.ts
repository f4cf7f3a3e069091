import { localTime } from './business-day.js';
import { addDense, distribution, type Histogram, histogramOf, mergeHistograms, pairsOf, shareAbove, type Tally } from './histogram.js';
import type { Priority, TicketStatus } from './types.js';

/**
 * The queue's report figures: what a group of tickets (a field, a counter, a clerk, a day, an hour
 * of the day) adds up to. Figures are kept in a form that merges exactly (counts, and waits as
 * whole-second histograms), so a business day is rolled up once when it closes and a year is the
 * merge of its days: the mean, median, p90 and max of the merge are those of the tickets themselves.
 */

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
  /** Called tickets that were given an estimate at issue: how many, and their errors (estimate − wait) summed. */
  estimated: number;
  estimateAbsErrorSeconds: number;
  estimateErrorSeconds: number;
  /** Of those, how many were within ±5 minutes of the wait. */
  estimatedWithin5Min: number;
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
  /** The wait the ticket was promised when issued (null: none). */
  estimatedWaitSeconds: number | null;
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
  return {
    issued: 0,
    served: 0,
    noShow: 0,
    cancelled: 0,
    transferred: 0,
    priority: 0,
    wait: [],
    priorityWait: [],
    service: [],
    ratings: {},
    estimated: 0,
    estimateAbsErrorSeconds: 0,
    estimateErrorSeconds: 0,
    estimatedWithin5Min: 0,
  };
}

function addRating(ratings: Record<string, number>, key: string, count: number): void {
  ratings[key] = (ratings[key] ?? 0) + count;
}

/** Adds `from` into `into` (in place) and returns `into`. */
export function mergeFigures(into: ReportFigures, from: ReportFigures): ReportFigures {
  addCounts(into, from);
  into.wait = mergeHistograms(into.wait, from.wait);
  into.priorityWait = mergeHistograms(into.priorityWait, from.priorityWait);
  into.service = mergeHistograms(into.service, from.service);
  return into;
}

/** Adds everything of `from` but its histograms into `into`. */
function addCounts(into: ReportFigures, from: ReportFigures): void {
  into.issued += from.issued;
  into.served += from.served;
  into.noShow += from.noShow;
  into.cancelled += from.cancelled;
  into.transferred += from.transferred;
  into.priority += from.priority;
  for (const [key, count] of Object.entries(from.ratings)) addRating(into.ratings, key, count);
  into.estimated += from.estimated;
  into.estimateAbsErrorSeconds += from.estimateAbsErrorSeconds;
  into.estimateErrorSeconds += from.estimateErrorSeconds;
  into.estimatedWithin5Min += from.estimatedWithin5Min;
}

/**
 * Many cells' figures summed (a year of days, say): the histograms are added into dense arrays
 * indexed by the second, one addition a pair, and given back as pairs once, at the end. Merging
 * pair lists one day after another would copy the growing list for every day.
 */
export class FiguresSum {
  private readonly sum = emptyFigures();
  private readonly dense = { wait: [] as number[], priorityWait: [] as number[], service: [] as number[] };
  /** The only figures added so far: a sum of one is those figures (a day of a by-day report). */
  private first: ReportFigures | null = null;
  private count = 0;

  add(from: ReportFigures): this {
    this.count += 1;
    if (this.count === 1) {
      this.first = from;
      return this;
    }
    if (this.first) {
      const first = this.first;
      this.first = null;
      this.fold(first);
    }
    this.fold(from);
    return this;
  }

  figures(): ReportFigures {
    if (this.first) return { ...this.first, ratings: { ...this.first.ratings } };
    return { ...this.sum, ratings: { ...this.sum.ratings }, wait: pairsOf(this.dense.wait), priorityWait: pairsOf(this.dense.priorityWait), service: pairsOf(this.dense.service) };
  }

  private fold(from: ReportFigures): void {
    addCounts(this.sum, from);
    addDense(this.dense.wait, from.wait);
    addDense(this.dense.priorityWait, from.priorityWait);
    addDense(this.dense.service, from.service);
  }
}

const seconds = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));

/** The figures of one cell while a day is rolled up: the histograms tallied in maps. */
interface CellTally {
  figures: ReportFigures;
  wait: Tally;
  priorityWait: Tally;
  service: Tally;
}

const tally = (into: Tally, value: number) => into.set(value, (into.get(value) ?? 0) + 1);
/** An estimate within this of the wait counts as right (the issue's "within ±5 minutes"). */
const ESTIMATE_TOLERANCE_SECONDS = 300;

/** The ticket's part of the figures: `issued` (counted where the ticket was issued) apart from the rest (counted where it ended). */
function addOutcome(cell: CellTally, ticket: ReportTicket): void {
  const figures = cell.figures;
  if (ticket.status === 'done') figures.served += 1;
  else if (ticket.status === 'no_show') figures.noShow += 1;
  else if (ticket.status === 'cancelled') figures.cancelled += 1;
  if (ticket.transferCount > 0) figures.transferred += 1;
  if (ticket.calledAt !== null) {
    const wait = seconds(ticket.issuedAt, ticket.calledAt);
    tally(cell.wait, wait);
    if (ticket.priority !== 'normal') tally(cell.priorityWait, wait);
    if (ticket.estimatedWaitSeconds !== null) {
      const error = ticket.estimatedWaitSeconds - wait;
      figures.estimated += 1;
      figures.estimateErrorSeconds += error;
      figures.estimateAbsErrorSeconds += Math.abs(error);
      if (Math.abs(error) <= ESTIMATE_TOLERANCE_SECONDS) figures.estimatedWithin5Min += 1;
    }
  }
  if (ticket.status === 'done' && ticket.finishedAt !== null) {
    const began = ticket.startedAt ?? ticket.calledAt;
    if (began !== null) tally(cell.service, seconds(began, ticket.finishedAt));
  }
  if (ticket.rating) addRating(figures.ratings, `${ticket.rating.levels}:${ticket.rating.score}`, 1);
}

function addIssue(cell: CellTally, ticket: ReportTicket): void {
  cell.figures.issued += 1;
  if (ticket.priority !== 'normal') cell.figures.priority += 1;
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

function cellAt(map: Map<string, CellTally>, key: string): CellTally {
  let cell = map.get(key);
  if (!cell) {
    cell = { figures: emptyFigures(), wait: new Map(), priorityWait: new Map(), service: new Map() };
    map.set(key, cell);
  }
  return cell;
}

/**
 * Tickets rolled up along every dimension. A ticket counts as issued in the field it was issued in
 * and with the rest (outcome, waits, estimate, rating) in the field it ended in; at a counter and
 * for a clerk when one called it (a ticket never called belongs to neither); in the hour of the day
 * it was issued.
 */
export function rollUp(tickets: Iterable<ReportTicket>, timeZone: string): DayRollup {
  const cells: Record<RollupDimension, Map<string, CellTally>> = { all: new Map(), service: new Map(), counter: new Map(), staff: new Map(), hour: new Map() };
  const hourOf = hourCache(timeZone);
  for (const ticket of tickets) {
    const all = cellAt(cells.all, '');
    addIssue(all, ticket);
    addOutcome(all, ticket);
    addIssue(cellAt(cells.service, String(ticket.issueServiceId)), ticket);
    addOutcome(cellAt(cells.service, String(ticket.serviceId)), ticket);
    const hour = cellAt(cells.hour, String(hourOf(ticket.issuedAt)));
    addIssue(hour, ticket);
    addOutcome(hour, ticket);
    for (const [dimension, id] of [
      ['counter', ticket.counterId],
      ['staff', ticket.servedBy],
    ] as const) {
      if (id === null) continue;
      const cell = cellAt(cells[dimension], String(id));
      addIssue(cell, ticket);
      addOutcome(cell, ticket);
    }
  }
  const rollup = {} as DayRollup;
  for (const dimension of ROLLUP_DIMENSIONS) {
    rollup[dimension] = new Map(
      [...cells[dimension]].map(([key, cell]) => [key, { ...cell.figures, wait: histogramOf(cell.wait), priorityWait: histogramOf(cell.priorityWait), service: histogramOf(cell.service) }]),
    );
  }
  return rollup;
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
  /** Called tickets that had an estimate at issue, and how far the estimates were from the waits. */
  estimates: number;
  estimateMeanAbsErrorSeconds: number | null;
  /** Mean of estimate − wait: below 0, the estimates promised less than the wait. */
  estimateBiasSeconds: number | null;
  estimateWithin5MinShare: number | null;
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
    estimates: figures.estimated,
    estimateMeanAbsErrorSeconds: figures.estimated === 0 ? null : Math.round(figures.estimateAbsErrorSeconds / figures.estimated),
    estimateBiasSeconds: figures.estimated === 0 ? null : Math.round(figures.estimateErrorSeconds / figures.estimated),
    estimateWithin5MinShare: figures.estimated === 0 ? null : figures.estimatedWithin5Min / figures.estimated,
  };
}
