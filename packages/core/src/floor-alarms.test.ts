import { describe, expect, it } from 'vitest';
import { floorAlarms } from './floor-alarms.js';

describe('floor alarms', () => {
  const counters = [
    { status: 'open' as const, serviceIds: [1, 2] },
    { status: 'paused' as const, serviceIds: [3] },
  ];

  it('a wait past the target, not at it', () => {
    expect(floorAlarms([{ id: 1, waiting: 2, longestWaitSeconds: 900 }], counters, 900)).toEqual([]);
    expect(floorAlarms([{ id: 1, waiting: 2, longestWaitSeconds: 901 }], counters, 900)).toEqual([{ kind: 'wait_over_target', serviceId: 1, waitedSeconds: 901, targetSeconds: 900 }]);
  });

  it('citizens waiting in a field no open counter serves: its counter paused, or none at all', () => {
    expect(floorAlarms([{ id: 3, waiting: 4, longestWaitSeconds: 60 }], counters, 900)).toEqual([{ kind: 'no_counter', serviceId: 3, waiting: 4 }]);
    expect(floorAlarms([{ id: 9, waiting: 1, longestWaitSeconds: 1000 }], counters, 900).map((alarm) => alarm.kind)).toEqual(['no_counter', 'wait_over_target']);
    // nobody waiting: no alarm, served or not
    expect(floorAlarms([{ id: 3, waiting: 0, longestWaitSeconds: null }], counters, 900)).toEqual([]);
  });
});
