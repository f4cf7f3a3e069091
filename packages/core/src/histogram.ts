/**
 * Histograms of whole seconds (waits, service times), in the form the report roll-ups keep and
 * merge exactly, and what the reports read off them (mean, nearest-rank percentiles, shares).
 */

/**
 * Whole seconds → how many tickets, as a flat list of pairs in increasing order of the seconds:
 * [seconds, count, seconds, count, …]. An array of numbers stores small and parses fast (a year's
 * report parses thousands of them), and two of them merge in one pass.
 */
export type Histogram = number[];

/** The pairs of two histograms merged (a new list). */
export function mergeHistograms(a: Histogram, b: Histogram): Histogram {
  if (b.length === 0) return a;
  if (a.length === 0) return b.slice();
  const merged: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const va = i < a.length ? (a[i] as number) : Infinity;
    const vb = j < b.length ? (b[j] as number) : Infinity;
    if (va < vb) {
      merged.push(va, a[i + 1] as number);
      i += 2;
    } else if (vb < va) {
      merged.push(vb, b[j + 1] as number);
      j += 2;
    } else {
      merged.push(va, (a[i + 1] as number) + (b[j + 1] as number));
      i += 2;
      j += 2;
    }
  }
  return merged;
}

/** Whole seconds → count while a day is rolled up; `histogramOf` gives its sorted pairs. */
export type Tally = Map<number, number>;

export function histogramOf(tally: Tally): Histogram {
  const values = [...tally.keys()].sort((a, b) => a - b);
  const pairs: number[] = [];
  for (const value of values) pairs.push(value, tally.get(value) as number);
  return pairs;
}

/** Adds a histogram's pairs into a dense array indexed by the second (grown as needed). */
export function addDense(dense: number[], histogram: Histogram): void {
  for (let i = 0; i < histogram.length; i += 2) {
    const value = histogram[i] as number;
    while (dense.length <= value) dense.push(0);
    dense[value] = (dense[value] as number) + (histogram[i + 1] as number);
  }
}

/** The pairs of a dense array's non-zero seconds. */
export function pairsOf(dense: readonly number[]): Histogram {
  const pairs: number[] = [];
  for (let value = 0; value < dense.length; value++) if ((dense[value] as number) > 0) pairs.push(value, dense[value] as number);
  return pairs;
}

export interface Distribution {
  count: number;
  mean: number | null;
  /** Nearest rank: the value at rank ceil(p × n) of the sorted values. */
  median: number | null;
  p90: number | null;
  max: number | null;
}

/** The p-th percentile (0 < p ≤ 1) by the nearest-rank rule, of a histogram of `total` values. */
function nearestRank(histogram: Histogram, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i += 2) {
    seen += histogram[i + 1] as number;
    if (seen >= rank) return histogram[i] as number;
  }
  return null;
}

export function distribution(histogram: Histogram): Distribution {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < histogram.length; i += 2) {
    const n = histogram[i + 1] as number;
    count += n;
    sum += (histogram[i] as number) * n;
  }
  if (count === 0) return { count, mean: null, median: null, p90: null, max: null };
  return {
    count,
    mean: Math.round(sum / count),
    median: nearestRank(histogram, count, 0.5),
    p90: nearestRank(histogram, count, 0.9),
    max: histogram[histogram.length - 2] ?? null,
  };
}

/** The share of values above `limit`, null when there are none. */
export function shareAbove(histogram: Histogram, limit: number): number | null {
  let count = 0;
  let above = 0;
  for (let i = 0; i < histogram.length; i += 2) {
    const n = histogram[i + 1] as number;
    count += n;
    if ((histogram[i] as number) > limit) above += n;
  }
  return count === 0 ? null : above / count;
}
