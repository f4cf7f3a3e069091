import type { KeypadKey, SignageBus } from '@qms/signage';
import type { StationLog } from '@qms/station';
import type { CounterAction, CurrentTicket } from '../contract.js';
import type { RatingPad } from './rating-pad.js';

/** What each key of a caller keypad does. */
export const KEYPAD_ACTIONS: Record<KeypadKey, CounterAction> = { next: 'call-next', recall: 'recall', start: 'start', finish: 'finish', no_show: 'no-show' };

/**
 * The counter's devices on its signage bus: the caller keypad's presses become the clerk's actions,
 * the LED sign above the counter shows the ticket it holds, blinking on each call and recall, and
 * the citizen's rating keypad rates the ticket the clerk just finished.
 */
export class CounterSignage {
  private shown: { label: string; calls: number } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly bus: SignageBus,
    private readonly addresses: { keypad: number; sign: number; ratingKeypad: number },
    private readonly log: StationLog,
  ) {}

  /** Each press of the keypad, as the action it stands for. */
  onPress(act: (action: CounterAction) => void): void {
    this.bus.on('key', (event) => {
      if (event.address === this.addresses.keypad) act(KEYPAD_ACTIONS[event.key]);
    });
  }

  /**
   * The citizen's rating keypad: a key pressed while the pad is open rates the ticket (the same one
   * press as on the screen); while it is locked or thanking, a key does nothing. The keypad is
   * pinged when the bus connects and each time the pad opens, so a missing one shows in device health.
   */
  rateWith(pad: Pick<RatingPad, 'view' | 'rate' | 'on'>): void {
    const address = this.addresses.ratingKeypad;
    if (address === 0) return;
    this.bus.on('rating', ({ address: from, score }) => {
      if (from !== address) return;
      const state = pad.view().state;
      if (state !== 'open') return this.log('info', `rating key ${score} ignored: the rating pad is ${state}`);
      pad.rate(score).then(
        () => this.log('info', `rating ${score} given on the rating keypad`),
        (error: unknown) => this.log('warn', `rating key ${score}: ${(error as Error).message}`),
      );
    });
    const ping = () => this.bus.ping(address).catch((error: unknown) => this.log('warn', `rating keypad: ${(error as Error).message}`));
    this.bus.on('status', (status) => {
      if (status === 'connected') void ping();
    });
    let wasOpen = false;
    pad.on('change', () => {
      const open = pad.view().state === 'open';
      if (open && !wasOpen) void ping();
      wasOpen = open;
    });
  }

  /** The sign follows the counter's ticket: shown and blinked on a (re)call, blank when there is none. */
  follow(current: CurrentTicket | null): void {
    if (this.addresses.sign === 0) return;
    const next = current ? { label: current.label, calls: current.recallCount + 1 } : null;
    const before = this.shown;
    if (before?.label === next?.label && before?.calls === next?.calls) return;
    this.shown = next;
    const address = this.addresses.sign;
    // One command at a time, in order; a sign that does not answer is reported through the bus's health.
    this.queue = this.queue.then(async () => {
      try {
        if (!next) await this.bus.clear(address);
        else {
          if (before?.label !== next.label) await this.bus.show(address, next.label);
          await this.bus.flash(address, 3);
        }
      } catch (error) {
        this.log('warn', `counter sign: ${(error as Error).message}`);
      }
    });
  }
}
