import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';
import { LoginThrottle } from './login-throttle.js';

describe('login throttle', () => {
  it('locks a key after too many failures and unlocks after the lock time', () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const throttle = new LoginThrottle(clock, { maxFailures: 3, windowSeconds: 60, lockSeconds: 300 });
    throttle.recordFailure('u');
    throttle.recordFailure('u');
    expect(throttle.retryAfter('u')).toBe(0);
    throttle.recordFailure('u');
    expect(throttle.retryAfter('u')).toBe(300);
    clock.advance(299_000);
    expect(throttle.retryAfter('u')).toBe(1);
    clock.advance(1_000);
    expect(throttle.retryAfter('u')).toBe(0);
  });

  it('forgets failures older than the window and resets on success', () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const throttle = new LoginThrottle(clock, { maxFailures: 2, windowSeconds: 60, lockSeconds: 300 });
    throttle.recordFailure('u');
    clock.advance(61_000);
    throttle.recordFailure('u');
    expect(throttle.retryAfter('u')).toBe(0);
    throttle.recordSuccess('u');
    throttle.recordFailure('u');
    expect(throttle.retryAfter('u')).toBe(0);
  });

  it('keeps its memory bounded', () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const throttle = new LoginThrottle(clock, { maxFailures: 1, windowSeconds: 60, lockSeconds: 300 }, 100);
    for (let i = 0; i < 1_000; i++) throttle.recordFailure(`k${i}`);
    expect(throttle.retryAfter('k999')).toBe(300);
    expect(throttle.retryAfter('k0')).toBe(0); // evicted, oldest first
  });
});
