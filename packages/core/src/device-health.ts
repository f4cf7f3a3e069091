/**
 * What every station driver says about its device (printer, scanner, keypad, LED sign, audio
 * output, rating pad): working, a problem it can name, or not there. Drivers emit it as a
 * 'health' event; the station turns it into the hub's device alerts.
 */
export type DeviceHealth =
  | { state: 'connected' }
  /** The device answers but cannot do its work: a stable code (paper_out, cover_open, ...). */
  | { state: 'problem'; code: string; detail?: string }
  | { state: 'disconnected'; detail?: string };

/** The parts of a station that report their health, as the hub's alerts name them. */
export const DEVICE_SOURCES = ['printer', 'scanner', 'keypad', 'sign', 'audio', 'rating_pad', 'camera'] as const;
export type DeviceSource = (typeof DEVICE_SOURCES)[number];

/** A driver that reports its device's health: the current one, and a 'health' event on each change. */
export interface DeviceHealthSource {
  readonly health: DeviceHealth;
  on(event: 'health', listener: (health: DeviceHealth) => void): unknown;
}

/** The alert code a health state raises: the problem's own code, or `disconnected`. Null when all is well. */
export function alertCodeOf(health: DeviceHealth): string | null {
  if (health.state === 'connected') return null;
  return health.state === 'problem' ? health.code : 'disconnected';
}
