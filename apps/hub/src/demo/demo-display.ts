import { join } from 'node:path';
import { displayStation } from '@qms/display';
import { loadStationConfig, serveStation } from '@qms/station';
import { stationRendererDir } from '@qms/station-cli/stations';
import type { HubContext } from '../hub-context.js';

/**
 * The demo's hall display: the real display station, approved automatically (demo only: a real one
 * waits for a technician), its board served on QMS_DEMO_DISPLAY_PORT (8092), every counter, the
 * announcements in Vietnamese (heard where the machine has audio and the page autoplay).
 */
export async function startDemoDisplay(options: { ctx: HubContext; hubPort: number; dataDir: string; print: (line: string) => void }): Promise<() => Promise<void>> {
  const { ctx, print } = options;
  const config = loadStationConfig(join(options.dataDir, 'stations', 'display'), displayStation.section, {
    hubUrl: `http://127.0.0.1:${options.hubPort}`,
    name: 'Màn hình sảnh (demo)',
  });
  const port = Number(process.env.QMS_DEMO_DISPLAY_PORT ?? 8092);
  let served;
  try {
    served = await serveStation(displayStation, {
      config,
      rendererDir: stationRendererDir('display'),
      port,
      log: (level, message) => ctx.logger[level]({ station: 'demo display' }, message),
      onPairingCode: (code) => {
        const device = ctx.access.approve({ code, by: 'demo' });
        ctx.logger.info({ deviceId: device.id }, 'demo display approved automatically');
      },
    });
  } catch (error) {
    print(`demo display not started: ${(error as Error).message} (set QMS_DEMO_DISPLAY_PORT to another port)`);
    return async () => undefined;
  }
  print(`display screen: ${served.url}  (open it with: chromium --kiosk --autoplay-policy=no-user-gesture-required ${served.url})`);
  return () => served.close();
}
