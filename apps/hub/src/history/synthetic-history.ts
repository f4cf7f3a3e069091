import { addDays, DEFAULT_QUEUE_RULES, estimateWaitSeconds, instantOfLocal, localTime, pickNext, type Priority, type QueueRules, type TicketStatus } from '@qms/core';
import { replayEstimates } from './estimate-replay.js';

/**
 * A synthetic history of a busy centre, for the reports' tests and benchmark: realistic arrivals by
 * weekday and hour of the day, fields weighted, a few priority citizens, waits that come out of a
 * simulation of the counters serving their fields (not drawn at random), no-shows, tickets still
 * waiting at closing time cancelled, and ratings. Deterministic for a seed.
 */

export interface HistoryService {
  id: number;
  prefix: string;
  rangeStart: number;
  defaultServiceSeconds: number;
}

export interface HistoryCounter {
  id: number;
  /** The fields it serves, in its order. */
  serviceIds: number[];
  /** The clerk who works there (served_by), or null. */
  staffId: number | null;
}

export interface HistoryTicket {
  businessDay: string;
  serviceId: number;
  number: number;
  label: string;
  priority: Priority;
  status: TicketStatus;
  counterId: number | null;
  servedBy: number | null;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  rating: number | null;
  /** The wait the kiosk would have printed at issue (core's estimate, replayed), null when none. */
  estimatedWaitSeconds: number | null;
}

export interface HistoryOptions {
  /** Tickets on an ordinary weekday (Monday has more, Saturday a morning's worth, Sunday none). */
  perDay: number;
  seed: number;
  timeZone: string;
  ratingLevels: number;
  /** The hub's queue rules (the maximum wait before a ticket goes to the front); the defaults when absent. */
  rules?: QueueRules;
}

/** Mulberry32: a small, fast, seeded generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** ISO weekday (1 = Monday) → share of an ordinary day's citizens. */
const WEEKDAY_FACTOR: Record<number, number> = { 1: 1.2, 2: 1.05, 3: 1, 4: 0.95, 5: 0.9, 6: 0.35, 7: 0 };
/** Office hours of a commune centre: 07:30–11:30 and 13:30–17:00 on weekdays, the morning on Saturday. */
const MORNING = { open: 7 * 60 + 30, close: 11 * 60 + 30 };
const AFTERNOON = { open: 13 * 60 + 30, close: 17 * 60 };
/** Arrivals per local hour (relative): a morning peak, a smaller one after lunch. */
const HOUR_WEIGHT: Record<number, number> = { 7: 0.9, 8: 1.6, 9: 1.5, 10: 1.2, 11: 0.4, 13: 0.6, 14: 1.2, 15: 1.1, 16: 0.7 };
const PRIORITY_SHARES: [Priority, number][] = [
  ['elderly', 0.05],
  ['disabled', 0.01],
  ['pregnant', 0.01],
  ['child', 0.01],
];
const NO_SHOW_SHARE = 0.04;
const RATED_SHARE = 0.6;
/** Share of ratings at each level from the best down (the rest of a longer scale shares the last). */
const RATING_SHARES = [0.7, 0.22, 0.06, 0.02];
/** The clerk's time on a no-show: the call, a recall, then the next citizen. */
const NO_SHOW_SECONDS = 90;
/** From the call to the counter: 20 to 80 seconds. */
const MEAN_WALK_SECONDS = 50;

/** A normal variate (Box–Muller). */
function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function pick<T>(random: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let at = random() * total;
  for (const [value, weight] of weighted) {
    at -= weight;
    if (at < 0) return value;
  }
  return (weighted[weighted.length - 1] as readonly [T, number])[0];
}

/** The minutes of the local day the centre is open on a weekday (Saturday: the morning). */
function openMinutes(weekday: number): { open: number; close: number }[] {
  return weekday === 6 ? [MORNING] : weekday === 7 ? [] : [MORNING, AFTERNOON];
}

interface Waiting {
  /** Its place in the day's arrivals (the ticket's id for the queue's order). */
  id: number;
  ticket: HistoryTicket;
  arrival: number;
}

/**
 * The tickets of one business day: arrivals drawn, then the counters simulated minute by minute of
 * the open periods (each free counter takes the first priority ticket, else the longest waiting, of
 * its fields in its order). Service times are the fields' default times, lognormal, scaled down
 * when a field's load would pass 85 % of the counter time it gets (so a busy day stays a busy day,
 * not an endless one). Tickets still waiting at closing time are cancelled.
 */
export function historyDay(day: string, services: HistoryService[], counters: HistoryCounter[], options: HistoryOptions, random: () => number): HistoryTicket[] {
  const weekday = localTime(instantOfLocal(day, 12 * 60, options.timeZone), options.timeZone).weekday;
  const periods = openMinutes(weekday);
  const served = new Set(counters.flatMap((counter) => counter.serviceIds));
  const fields = services.filter((service) => served.has(service.id));
  if (periods.length === 0 || fields.length === 0) return [];
  const count = Math.max(0, Math.round(options.perDay * (WEEKDAY_FACTOR[weekday] ?? 0) * (1 + 0.12 * gaussian(random))));
  // Fields: the first ones of the centre's list are the busy ones.
  const fieldWeights = fields.map((service, index) => [service, 1 / (index + 1.5)] as const);
  const minuteWeights: [number, number][] = [];
  for (const { open, close } of periods) for (let minute = open; minute < close - 10; minute++) minuteWeights.push([minute, HOUR_WEIGHT[Math.floor(minute / 60)] ?? 0.3]);

  const arrivals: Waiting[] = [];
  const numbers = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const service = pick(random, fieldWeights);
    const minute = pick(random, minuteWeights);
    const arrival = minute * 60 + Math.floor(random() * 60);
    const priority = pick(random, [...PRIORITY_SHARES, ['normal', 1 - PRIORITY_SHARES.reduce((sum, [, share]) => sum + share, 0)] as const]);
    // Past the end of its range a field goes on counting (A1000): the generator does not model a full range.
    const sequence = numbers.get(service.id) ?? 0;
    numbers.set(service.id, sequence + 1);
    arrivals.push({
      id: 0,
      arrival,
      ticket: {
        businessDay: day,
        serviceId: service.id,
        number: service.rangeStart + sequence,
        label: '',
        priority,
        status: 'waiting',
        counterId: null,
        servedBy: null,
        issuedAt: '',
        calledAt: null,
        startedAt: null,
        finishedAt: null,
        rating: null,
        estimatedWaitSeconds: null,
      },
    });
  }
  arrivals.sort((a, b) => a.arrival - b.arrival);
  const dayStart = instantOfLocal(day, 0, options.timeZone).getTime();
  const iso = (secondOfDay: number) => new Date(dayStart + secondOfDay * 1000).toISOString();
  for (const [index, waiting] of arrivals.entries()) {
    const { ticket } = waiting;
    waiting.id = index + 1;
    ticket.issuedAt = iso(waiting.arrival);
    const service = services.find((s) => s.id === ticket.serviceId) as HistoryService;
    ticket.label = `${service.prefix}${String(ticket.number).padStart(3, '0')}`;
  }

  // Each field's load (walk and talk) held under 85 % of the counter time it gets (a counter's time
  // shared evenly by its fields): a centre given more citizens than its counters can take serves faster.
  const counterSeconds = periods.reduce((sum, { open, close }) => sum + (close - open) * 60, 0);
  const capacity = new Map<number, number>();
  for (const counter of counters) for (const id of counter.serviceIds) capacity.set(id, (capacity.get(id) ?? 0) + counterSeconds / counter.serviceIds.length);
  const demand = new Map<number, number>();
  for (const { ticket } of arrivals)
    demand.set(ticket.serviceId, (demand.get(ticket.serviceId) ?? 0) + (services.find((s) => s.id === ticket.serviceId)?.defaultServiceSeconds ?? 300) + MEAN_WALK_SECONDS);
  const scaleOf = (serviceId: number) => Math.min(1, (0.85 * (capacity.get(serviceId) ?? 0)) / Math.max(1, demand.get(serviceId) ?? 0));

  // The simulation, one counter event at a time.
  const queues = new Map<number, { priority: Waiting[]; normal: Waiting[] }>(fields.map((service) => [service.id, { priority: [], normal: [] }]));
  let next = 0;
  const lastClose = (periods[periods.length - 1] as { close: number }).close * 60;
  const freeAt = counters.map(() => (periods[0] as { open: number }).open * 60);
  const admit = (until: number) => {
    while (next < arrivals.length && (arrivals[next] as Waiting).arrival <= until) {
      const waiting = arrivals[next++] as Waiting;
      const queue = queues.get(waiting.ticket.serviceId);
      if (queue) (waiting.ticket.priority === 'normal' ? queue.normal : queue.priority).push(waiting);
    }
  };
  for (;;) {
    // The counter free first; a counter free during lunch starts again when the afternoon opens.
    let which = 0;
    for (let i = 1; i < freeAt.length; i++) if ((freeAt[i] as number) < (freeAt[which] as number)) which = i;
    let now = freeAt[which] as number;
    const period = periods.find(({ open, close }) => now < close * 60 && now >= open * 60) ?? periods.find(({ open }) => now < open * 60);
    if (!period || now >= lastClose) break;
    now = Math.max(now, period.open * 60);
    admit(now);
    const counter = counters[which] as HistoryCounter;
    // The hub's own order (core's pickNext): the front group, then the longest wait across the counter's fields.
    const heads = [];
    for (const serviceId of counter.serviceIds) {
      const queue = queues.get(serviceId);
      for (const head of [queue?.priority[0], queue?.normal[0]]) {
        if (head) heads.push({ id: head.id, serviceId, priority: head.ticket.priority, issuedAt: head.ticket.issuedAt, status: head.ticket.status });
      }
    }
    const chosen = pickNext(heads, counter, new Date(dayStart + now * 1000), options.rules ?? DEFAULT_QUEUE_RULES);
    let taken: Waiting | undefined;
    if (chosen) {
      const queue = queues.get(chosen.serviceId) as { priority: Waiting[]; normal: Waiting[] };
      taken = (chosen.priority === 'normal' ? queue.normal : queue.priority).shift();
    }
    if (!taken) {
      // Idle until the next citizen arrives (or the period ends).
      const arrival = next < arrivals.length ? (arrivals[next] as Waiting).arrival : lastClose;
      freeAt[which] = Math.max(now + 30, arrival);
      continue;
    }
    const ticket = taken.ticket;
    ticket.counterId = counter.id;
    ticket.servedBy = counter.staffId;
    ticket.calledAt = iso(now);
    if (random() < NO_SHOW_SHARE) {
      ticket.status = 'no_show';
      freeAt[which] = now + Math.round(NO_SHOW_SECONDS * scaleOf(ticket.serviceId));
      continue;
    }
    const scale = scaleOf(ticket.serviceId);
    const mean = (services.find((s) => s.id === ticket.serviceId)?.defaultServiceSeconds ?? 300) * scale;
    const walk = Math.round((MEAN_WALK_SECONDS - 30 + random() * 60) * scale);
    const service = Math.max(15, Math.round(mean * Math.exp(0.45 * gaussian(random) - 0.1)));
    ticket.startedAt = iso(now + walk);
    ticket.finishedAt = iso(now + walk + service);
    ticket.status = 'done';
    if (random() < RATED_SHARE) {
      const level = pick(
        random,
        RATING_SHARES.slice(0, options.ratingLevels).map((share, index) => [index, share] as const),
      );
      ticket.rating = options.ratingLevels - level;
    }
    freeAt[which] = now + walk + service;
  }
  for (const { ticket } of arrivals) {
    if (ticket.status === 'waiting') {
      ticket.status = 'cancelled';
      ticket.finishedAt = iso(lastClose);
    }
  }
  const tickets = arrivals.map(({ ticket }) => ticket);
  const estimates = replayEstimates(tickets, services, counters, estimateWaitSeconds);
  tickets.forEach((ticket, index) => (ticket.estimatedWaitSeconds = estimates[index] ?? null));
  return tickets;
}

/** The business days of a history of `days` days ending the day before `today`. */
export function historyDays(today: string, days: number): string[] {
  return Array.from({ length: days }, (_, index) => addDays(today, index - days));
}
