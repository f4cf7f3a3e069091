import { join } from 'node:path';
import { kioskStation } from '@qms/kiosk';
import { loadStationConfig, serveStation } from '@qms/station';
import { stationRendererDir } from '@qms/station-cli/stations';
import type { HubContext } from '../hub-context.js';
import { launchElectronKiosk } from './electron-launch.js';

/**
 * The demo's kiosk: the real kiosk agent, paired with this hub automatically (demo only: a real
 * kiosk waits for a technician), printing on the demo's virtual printer. Its screen is served on
 * QMS_DEMO_KIOSK_PORT (8090); where Electron is installed, the kiosk window opens on it.
 */
export async function startDemoKiosk(options: { ctx: HubContext; hubPort: number; dataDir: string; printerPort: number | null; print: (line: string) => void }): Promise<() => Promise<void>> {
  const { ctx, print } = options;
  const dir = join(options.dataDir, 'stations', 'kiosk');
  const config = loadStationConfig(dir, kioskStation.section, {
    hubUrl: `http://127.0.0.1:${options.hubPort}`,
    name: 'Kiosk demo',
    ...(options.printerPort !== null ? { printer: `tcp://127.0.0.1:${options.printerPort}` } : {}),
  });
  const port = Number(process.env.QMS_DEMO_KIOSK_PORT ?? 8090);
  let station;
  try {
    station = await serveStation(kioskStation, {
      config,
      rendererDir: stationRendererDir('kiosk'),
      port,
      log: (level, message) => ctx.logger[level]({ station: 'demo kiosk' }, message),
      onPairingCode: (code) => {
        const device = ctx.access.approve({ code, by: 'demo' });
        ctx.logger.info({ deviceId: device.id }, 'demo kiosk approved automatically');
      },
    });
  } catch (error) {
    print(`demo kiosk not started: ${(error as Error).message} (set QMS_DEMO_KIOSK_PORT to another port)`);
    return async () => undefined;
  }
  const electron = launchElectronKiosk(station.url);
  print(electron ? `kiosk: an Electron kiosk window is open on ${station.url}` : `kiosk screen: ${station.url}  (open it in a browser; Electron is not installed here)`);
  return async () => {
    electron?.kill('SIGTERM');
    await station.close();
  };
}
