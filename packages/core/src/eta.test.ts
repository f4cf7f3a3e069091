import { describe, expect, it } from 'vitest';
import { clerkSecondsPerCitizen, counterShare, estimateWaitSeconds } from './eta.js';

const alone = [{ serviceIds: [1] }];
const input = (over: Partial<Parameters<typeof estimateWaitSeconds>[0]>) => ({
  ahead: 0,
  serviceId: 1,
  counters: alone,
  waiting: new Map<number, number>(),
  recentCycleSeconds: [] as number[],
  defaultServiceSeconds: 300,
  ...over,
});

describe('estimated wait', () => {
  it('is (people ahead + half a citizen) per counter times the clerk time per citizen', () => {
    // Configured 300 s + a 45 s walk until the day has three measurements.
    expect(estimateWaitSeconds(input({ ahead: 6, counters: [{ serviceIds: [1] }, { serviceIds: [1] }] }))).toBe(Math.round((6.5 / 2) * 345));
    expect(estimateWaitSeconds(input({ ahead: 0 }))).toBe(0);
  });

  it('is unknown when no counter serving the field is open', () => {
    expect(estimateWaitSeconds(input({ ahead: 3, counters: [] }))).toBeNull();
    expect(estimateWaitSeconds(input({ ahead: 3, counters: [{ serviceIds: [2] }] }))).toBeNull();
  });

  it("uses the mean of today's call → finish times once there are three", () => {
    expect(clerkSecondsPerCitizen([100, 200], 300)).toBe(345);
    expect(clerkSecondsPerCitizen([100, 900, 200], 300)).toBe(400);
    expect(estimateWaitSeconds(input({ ahead: 4, recentCycleSeconds: [60, 60, 60], defaultServiceSeconds: 600 }))).toBe(270);
  });

  it('counts a counter shared with fields that have people waiting as its share of them', () => {
    const counters = [{ serviceIds: [1, 2] }, { serviceIds: [1, 2, 3] }, { serviceIds: [1] }];
    expect(counterShare({ serviceId: 1, counters, waiting: new Map() })).toBe(3);
    expect(counterShare({ serviceId: 1, counters, waiting: new Map([[2, 4]]) })).toBe(0.5 + 0.5 + 1);
    expect(
      counterShare({
        serviceId: 1,
        counters,
        waiting: new Map([
          [2, 4],
          [3, 1],
        ]),
      }),
    ).toBeCloseTo(0.5 + 1 / 3 + 1);
  });
});
