import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type HubProcess, runQms, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const TICKETS = 200;

/**
 * Two counters calling the same field as fast as their clerks can press, each on its own station
 * process and page: every ticket goes to one counter, once. One station is bound to counter 1; the
 * other was approved without a counter, and its clerk picks counter 2 at sign-in.
 */
describe('two counter pages calling at once', () => {
  const dir = tempDir('qms-counters-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  const stations: StationProcess[] = [];
  let browser: Browser;

  async function station(name: string, bindTo: string | null): Promise<StationProcess> {
    const config = join(dir.path, name);
    mkdirSync(config);
    const entry = await startPairedStation('counter', hub, dataDir, { config, name, approve: bindTo ? ['--counter', bindTo] : [] });
    stations.push(entry);
    return entry;
  }

  async function signIn(url: string, username: string, pin: string, counterNumber?: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.waitForSelector('input[name="username"]');
    if (counterNumber !== undefined) await page.selectOption('select[name="counter"]', { label: `Quầy ${counterNumber} — Quầy ${counterNumber}` });
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="pin"]', pin);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-screen="counter"]');
    return page;
  }

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    for (const [user, pin] of [
      ['quay1', '1111'],
      ['quay2', '2222'],
    ])
      expect(runQms(['users', 'pin', user ?? '', '--data', dataDir], { input: `${pin}\n` }).status).toBe(0);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of stations) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    await hub?.stop();
    dir.cleanup();
  });

  it(`${TICKETS} tickets, two counters pressing call next together: each ticket called once, by one of them`, async () => {
    const [first, second] = [await station('Quầy 1 máy trạm', '1'), await station('Máy trạm dự phòng', null)];
    const pages = [await signIn(first.url, 'quay1', '1111'), await signIn(second.url, 'quay2', '2222', 2)];
    expect(await pages[1]?.textContent('.where')).toMatch(/Quầy 2/);

    const staff = new HubClient({ baseUrl: hub.url });
    await staff.login('kythuat', 'demo1234');
    const landId = (await staff.state()).services.find((s) => s.name === 'Đất đai')?.id ?? 0;
    const issuer = new HubClient({ baseUrl: hub.url });
    await issuer.login('quay3', 'demo1234');
    for (let i = 0; i < TICKETS; i++) await issuer.issueTicket(landId);

    // Each clerk presses call next as soon as the button is back, until nobody waits.
    const called = await Promise.all(
      pages.map(async (page) => {
        const labels: string[] = [];
        for (;;) {
          const before = await page.textContent('[data-current-ticket]');
          await page.click('[data-action="call-next"]:not([disabled])');
          await page.waitForSelector('[data-action="call-next"]:not([disabled])');
          await page
            .waitForFunction((previous) => document.querySelector('[data-current-ticket]')?.textContent !== previous || document.querySelector('[data-error]'), before, { timeout: 8_000 })
            .catch(async (e) => {
              // Say what the page showed and what the hub held, to tell a lost press from a late view.
              throw new Error(`${(e as Error).message}\npage: ${await page.textContent('main')}\nhub: ${JSON.stringify((await staff.state()).counters.slice(0, 2))}`);
            });
          const label = (await page.textContent('[data-current-ticket]')) ?? '';
          if (label === '') return labels;
          labels.push(label);
        }
      }),
    );
    const all = called.flat();
    expect(new Set(all).size, 'no label twice').toBe(all.length);
    expect(all).toHaveLength(TICKETS);
    expect(called[0]?.length, 'both counters took part').toBeGreaterThan(TICKETS / 10);
    expect(called[1]?.length, 'both counters took part').toBeGreaterThan(TICKETS / 10);
    // The hub agrees: every ticket of the field was served once (the last ones end at the next press).
    const tickets = await staff.tickets({ serviceId: landId });
    expect(tickets).toHaveLength(TICKETS);
    expect(tickets.every((t) => t.status === 'done' && t.recallCount === 0)).toBe(true);
  }, 240_000);
});
