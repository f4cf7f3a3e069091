import { alertCodeOf, type DeviceHealth, type DeviceHealthSource, type DeviceSource } from '@qms/core';
import type { StationLog } from '../bridge/bridge-dispatcher.js';
import type { HubLink } from '../hub-link.js';

interface Watched {
  driver: DeviceHealthSource;
  describe: (health: DeviceHealth) => string;
  /** The driver has said something since the station started (its first word may be "all well"). */
  known: boolean;
  /** The alert code the hub was last told (null: none open); unknown at start, since an alert of an earlier run may still be open there. */
  reported: string | null | 'unknown';
  sending: boolean;
}

const defaultDescription = (source: string) => (health: DeviceHealth) =>
  health.state === 'problem'
    ? `${source}: ${health.code}${health.detail ? ` (${health.detail})` : ''}`
    : `${source} ${health.state}${health.state === 'disconnected' && health.detail ? `: ${health.detail}` : ''}`;

/**
 * Turns the health of every device a station drives (printer, scanner, keypad, LED sign, audio
 * output ...) into the hub's device alerts for the technician (`qms devices alerts`): raised when a
 * device has a problem or is gone, cleared when it is back, sent again once the hub can be reached
 * if it could not be then, and at start an alert left open by an earlier run is cleared once the
 * device is known to be fine.
 */
export class DeviceHealthReporter {
  private readonly watched = new Map<DeviceSource, Watched>();

  constructor(
    private readonly link: HubLink,
    private readonly log?: StationLog,
  ) {
    link.on('change', () => {
      if (link.phase === 'ready') for (const source of this.watched.keys()) void this.report(source);
    });
  }

  watch(source: DeviceSource, driver: DeviceHealthSource, describe: (health: DeviceHealth) => string = defaultDescription(source)): void {
    this.watched.set(source, { driver, describe, known: false, reported: 'unknown', sending: false });
    driver.on('health', (health) => {
      const watched = this.watched.get(source);
      if (!watched) return;
      watched.known = true;
      this.log?.(health.state === 'connected' ? 'info' : 'warn', `${source}: ${health.state}${health.state === 'problem' ? ` ${health.code}` : ''}`);
      void this.report(source);
    });
  }

  private async report(source: DeviceSource): Promise<void> {
    const watched = this.watched.get(source);
    if (!watched || !watched.known || watched.sending || this.link.phase !== 'ready') return;
    const health = watched.driver.health;
    const code = alertCodeOf(health);
    const previous = watched.reported;
    if (code === previous) return;
    watched.sending = true;
    try {
      if (code !== null) await this.link.client.reportAlert({ source, code, message: watched.describe(health), active: true });
      else await this.link.client.reportAlert({ source, code: previous === 'unknown' || previous === null ? 'connected' : previous, message: `${source} working again`, active: false });
      watched.reported = code;
    } catch (error) {
      // Sent again on the link's next change (it says 'reconnecting', then 'ready').
      this.log?.('warn', `${source} alert not sent yet: ${(error as Error).message}`);
      return;
    } finally {
      watched.sending = false;
    }
    // The device may have changed again while the hub was being told.
    if (alertCodeOf(watched.driver.health) !== watched.reported) void this.report(source);
  }
}
