import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const CALLS = 5_000;

/**
 * A week on the wall, squeezed: 5,000 calls through a board (with its voice on: far more calls
 * than can be said, so its queue must stay bounded), the page's JavaScript heap and DOM counted
 * after a forced garbage collection before and after. The page runs on a CPU ten times slower
 * meanwhile (a TV stick): it must still show the newest call as soon as the calls stop.
 */
describe('hall display, long uptime', () => {
  const dir = tempDir('qms-display-uptime-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let station: StationProcess;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  let staff: HubClient;
  let counters: { id: number; field: number }[];

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay1', 'demo1234');
    counters = (await staff.state()).counters.map((c) => ({ id: c.id, field: c.serviceIds[0] ?? 0 }));
    // A week of calls in one day: labels up to four digits (A0001 … A9999).
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    for (const service of await admin.services()) await admin.request('PATCH', `/api/services/${service.id}`, { rangeStart: 1, rangeEnd: 9_999 });
    const config = join(dir.path, 'display');
    mkdirSync(config);
    writeFileSync(join(config, 'station.json'), JSON.stringify({ display: { voice: 'vi', repeat: 1, marquee: 'Đường dây nóng 1900 1234' } }));
    station = await startPairedStation('display', hub, dataDir, { config });
    const { url } = station;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url);
    await page.waitForSelector('[data-screen="board"]');
    cdp = await page.context().newCDPSession(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    dir.cleanup();
  });

  /** Calls `count` tickets, the six counters at once, each issuing one in its own field and calling it. */
  async function calls(count: number): Promise<string> {
    let last = '';
    const perCounter = Math.ceil(count / counters.length);
    await Promise.all(
      counters.map(async ({ id, field }) => {
        const clerk = new HubClient({ baseUrl: hub.url, token: staff.token ?? undefined });
        for (let i = 0; i < perCounter; i++) {
          await clerk.issueTicket(field);
          last = (await clerk.callNext(id))?.label ?? last;
        }
      }),
    );
    return last;
  }

  async function measure(): Promise<{ heap: number; nodes: number; listeners: number }> {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const { nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
    return { heap: usedSize, nodes, listeners: jsEventListeners };
  }

  it(`keeps its heap and DOM flat through ${CALLS} calls`, async () => {
    await calls(120); // warmed up: every region drawn, the voice pack loaded
    await expect.poll(() => page.locator('[data-recent-call]').count(), { timeout: 10_000 }).toBeGreaterThan(3);
    const before = await measure();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
    const last = await calls(CALLS);
    // The board kept up: it shows the newest call of the run, the slow CPU still slow. (Sent every
    // view, a page this slow was some 700 calls behind when the calls stopped, and took more than
    // 10 s to catch up at full speed.)
    await expect.poll(async () => page.textContent('[data-screen="board"]')).toContain(last);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const after = await measure();
    console.log(JSON.stringify({ calls: CALLS, before, after }));
    expect(after.nodes).toBeLessThanOrEqual(before.nodes + 100);
    expect(after.listeners).toBeLessThanOrEqual(before.listeners + 20);
    expect(after.heap).toBeLessThan(before.heap * 1.5 + 2_000_000);
  }, 600_000);
});
