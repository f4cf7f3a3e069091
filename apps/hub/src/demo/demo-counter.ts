import { counterStation } from '@qms/counter';
import { DEMO_COUNTER_CLERK, DEMO_PIN } from './demo-centre.js';
import { type DemoStationOptions, serveDemoStation } from './demo-station.js';

/** The demo's counter caller for counter 1, its screen on QMS_DEMO_COUNTER_PORT (8091). */
export async function startDemoCounter(options: DemoStationOptions): Promise<() => Promise<void>> {
  const counterId = options.ctx.queueStore.listCounters().find((counter) => counter.number === 1)?.id;
  const demo = { kind: 'counter', name: 'Quầy 1 (demo)', portVariable: 'QMS_DEMO_COUNTER_PORT', defaultPort: 8091, ...(counterId !== undefined ? { counterId } : {}) };
  const served = await serveDemoStation(counterStation, demo, options);
  if (!served) return async () => undefined;
  options.print(`counter screen: ${served.url}  (counter 1: sign in as ${DEMO_COUNTER_CLERK} with PIN ${DEMO_PIN})`);
  return () => served.close();
}
