import { describe, expect, it } from 'vitest';
import { replayEstimates, type ReplayInput } from './estimate-replay.js';
import type { HistoryTicket } from './synthetic-history.js';

const at = (second: number) => new Date(Date.parse('2026-11-20T01:00:00.000Z') + second * 1000).toISOString();
function ticket(serviceId: number, issued: number, called: number | null, finished: number | null, priority: HistoryTicket['priority'] = 'normal'): HistoryTicket {
  return {
    businessDay: '2026-11-20',
    serviceId,
    number: 1,
    label: 'A001',
    priority,
    status: finished !== null ? 'done' : called !== null ? 'no_show' : 'cancelled',
    counterId: called === null ? null : 1,
    servedBy: null,
    issuedAt: at(issued),
    calledAt: called === null ? null : at(called),
    startedAt: called === null ? null : at(called + 20),
    finishedAt: finished === null ? null : at(finished),
    rating: null,
    estimatedWaitSeconds: null,
  };
}

describe('replaying a day for its estimates', () => {
  it('gives each estimate the queue as it stood at the second of issue', () => {
    const services = [
      { id: 1, prefix: 'A', rangeStart: 1, defaultServiceSeconds: 300 },
      { id: 2, prefix: 'B', rangeStart: 1, defaultServiceSeconds: 300 },
    ];
    const counters = [{ id: 1, serviceIds: [1, 2], staffId: null }];
    const seen: ReplayInput[] = [];
    const tickets = [
      ticket(1, 0, 0, 100), // called the second it arrived: the counter was free
      ticket(1, 10, 100, 200), // one ahead (the first is being served, not waiting: 0 ahead)
      ticket(2, 20, 200, 290),
      ticket(1, 30, 290, null), // a no-show
      ticket(1, 40, null, null, 'elderly'), // priority: nobody of its class ahead
      ticket(1, 290, null, null), // at 290 the B ticket finished (its time is measured) and the no-show was called after this issue
    ];
    const estimates = replayEstimates(tickets, services, counters, (input) => {
      seen.push({ ...input, waiting: new Map(input.waiting), recentCycleSeconds: [...input.recentCycleSeconds], recentServiceSeconds: [...input.recentServiceSeconds] });
      return input.ahead;
    });
    expect(estimates).toEqual([0, 0, 0, 1, 0, 2]);
    expect(seen[3]?.waiting).toEqual(
      new Map([
        [1, 2],
        [2, 1],
      ]),
    );
    // By 290 two of field 1 finished (call → finish 100 s each; start → finish 80 s); field 2's time is its own.
    expect(seen[5]).toMatchObject({ serviceId: 1, recentCycleSeconds: [100, 100], recentServiceSeconds: [80, 80], defaultServiceSeconds: 300 });
    expect(seen[5]?.counters).toEqual([counters[0]]);
  });
});
