import { type Cancel, systemClock, type TimerClock } from '@qms/core';

/** A screen that has not said it drew its view within this long gets the newest anyway (a tool that never says, a word lost). */
export const VIEW_UNANSWERED_MS = 1_000;

/**
 * One view in flight per screen. A screen says when it has drawn the view it got; changes made
 * meanwhile are sent as one, the newest, when it has. A screen slower than the hall's calls (a TV
 * stick, a loaded machine) is then one view behind at most, never a backlog that grows with the
 * burst: sent every view, a board whose CPU ran twenty times slower got 4,296 views (33 MB) for
 * 5,000 calls and was some 700 calls behind when they stopped. A screen that never says gets the
 * newest view once every VIEW_UNANSWERED_MS while things change.
 */
export class ViewPacer<View> {
  private inFlight = false;
  private due = false;
  private cancelWait: Cancel | undefined;

  constructor(
    /** The view as it is now (read when sent, so it is always the newest). */
    private readonly latest: () => View,
    private readonly deliver: (view: View) => void,
    private readonly clock: TimerClock = systemClock,
  ) {}

  /** Something changed: sent now, or when the screen has drawn the one it has. */
  changed(): void {
    if (this.inFlight) this.due = true;
    else this.send();
  }

  /** The screen drew the last view it got (or started afresh: nothing of before is in flight). */
  drawn(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
    this.inFlight = false;
    if (!this.due) return;
    this.due = false;
    this.send();
  }

  /** No more views (the screen went away). */
  stop(): void {
    this.cancelWait?.();
    this.cancelWait = undefined;
  }

  private send(): void {
    this.inFlight = true;
    this.cancelWait?.();
    this.cancelWait = this.clock.schedule(VIEW_UNANSWERED_MS, () => this.drawn(), { background: true });
    this.deliver(this.latest());
  }
}
