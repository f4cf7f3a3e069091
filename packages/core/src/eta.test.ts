import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds, typicalServiceSeconds } from './eta.js';

describe('estimated wait', () => {
  it('shares the people ahead among the open counters', () => {
    expect(estimateWaitSeconds({ ahead: 6, openCounters: 2, recentServiceSeconds: [], defaultServiceSeconds: 300 })).toBe(900);
    expect(estimateWaitSeconds({ ahead: 0, openCounters: 1, recentServiceSeconds: [], defaultServiceSeconds: 300 })).toBe(0);
  });

  it('is unknown when no counter serving the field is open', () => {
    expect(estimateWaitSeconds({ ahead: 3, openCounters: 0, recentServiceSeconds: [], defaultServiceSeconds: 300 })).toBeNull();
  });

  it("uses the median of today's service times once there are enough of them", () => {
    expect(typicalServiceSeconds([100, 200], 300)).toBe(300);
    expect(typicalServiceSeconds([100, 900, 200], 300)).toBe(200);
    expect(typicalServiceSeconds([100, 200, 400, 800], 300)).toBe(300);
    expect(estimateWaitSeconds({ ahead: 4, openCounters: 1, recentServiceSeconds: [60, 60, 60], defaultServiceSeconds: 600 })).toBe(240);
  });
});
