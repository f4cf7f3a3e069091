/** What an estimate of the wait reads: the queue as it stands when a citizen takes a ticket. */
export interface EtaInput {
  /** People before the newcomer in the field's queue (priority tickets go first). */
  ahead: number;
  /** The field. */
  serviceId: number;
  /** The open counters serving the field, with every field each of them serves. */
  counters: readonly { serviceIds: readonly number[] }[];
  /** Citizens waiting now, per field (the newcomer counted). */
  waiting: ReadonlyMap<number, number>;
  /** The field's latest clerk times per citizen today, call → finish, in seconds, newest first. */
  recentCycleSeconds: readonly number[];
  /** The field's configured service time, used until the day has measurements. */
  defaultServiceSeconds: number;
}

/** Fewer measurements than this and the field's configured time is used. */
const MIN_MEASUREMENTS = 3;
/** A call → start walk the configured service time does not count (clerks configure the talk). */
const WALK_SECONDS = 45;

/**
 * Estimated wait, in seconds, for a citizen with `ahead` people before them (issue 13 measured it
 * against the waits that followed, see the README's reports section):
 * - the clerk time per citizen is the mean of the field's latest call → finish times (the walk to
 *   the counter and the talk: what frees a counter, and a mean, because a queue drains at the mean);
 * - a counter that also serves other fields with people waiting gives this field its share of its
 *   time (1 / the number of its fields with people waiting), not all of it;
 * - the citizen at the front still waits for the first counter to free up: half a clerk time per
 *   counter share, once somebody is ahead.
 * null when no counter serving the field is open: nobody can promise a time then.
 */
export function estimateWaitSeconds(input: EtaInput): number | null {
  const counters = counterShare(input);
  if (counters <= 0) return null;
  if (input.ahead === 0) return 0;
  const perCitizen = clerkSecondsPerCitizen(input.recentCycleSeconds, input.defaultServiceSeconds);
  return Math.round(((input.ahead + 0.5) / counters) * perCitizen);
}

/** The open counters' time given to the field, in counters: each gives 1 / its fields with people waiting. */
export function counterShare(input: Pick<EtaInput, 'serviceId' | 'counters' | 'waiting'>): number {
  let share = 0;
  for (const counter of input.counters) {
    if (!counter.serviceIds.includes(input.serviceId)) continue;
    const busyFields = counter.serviceIds.filter((id) => id === input.serviceId || (input.waiting.get(id) ?? 0) > 0).length;
    share += 1 / busyFields;
  }
  return share;
}

export function clerkSecondsPerCitizen(recent: readonly number[], configured: number): number {
  if (recent.length < MIN_MEASUREMENTS) return configured + WALK_SECONDS;
  return recent.reduce((sum, seconds) => sum + seconds, 0) / recent.length;
}
