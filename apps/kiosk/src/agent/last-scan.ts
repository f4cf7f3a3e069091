import type { Clock } from '@qms/core';
import type { StationCommandResults } from '@qms/protocol';
import { maskIdNumber, type ScanResult } from '@qms/scanner';

export type ScanSource = 'serial' | 'screen';
type Scan = NonNullable<StationCommandResults['scanner.last']>;

/** Any run of nine digits or more (an ID number, old or new) masked as the kiosk masks a CCCD number. */
export function maskDigitRuns(text: string): string {
  return text.replace(/\d{9,}/g, (run) => maskIdNumber(run));
}

/**
 * The last code the kiosk read since it started, for a technician checking its scanner. Only what
 * may leave the kiosk is kept: a CCCD as its masked number, an unreadable one as the reason, any
 * other text with its long digit runs masked.
 */
export class LastScan {
  private last: Scan | null = null;

  constructor(private readonly clock: Clock) {}

  record(source: ScanSource, result: ScanResult): void {
    const text = result.kind === 'cccd' ? maskIdNumber(result.idNumber) : maskDigitRuns(result.kind === 'invalid' ? result.reason : result.text).slice(0, 500);
    this.last = { at: this.clock.now().toISOString(), source, kind: result.kind, text };
  }

  get value(): Scan | null {
    return this.last;
  }
}
