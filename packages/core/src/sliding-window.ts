import type { Clock } from './clock.js';

/**
 * At most `max` actions per key (an address) in any window of `windowSeconds`: a sliding window,
 * so a burst at the end of one window and the start of the next is still limited. Memory is
 * bounded: past `maxKeys` keys, the least recently used are forgotten first.
 */
export class SlidingWindowLimiter {
  private readonly actions = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly rule: { max: number; windowSeconds: number },
    private readonly maxKeys = 10_000,
  ) {}

  /** Records an action for the key and returns 0, or, when the key is at its limit, records nothing and returns the seconds until it may act again. */
  take(key: string): number {
    const now = this.clock.now().getTime();
    const windowMs = this.rule.windowSeconds * 1000;
    const recent = (this.actions.get(key) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= this.rule.max) {
      this.actions.set(key, recent);
      // The oldest action in the window leaves it at oldest + window.
      return Math.max(1, Math.ceil(((recent[0] as number) + windowMs - now) / 1000));
    }
    recent.push(now);
    this.actions.delete(key); // re-insert: Map order is least recently used first
    this.actions.set(key, recent);
    while (this.actions.size > this.maxKeys) {
      const oldest = this.actions.keys().next().value;
      if (oldest === undefined) break;
      this.actions.delete(oldest);
    }
    return 0;
  }
}
