import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';
import { feedbackText, vietnamesePhone } from './feedback.js';
import { SlidingWindowLimiter } from './sliding-window.js';

describe('feedback', () => {
  it('takes a text of 5 to 2000 characters once trimmed, counting Vietnamese letters as one each', () => {
    expect(feedbackText('  Tốt lắm  ')).toBe('Tốt lắm');
    expect(feedbackText('  abcd ')).toBeNull();
    expect(feedbackText('ừ ừ ừ')).toBe('ừ ừ ừ'); // 5 characters, more UTF-8 bytes
    expect(feedbackText('ệ'.repeat(2000))).toHaveLength(2000);
    expect(feedbackText('ệ'.repeat(2001))).toBeNull();
  });

  it('takes a Vietnamese phone number: 0 and 9 to 10 digits, or +84 without the 0', () => {
    expect(vietnamesePhone('0912 345 678')).toBe('0912345678');
    expect(vietnamesePhone('024.3812.3456')).toBe('02438123456');
    expect(vietnamesePhone('+84 912-345-678')).toBe('+84912345678');
    for (const bad of ['912345678', '09123456', '091234567890', '+840912345678', '+1 415 555 0100', '09123abc78', '']) expect(vietnamesePhone(bad), bad).toBeNull();
  });
});

describe('the sliding-window limiter', () => {
  it('allows 5 actions in any 10 minutes per key, and says when the next one is allowed', () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const limiter = new SlidingWindowLimiter(clock, { max: 5, windowSeconds: 600 });
    for (let i = 0; i < 4; i++) {
      expect(limiter.take('10.0.0.1')).toBe(0);
      clock.advance(60_000); // 01:00, 01:01, 01:02, 01:03
    }
    clock.advance(5 * 60_000); // 01:09
    expect(limiter.take('10.0.0.1')).toBe(0); // the 5th in the window
    expect(limiter.take('10.0.0.1')).toBe(60); // the first leaves the window at 01:10
    expect(limiter.take('10.0.0.2')).toBe(0); // another address is not limited
    clock.advance(60_000); // 01:10: the first action is out, one place is free
    expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBe(60);
  });

  it('forgets the least recently used keys past its size', () => {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    const limiter = new SlidingWindowLimiter(clock, { max: 1, windowSeconds: 600 }, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // forgets a
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('c')).toBe(600);
  });
});
