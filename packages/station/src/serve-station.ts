import type { StationLog } from './bridge/bridge-dispatcher.js';
import { BridgeServer } from './bridge/bridge-server.js';
import type { MethodMap } from './bridge/contract.js';
import type { StationConfig } from './config/station-config.js';
import type { Setting, Settings } from './config/settings-schema.js';
import { createStation, type Station, type StationApp } from './station.js';
import type { TimerClock } from '@qms/core';

export interface ServeStationOptions<Section> {
  config: StationConfig<Section>;
  /** The built renderer (index.html and its assets). */
  rendererDir: string;
  port: number;
  /** Loopback by default: the screen is on this machine. */
  host?: string;
  log?: StationLog;
  clock?: TimerClock;
  /** Called with each new pairing code (the command prints `pairing code: CODE`). */
  onPairingCode?: (code: string) => void;
}

export interface ServedStation<Section, View, Methods extends MethodMap> {
  station: Station<Section, View, Methods>;
  /** http://HOST:PORT/ of the station's screen. */
  url: string;
  close(): Promise<void>;
}

/**
 * A station beside Chromium: its Node side started, its screen and bridge served on this machine.
 * (In Electron the main process runs the same Station with IPC instead: see @qms/shell.)
 */
export async function serveStation<S extends Record<string, Setting<unknown>>, View, Methods extends MethodMap>(
  app: StationApp<S, View, Methods>,
  options: ServeStationOptions<Settings<S>>,
): Promise<ServedStation<Settings<S>, View, Methods>> {
  const station = createStation(app, options.config, { log: options.log, clock: options.clock });
  if (options.onPairingCode) station.link.on('pairingCode', options.onPairingCode);
  const server = new BridgeServer({
    rendererDir: options.rendererDir,
    mounts: app.files?.(options.config.section),
    port: options.port,
    host: options.host,
    source: station,
    dispatcher: station.dispatcher,
    documents: station.agent.documents,
  });
  const port = await server.listen();
  station.start();
  return {
    station,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    async close() {
      await station.stop();
      await server.close();
    },
  };
}
