/** The clock port: every time rule reads "now" from here, so tests never wait. */
export interface Clock {
  now(): Date;
}

/** Cancels what a TimerClock scheduled; calling it twice does nothing. */
export type Cancel = () => void;

/**
 * A clock that also waits: station code schedules its timed rules (forget a scanned citizen after
 * 90 s, give up a press after a minute, look at the printer again) through it, so tests run them on
 * a FakeClock instead of waiting.
 */
export interface TimerClock extends Clock {
  /** Runs `callback` once after `ms`. `background` timers do not keep a Node process alive. */
  schedule(ms: number, callback: () => void, options?: { background?: boolean }): Cancel;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function sleepOn(clock: Pick<TimerClock, 'schedule'>, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const cancel = clock.schedule(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    const onAbort = () => {
      cancel();
      resolve();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: TimerClock = {
  now: () => new Date(),
  schedule(ms, callback, options) {
    const timer = setTimeout(callback, ms) as unknown as { unref?: () => void };
    if (options?.background) timer.unref?.();
    return () => clearTimeout(timer as unknown as ReturnType<typeof setTimeout>);
  },
  sleep(ms, signal) {
    return sleepOn(systemClock, ms, signal);
  },
};

interface FakeTimer {
  id: number;
  at: number;
  callback: () => void;
}

/** A clock that only moves when told to; what was scheduled runs as it passes. */
export class FakeClock implements TimerClock {
  private current: number;
  private timers: FakeTimer[] = [];
  private nextId = 1;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }

  schedule(ms: number, callback: () => void): Cancel {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal);
  }

  /** How many scheduled callbacks have not run yet. */
  get pending(): number {
    return this.timers.length;
  }

  private nextDue(until: number): FakeTimer | undefined {
    let due: FakeTimer | undefined;
    for (const timer of this.timers) if (timer.at <= until && (!due || timer.at < due.at || (timer.at === due.at && timer.id < due.id))) due = timer;
    return due;
  }

  private runNext(until: number): boolean {
    const due = this.nextDue(until);
    if (!due) return false;
    this.timers = this.timers.filter((t) => t !== due);
    this.current = due.at;
    due.callback();
    return true;
  }

  /** Moves time forward, running each scheduled callback at its moment, in order. */
  advance(ms: number): void {
    const until = this.current + ms;
    while (this.runNext(until));
    this.current = until;
  }

  /**
   * Moves time forward like advance(), letting promises settle after each callback, so code that
   * awaits a sleep and then sleeps again runs on too (retry loops).
   */
  async advanceAsync(ms: number): Promise<void> {
    const until = this.current + ms;
    await settle();
    while (this.runNext(until)) await settle();
    this.current = until;
    await settle();
  }

  advanceMinutes(minutes: number): void {
    this.advance(minutes * 60_000);
  }
}

/** Lets pending promise callbacks (and what they start) run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
