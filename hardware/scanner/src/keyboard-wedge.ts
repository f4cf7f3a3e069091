/**
 * Keyboard-wedge scanners type what they read, fast, and press Enter. A burst of keys each
 * arriving within `maxGapMs` (50 ms) of the previous one, at least `minLength` long and ended by Enter, is
 * a scan; a person typing at the kiosk (keys 80 ms or more apart) is not.
 *
 * Note: a scanner acting as a keyboard can only type what a keyboard layout can, so the
 * Vietnamese letters of a CCCD code usually arrive mangled this way; a CCCD reader belongs on a
 * serial (USB-CDC) port or the camera.
 */
export interface KeyboardWedgeOptions {
  maxGapMs?: number;
  minLength?: number;
}

export class KeyboardWedgeDetector {
  private burst: string[] = [];
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly onScan: (text: string) => void,
    private readonly options: KeyboardWedgeOptions = {},
  ) {}

  /**
   * Feeds one key (the DOM KeyboardEvent.key) with its time. Returns true when the key ended a
   * scan (the caller then stops it, so the Enter does not submit a form).
   */
  key(key: string, at: number): boolean {
    const maxGap = this.options.maxGapMs ?? 50;
    if (at - this.lastAt > maxGap) this.burst = [];
    this.lastAt = at;
    if (key === 'Enter') {
      const text = this.burst.join('');
      this.burst = [];
      if (text.length >= (this.options.minLength ?? 6)) {
        this.onScan(text);
        return true;
      }
      return false;
    }
    if (key.length === 1) this.burst.push(key);
    else if (key !== 'Shift') this.burst = []; // arrows, Backspace …: a person at the keyboard
    return false;
  }
}

/** Listens to a page's keys (capture phase) for wedge scans; returns the function that stops listening. */
export function attachKeyboardWedge(target: EventTarget, onScan: (text: string) => void, options?: KeyboardWedgeOptions): () => void {
  const detector = new KeyboardWedgeDetector(onScan, options);
  const listener = (event: Event) => {
    const keyEvent = event as KeyboardEvent;
    if (detector.key(keyEvent.key, keyEvent.timeStamp)) {
      keyEvent.preventDefault();
      keyEvent.stopPropagation();
    }
  };
  target.addEventListener('keydown', listener, true);
  return () => target.removeEventListener('keydown', listener, true);
}
