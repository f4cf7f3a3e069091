import { kioskStation } from '@qms/kiosk';
import { type DemoStationOptions, serveDemoStation } from './demo-station.js';
import { launchElectronKiosk } from './electron-launch.js';

/**
 * The demo's kiosk, printing on the demo's virtual printer, its screen on QMS_DEMO_KIOSK_PORT
 * (8090); where Electron is installed, the kiosk window opens on it.
 */
export async function startDemoKiosk(options: DemoStationOptions & { printerPort: number | null }): Promise<() => Promise<void>> {
  const demo = {
    kind: 'kiosk',
    name: 'Kiosk demo',
    portVariable: 'QMS_DEMO_KIOSK_PORT',
    defaultPort: 8090,
    overrides: options.printerPort !== null ? { printer: `tcp://127.0.0.1:${options.printerPort}` } : {},
  };
  const station = await serveDemoStation(kioskStation, demo, options);
  if (!station) return async () => undefined;
  const electron = launchElectronKiosk(station.url);
  options.print(electron ? `kiosk: an Electron kiosk window is open on ${station.url}` : `kiosk screen: ${station.url}  (open it in a browser; Electron is not installed here)`);
  return async () => {
    electron?.kill('SIGTERM');
    await station.close();
  };
}
