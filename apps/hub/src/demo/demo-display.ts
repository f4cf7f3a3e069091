import { displayStation } from '@qms/display';
import { type DemoStationOptions, serveDemoStation } from './demo-station.js';

/** The demo's hall display on QMS_DEMO_DISPLAY_PORT (8092): every counter, the announcements in Vietnamese (heard where the page may autoplay). */
export async function startDemoDisplay(options: DemoStationOptions): Promise<() => Promise<void>> {
  const demo = { kind: 'display', name: 'Màn hình sảnh (demo)', portVariable: 'QMS_DEMO_DISPLAY_PORT', defaultPort: 8092 };
  const served = await serveDemoStation(displayStation, demo, options);
  if (!served) return async () => undefined;
  options.print(`display screen: ${served.url}  (open it with: chromium --kiosk --autoplay-policy=no-user-gesture-required ${served.url})`);
  return () => served.close();
}
