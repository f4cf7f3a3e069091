import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AnyStationApp } from '@qms/station';

/** A flag of one kind's command that sets a key of its station.json section (the same checks apply). */
export interface SectionFlag {
  flags: string;
  description: string;
  key: string;
  /** The flag's text as the setting's value (a malformed one is left for the setting's check to refuse). */
  parse(value: string): unknown;
}

export interface StationKindEntry {
  /** Loaded when the station runs (its drivers are not loaded for --help). */
  load(): Promise<AnyStationApp>;
  /** For --help: what the station is. */
  what: string;
  /** Port of its screen on the device, by default. */
  port: number;
  flags?: SectionFlag[];
}

/**
 * The kinds of station this command runs. Each is its app's station definition; its screen is
 * served from this package's dist/renderer/KIND (copied there by the build, so an installed
 * qms-station needs nothing else).
 */
export const STATION_KINDS: Record<string, StationKindEntry> = {
  kiosk: { load: async () => (await import('@qms/kiosk')).kioskStation as unknown as AnyStationApp, what: 'the ticket kiosk', port: 8090 },
  counter: { load: async () => (await import('@qms/counter')).counterStation as unknown as AnyStationApp, what: 'the counter caller', port: 8091 },
  display: {
    load: async () => (await import('@qms/display')).displayStation as unknown as AnyStationApp,
    what: 'the hall display',
    port: 8092,
    flags: [
      {
        flags: '--zone <numbers>',
        description: 'the counters whose calls it shows and announces, e.g. 1,2,3 (default: zone in station.json, else the zone the hub gave it at approval, else all)',
        key: 'zone',
        parse: (value) => value.split(',').map((part) => (/^\s*\d+\s*$/.test(part) ? Number(part) : part.trim())),
      },
    ],
  },
};

/** Where this package keeps what it ships besides code: dist/renderer/KIND, dist/voice-packs/LANG. */
export function packageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@qms/station-cli/package.json'));
}

export function stationRendererDir(kind: string): string {
  return join(packageDir(), 'dist', 'renderer', kind);
}
