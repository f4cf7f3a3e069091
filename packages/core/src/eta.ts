/**
 * Estimated wait, in seconds, for a citizen with `ahead` people before them: the people ahead
 * shared among the open counters serving the field, times the typical service time (today's
 * median when there are enough measurements, else the field's default). null when no counter
 * serving the field is open: nobody can promise a time then.
 */
export function estimateWaitSeconds(input: { ahead: number; openCounters: number; recentServiceSeconds: readonly number[]; defaultServiceSeconds: number }): number | null {
  if (input.openCounters <= 0) return null;
  const perCitizen = typicalServiceSeconds(input.recentServiceSeconds, input.defaultServiceSeconds);
  return Math.round((input.ahead / input.openCounters) * perCitizen);
}

const MIN_MEASUREMENTS = 3;

export function typicalServiceSeconds(recent: readonly number[], fallback: number): number {
  if (recent.length < MIN_MEASUREMENTS) return fallback;
  const sorted = [...recent].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] ?? fallback) : ((sorted[middle - 1] ?? fallback) + (sorted[middle] ?? fallback)) / 2;
  return median;
}
