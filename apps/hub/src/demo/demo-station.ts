import { join } from 'node:path';
import { loadStationConfig, type MethodMap, type ServedStation, serveStation, type Setting, type Settings, type StationApp, type StationOverrides } from '@qms/station';
import { stationRendererDir } from '@qms/station-cli/stations';
import type { HubContext } from '../hub-context.js';

export interface DemoStationOptions {
  ctx: HubContext;
  hubPort: number;
  dataDir: string;
  print: (line: string) => void;
}

export interface DemoStation {
  /** The station kind (its folder under DATA/stations, its renderer). */
  kind: string;
  name: string;
  /** The environment variable that moves its screen's port, and the port by default. */
  portVariable: string;
  defaultPort: number;
  /** Approved for this counter (a counter station). */
  counterId?: number;
  overrides?: Omit<StationOverrides, 'hubUrl' | 'name'>;
}

/**
 * One of the demo's stations: the real station app beside the hub, its folder under
 * DATA/stations/KIND, approved automatically (demo only: a real station waits for a technician),
 * its screen served on its port. Null (and a line saying why) when it cannot start.
 */
export async function serveDemoStation<S extends Record<string, Setting<unknown>>, View, Methods extends MethodMap>(
  app: StationApp<S, View, Methods>,
  demo: DemoStation,
  options: DemoStationOptions,
): Promise<ServedStation<Settings<S>, View, Methods> | null> {
  const { ctx, print } = options;
  const config = loadStationConfig(join(options.dataDir, 'stations', demo.kind), app.section, { hubUrl: `http://127.0.0.1:${options.hubPort}`, name: demo.name, ...demo.overrides });
  const port = Number(process.env[demo.portVariable] ?? demo.defaultPort);
  try {
    return await serveStation(app, {
      config,
      rendererDir: stationRendererDir(demo.kind),
      port,
      log: (level, message) => ctx.logger[level]({ station: `demo ${demo.kind}` }, message),
      onPairingCode: (code) => {
        const device = ctx.access.approve({ code, by: 'demo', ...(demo.counterId !== undefined ? { counterId: demo.counterId } : {}) });
        ctx.logger.info({ deviceId: device.id }, `demo ${demo.kind} approved automatically`);
      },
    });
  } catch (error) {
    print(`demo ${demo.kind} not started: ${(error as Error).message} (set ${demo.portVariable} to another port)`);
    return null;
  }
}
