import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { AnyStationApp } from '@qms/station';

export interface StationKindEntry {
  /** Loaded when the station runs (its drivers are not loaded for --help). */
  load(): Promise<AnyStationApp>;
  /** For --help: what the station is. */
  what: string;
  /** Port of its screen on the device, by default. */
  port: number;
}

/**
 * The kinds of station this command runs. Each is its app's station definition; its screen is
 * served from this package's dist/renderer/KIND (copied there by the build, so an installed
 * qms-station needs nothing else). The display joins here when it exists.
 */
export const STATION_KINDS: Record<string, StationKindEntry> = {
  kiosk: { load: async () => (await import('@qms/kiosk')).kioskStation as unknown as AnyStationApp, what: 'the ticket kiosk', port: 8090 },
  counter: { load: async () => (await import('@qms/counter')).counterStation as unknown as AnyStationApp, what: 'the counter caller', port: 8091 },
};

/** Where this package keeps what it ships besides code: dist/renderer/KIND, dist/voice-packs/LANG. */
export function packageDir(): string {
  return dirname(createRequire(import.meta.url).resolve('@qms/station-cli/package.json'));
}

export function stationRendererDir(kind: string): string {
  return join(packageDir(), 'dist', 'renderer', kind);
}
