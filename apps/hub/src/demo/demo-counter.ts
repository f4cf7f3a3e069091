import { join } from 'node:path';
import { counterStation } from '@qms/counter';
import { loadStationConfig, serveStation } from '@qms/station';
import { stationRendererDir } from '@qms/station-cli/stations';
import type { HubContext } from '../hub-context.js';
import { DEMO_COUNTER_CLERK, DEMO_PIN } from './demo-centre.js';

/**
 * The demo's counter caller: the real counter station, approved automatically for counter 1 (demo
 * only: a real one waits for a technician), its screen served on QMS_DEMO_COUNTER_PORT (8091).
 */
export async function startDemoCounter(options: { ctx: HubContext; hubPort: number; dataDir: string; print: (line: string) => void }): Promise<() => Promise<void>> {
  const { ctx, print } = options;
  const config = loadStationConfig(join(options.dataDir, 'stations', 'counter'), counterStation.section, { hubUrl: `http://127.0.0.1:${options.hubPort}`, name: 'Quầy 1 (demo)' });
  const port = Number(process.env.QMS_DEMO_COUNTER_PORT ?? 8091);
  const counterId = ctx.queueStore.listCounters().find((counter) => counter.number === 1)?.id;
  let served;
  try {
    served = await serveStation(counterStation, {
      config,
      rendererDir: stationRendererDir('counter'),
      port,
      log: (level, message) => ctx.logger[level]({ station: 'demo counter' }, message),
      onPairingCode: (code) => {
        const device = ctx.access.approve({ code, by: 'demo', ...(counterId !== undefined ? { counterId } : {}) });
        ctx.logger.info({ deviceId: device.id }, 'demo counter approved automatically for counter 1');
      },
    });
  } catch (error) {
    print(`demo counter not started: ${(error as Error).message} (set QMS_DEMO_COUNTER_PORT to another port)`);
    return async () => undefined;
  }
  print(`counter screen: ${served.url}  (counter 1: sign in as ${DEMO_COUNTER_CLERK} with PIN ${DEMO_PIN})`);
  return () => served.close();
}
