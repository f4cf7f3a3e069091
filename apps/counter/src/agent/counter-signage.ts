import type { KeypadKey, SignageBus } from '@qms/signage';
import type { StationLog } from '@qms/station';
import type { CounterAction, CurrentTicket } from '../contract.js';

/** What each key of a caller keypad does. */
export const KEYPAD_ACTIONS: Record<KeypadKey, CounterAction> = { next: 'call-next', recall: 'recall', start: 'start', finish: 'finish', no_show: 'no-show' };

/**
 * The counter's devices on its signage bus: the caller keypad's presses become the clerk's actions,
 * and the LED sign above the counter shows the ticket it holds, blinking on each call and recall.
 */
export class CounterSignage {
  private shown: { label: string; calls: number } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly bus: SignageBus,
    private readonly addresses: { keypad: number; sign: number },
    private readonly log: StationLog,
  ) {}

  /** Each press of the keypad, as the action it stands for. */
  onPress(act: (action: CounterAction) => void): void {
    this.bus.on('key', (event) => {
      if (event.address === this.addresses.keypad) act(KEYPAD_ACTIONS[event.key]);
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
