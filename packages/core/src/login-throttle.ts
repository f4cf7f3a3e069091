import type { Clock } from './clock.js';

export interface ThrottleRule {
  /** Failures allowed within the window before the key is locked. */
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

interface Entry {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}

/**
 * Counts failed attempts per key (a user name, an address) and locks a key for a while when it
 * fails too often. Memory is bounded: past `maxKeys`, the oldest entries are forgotten first.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly rule: ThrottleRule,
    private readonly maxKeys = 10_000,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.entries.get(key);
    if (!entry) return 0;
    const now = this.clock.now().getTime();
    return entry.lockedUntil > now ? Math.ceil((entry.lockedUntil - now) / 1000) : 0;
  }

  recordFailure(key: string): void {
    const now = this.clock.now().getTime();
    let entry = this.entries.get(key);
    if (!entry || now - entry.windowStart > this.rule.windowSeconds * 1000) {
      entry = { failures: 0, windowStart: now, lockedUntil: 0 };
    }
    entry.failures += 1;
    if (entry.failures >= this.rule.maxFailures) {
      entry.lockedUntil = now + this.rule.lockSeconds * 1000;
      entry.failures = 0;
      entry.windowStart = now;
    }
    this.entries.delete(key); // re-insert so Map order is least-recently-failed first
    this.entries.set(key, entry);
    while (this.entries.size > this.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  recordSuccess(key: string): void {
    this.entries.delete(key);
  }
}
