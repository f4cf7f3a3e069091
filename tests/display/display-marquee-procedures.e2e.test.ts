import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/display-screens');
const OWN_MARQUEE = 'Giờ làm việc: 7:30 – 11:30, 13:30 – 17:00';

/**
 * The hall display's marquee cycling the procedures of its fields, end to end: the demo hub (its
 * sample catalogue), `qms station display` processes paired with `qms devices approve`, their
 * boards in Chromium, marqueeProcedures turned on and off by an admin with PATCH /api/settings.
 */
describe('hall display: the procedures on the marquee', { timeout: 60_000 }, () => {
  const dir = tempDir('qms-display-procedures-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  const stations: StationProcess[] = [];
  let browser: Browser;
  let admin: HubClient;

  async function startDisplay(name: string, settings: object, approve: string[] = []): Promise<StationProcess> {
    const config = join(dir.path, name);
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'station.json'), JSON.stringify({ display: { voice: 'off', ...settings } }));
    const station = await startPairedStation('display', hub, dataDir, { config, name, approve });
    stations.push(station);
    return station;
  }

  async function board(station: StationProcess): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.setDefaultTimeout(10_000);
    await page.goto(station.url);
    await page.waitForSelector('[data-screen="board"]');
    return page;
  }

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const station of stations) {
      station.child.kill('SIGTERM');
      await station.exited;
    }
    await hub?.stop();
    dir.cleanup();
  });

  it('shows the procedures with fee and time after the centre text when an admin turns marqueeProcedures on, live, and only its own fields in a zone', async () => {
    expect((await admin.request('GET', '/api/settings')).body).toMatchObject({ marqueeProcedures: null });
    const hall = await startDisplay('hall', { marquee: OWN_MARQUEE });
    const zoned = await startDisplay('zone-5', { marquee: OWN_MARQUEE }, ['--zone', '5']); // counter 5: business registration and construction
    const page = await board(hall);
    const zonePage = await board(zoned);
    expect(await page.textContent('[data-marquee]')).toBe(OWN_MARQUEE);
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await admin.request('PATCH', '/api/settings', { marqueeProcedures: true });
    await expect.poll(() => page.textContent('[data-marquee]')).toContain('Đăng ký khai sinh');
    const text = (await page.textContent('[data-marquee]')) ?? '';
    expect(text.startsWith(`${OWN_MARQUEE}   •   `)).toBe(true);
    // The sample's birth registration: free of charge, the same day.
    expect(text).toContain('Đăng ký khai sinh – Miễn lệ phí khi đăng ký đúng hạn – trả kết quả trong ngày');
    await expect.poll(() => zonePage.textContent('[data-marquee]')).toContain('giấy phép xây dựng');
    expect(await zonePage.textContent('[data-marquee]')).not.toContain('Đăng ký khai sinh');
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The line scrolls in from the right: the picture is taken some seconds into it.
    await page.evaluate(() =>
      document
        .querySelector('[data-marquee] .scroll')
        ?.getAnimations()
        .forEach((animation) => (animation.currentTime = 22_000)),
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'marquee-procedures.png') });

    // A procedure added to the catalogue joins the line (config.changed), without a reload.
    const services = (await admin.request<{ id: number; code: string }[]>('GET', '/api/services')).body;
    const civil = services.find((service) => service.code === 'ho-tich');
    const added = await admin.request('POST', '/api/procedures', {
      code: '1.999999',
      name: 'Thủ tục thử nghiệm',
      serviceId: civil?.id,
      processingDays: 2,
      fee: 'Có phí',
      feeAmount: 15000,
      level: 'mot-phan',
    });
    expect(added.status).toBe(201);
    await expect.poll(() => page.textContent('[data-marquee]')).toContain('Thủ tục thử nghiệm – 15.000 đồng – 2 ngày làm việc');

    // Off again: the centre's text alone.
    await admin.request('PATCH', '/api/settings', { marqueeProcedures: false });
    await expect.poll(() => page.textContent('[data-marquee]')).toBe(OWN_MARQUEE);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.close();
    await zonePage.close();
  });

  it('follows its station.json marqueeProcedures while the hub sets nothing', async () => {
    await admin.request('PATCH', '/api/settings', { marqueeProcedures: null });
    const own = await startDisplay('own-on', { marquee: null, marqueeProcedures: true });
    const page = await board(own);
    await expect.poll(() => page.textContent('[data-marquee]')).toContain('Đăng ký khai sinh');
    // The hub's false wins over station.json's true.
    await admin.request('PATCH', '/api/settings', { marqueeProcedures: false });
    await expect.poll(() => page.textContent('[data-marquee]')).toBe('');
    await page.close();
  });
});
