import { describe, expect, it } from 'vitest';
import { distribution, mergeHistograms, shareAbove } from './histogram.js';
import { emptyFigures, mergeFigures, type ReportTicket, ratingSummary, reportRowFigures, rollUp } from './report-figures.js';

const TZ = 'Asia/Ho_Chi_Minh';
const base: ReportTicket = {
  businessDay: '2026-11-30',
  issueServiceId: 1,
  serviceId: 1,
  counterId: 1,
  servedBy: 7,
  priority: 'normal',
  status: 'done',
  issuedAt: '2026-11-30T01:00:00.000Z',
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  transferCount: 0,
  rating: null,
  estimatedWaitSeconds: null,
};
/** A ticket issued at 08:00 local (01:00Z) that waited `wait` s and was served for `service` s. */
function served(wait: number, service: number, changes: Partial<ReportTicket> = {}): ReportTicket {
  const issued = Date.parse(changes.issuedAt ?? base.issuedAt);
  return {
    ...base,
    calledAt: new Date(issued + wait * 1000).toISOString(),
    startedAt: new Date(issued + wait * 1000 + 5000).toISOString(),
    finishedAt: new Date(issued + wait * 1000 + 5000 + service * 1000).toISOString(),
    ...changes,
  };
}

describe('report figures', () => {
  it('mean, median and p90 by the nearest-rank rule, and max', () => {
    // waits 60..600 s in steps of 60: ten values
    const figures =
      rollUp(
        Array.from({ length: 10 }, (_, i) => served(60 * (i + 1), 100 + i)),
        TZ,
      ).all.get('') ?? emptyFigures();
    const wait = distribution(figures.wait);
    expect(wait).toEqual({ count: 10, mean: 330, median: 300, p90: 540, max: 600 });
    expect(distribution(figures.service)).toMatchObject({ count: 10, mean: 105, median: 104, p90: 108, max: 109 });
    expect(shareAbove(figures.wait, 15 * 60)).toBe(0);
    expect(shareAbove(figures.wait, 300)).toBe(0.5);
    expect(distribution([])).toEqual({ count: 0, mean: null, median: null, p90: null, max: null });
  });

  it('p90 of 11 values is the 10th (ceil(9.9)), of 1 value that value', () => {
    expect(distribution(Array.from({ length: 11 }, (_, i) => [i + 1, 1]).flat()).p90).toBe(10);
    expect(distribution([42, 1]).p90).toBe(42);
  });

  it('issued counts where the ticket was issued, the outcome where it ended; no-shows and cancels have no service time', () => {
    const tickets: ReportTicket[] = [
      served(120, 300, { issueServiceId: 1, serviceId: 2, transferCount: 1 }),
      { ...base, status: 'no_show', calledAt: '2026-11-30T01:10:00.000Z' },
      { ...base, status: 'cancelled', counterId: null, servedBy: null },
      served(30, 60, { priority: 'elderly', rating: { score: 4, levels: 4 } }),
    ];
    const rollup = rollUp(tickets, TZ);
    expect(rollup.service.get('1')).toMatchObject({ issued: 4, served: 1, noShow: 1, cancelled: 1, transferred: 0, priority: 1 });
    expect(rollup.service.get('2')).toMatchObject({ issued: 0, served: 1, transferred: 1 });
    expect(rollup.all.get('')).toMatchObject({ issued: 4, served: 2, noShow: 1, cancelled: 1, transferred: 1, priority: 1, priorityWait: [30, 1] });
    expect(distribution(rollup.all.get('')?.service ?? []).count).toBe(2);
    // the cancelled ticket was never called: no counter, no clerk
    expect(rollup.counter.get('1')?.issued).toBe(3);
    expect(rollup.staff.get('7')?.issued).toBe(3);
    expect([...rollup.counter.keys()]).toEqual(['1']);
  });

  it('the hour is the local hour of issue: 17:00 UTC is midnight in Hà Nội, the next day', () => {
    const rollup = rollUp([served(60, 60, { issuedAt: '2026-11-29T17:00:00.000Z' }), served(60, 60, { issuedAt: '2026-11-30T16:59:59.000Z' }), served(60, 60)], TZ);
    expect([...rollup.hour.keys()].sort()).toEqual(['0', '23', '8']);
  });

  it('merging days gives the figures of all their tickets', () => {
    const day1 = [served(60, 60), served(180, 60)];
    const day2 = [served(120, 60), served(600, 60), served(240, 60)];
    const merged = mergeFigures(mergeFigures(emptyFigures(), rollUp(day1, TZ).all.get('') ?? emptyFigures()), rollUp(day2, TZ).all.get('') ?? emptyFigures());
    expect(merged).toEqual(rollUp([...day1, ...day2], TZ).all.get(''));
    expect(distribution(merged.wait)).toEqual({ count: 5, mean: 240, median: 180, p90: 600, max: 600 });
    expect(merged.wait).toEqual([60, 1, 120, 1, 180, 1, 240, 1, 600, 1]);
  });

  it('histograms merge as sorted pairs, counts of equal seconds added', () => {
    expect(mergeHistograms([5, 1, 9, 2], [1, 3, 9, 1, 12, 4])).toEqual([1, 3, 5, 1, 9, 3, 12, 4]);
    expect(mergeHistograms([], [7, 1])).toEqual([7, 1]);
    expect(mergeHistograms([7, 1], [])).toEqual([7, 1]);
  });

  it("the estimate's error: mean of |estimate − wait|, the bias, and the share within ±5 minutes, over the called tickets that had one", () => {
    const tickets = [
      served(600, 60, { estimatedWaitSeconds: 300 }), // 300 s short: within
      served(600, 60, { estimatedWaitSeconds: 1000 }), // 400 s long: outside
      served(100, 60, { estimatedWaitSeconds: 0 }), // 100 s short: within
      served(100, 60), // no estimate (no counter was open)
      { ...base, status: 'cancelled' as const, estimatedWaitSeconds: 60 }, // never called: no wait to measure
    ];
    const figures = rollUp(tickets, TZ).all.get('') ?? emptyFigures();
    expect(figures).toMatchObject({ estimated: 3, estimateAbsErrorSeconds: 800, estimateErrorSeconds: -300 + 400 - 100, estimatedWithin5Min: 2 });
    expect(reportRowFigures(figures, { ratingLevels: 4, targetSeconds: 900 })).toMatchObject({
      estimates: 3,
      estimateMeanAbsErrorSeconds: 267,
      estimateBiasSeconds: 0,
      estimateWithin5MinShare: 2 / 3,
    });
    expect(reportRowFigures(emptyFigures(), { ratingLevels: 4, targetSeconds: 900 })).toMatchObject({
      estimates: 0,
      estimateMeanAbsErrorSeconds: null,
      estimateBiasSeconds: null,
      estimateWithin5MinShare: null,
    });
  });

  it('satisfied = the two best levels of the scale each rating was given on', () => {
    const summary = ratingSummary({ '4:4': 3, '4:3': 1, '4:2': 1, '4:1': 0, '5:4': 1, '5:3': 2 }, 4);
    expect(summary.count).toBe(8);
    expect(summary.satisfiedShare).toBe(5 / 8);
    expect(summary.shares).toEqual([
      { score: 4, share: 3 / 8 },
      { score: 3, share: 1 / 8 },
      { score: 2, share: 1 / 8 },
      { score: 1, share: 0 },
    ]);
    expect(ratingSummary({}, 4).satisfiedShare).toBeNull();
  });
});
