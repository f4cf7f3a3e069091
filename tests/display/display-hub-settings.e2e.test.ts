import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, runQmsAsync, startHubProcess, startQms } from '../support/hub-process.js';
import { waitForLine } from '../support/kiosk-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const OWN_MARQUEE = 'Giờ làm việc: 7:30 – 11:30, 13:30 – 17:00';

/**
 * What the hub sets for the hall displays, end to end: the hub process (demo centre, six counters),
 * `qms station display` processes paired with `qms devices approve` (one with `--zone`), their boards
 * in Debian's Chromium, the texts changed by an admin through PATCH /api/settings.
 */
describe('hall display: texts and zone from the hub, end to end', () => {
  const dir = tempDir('qms-display-hub-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  const stations: StationProcess[] = [];
  let browser: Browser;
  let admin: HubClient;
  let staff: HubClient;
  let counterIds: Map<number, number>;
  let mainField: Map<number, number>;

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
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay1', 'demo1234');
    const state = await staff.state();
    counterIds = new Map(state.counters.map((c) => [c.number, c.id]));
    mainField = new Map(state.counters.map((c) => [c.number, c.serviceIds[0] ?? 0]));
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const station of stations) {
      station.child.kill('SIGTERM');
      await station.exited;
    }
    // The texts set here are the hub's, in its data folder, which goes with it.
    await hub?.stop();
    dir.cleanup();
  });

  it("the marquee, the title and the portal's QR change on the board when an admin changes them on the hub, without a reload", async () => {
    const hall = await startDisplay('hall', { title: 'Sảnh A', marquee: OWN_MARQUEE });
    const page = await board(hall);
    expect(await page.textContent('[data-title]')).toBe('Sảnh A');
    expect(await page.textContent('[data-marquee]')).toBe(OWN_MARQUEE);
    expect(await page.getAttribute('[data-portal] [data-payload]', 'data-payload')).toBe('https://dichvucong.gov.vn');
    // A mark in the page: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await admin.request('PATCH', '/api/settings', { marquee: 'Tuần này: đăng ký khai sinh trực tuyến', centreName: 'UBND phường Bến Nghé', portalUrl: 'https://dichvucong.hochiminhcity.gov.vn' });
    await expect.poll(() => page.textContent('[data-marquee]')).toBe('Tuần này: đăng ký khai sinh trực tuyến');
    await expect.poll(() => page.textContent('[data-title]')).toBe('UBND phường Bến Nghé');
    await expect.poll(() => page.getAttribute('[data-portal] [data-payload]', 'data-payload')).toBe('https://dichvucong.hochiminhcity.gov.vn');
    await page.waitForSelector('[data-portal] [data-payload] svg');

    // Cleared on the hub: the display's own marquee again.
    await admin.request('PATCH', '/api/settings', { marquee: null });
    await expect.poll(() => page.textContent('[data-marquee]')).toBe(OWN_MARQUEE);
    expect(await page.textContent('[data-title]')).toBe('UBND phường Bến Nghé');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await page.close();
  });

  it('a display approved with `--zone 2,3` and no zone of its own shows and follows only counters 2 and 3', async () => {
    const zoned = await startDisplay('zone-2-3', {}, ['--zone', '2,3']);
    const listed = await runQmsAsync(['devices', 'list', '--data', dataDir]);
    expect(listed.stdout).toMatch(/display\s+approved\s+zone-2-3\s+zone 2,3/);
    const page = await board(zoned);
    await expect.poll(() => page.locator('[data-counter]').count()).toBe(2);
    expect(await page.locator('[data-counter="2"]').count()).toBe(1);
    expect(await page.locator('[data-counter="3"]').count()).toBe(1);

    await staff.issueTicket(mainField.get(1) ?? 0);
    const outside = await staff.callNext(counterIds.get(1) ?? 0);
    await staff.issueTicket(mainField.get(2) ?? 0);
    const inside = await staff.callNext(counterIds.get(2) ?? 0);
    await expect.poll(() => page.textContent('[data-latest-call]')).toContain(inside?.label ?? '?');
    expect(await page.textContent('[data-counter="2"]')).toContain(inside?.label ?? '?');
    expect(await page.textContent('[data-screen="board"]')).not.toContain(outside?.label ?? '?');
    await page.close();
  });

  it('a zone is refused for a station that is not a display, by the qms command too', async () => {
    const config = join(dir.path, 'kiosk');
    const kiosk = startQms(['station', 'kiosk', '--hub', hub.url, '--port', '0', '--config', config]);
    stations.push({ ...kiosk, url: '' });
    const code = await waitForLine(kiosk.stdout, /pairing code: (\d{6})/, () => kiosk.stderr());
    const refused = await runQmsAsync(['devices', 'approve', code, '--zone', '1', '--data', dataDir]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/only a hall display has a zone; this station is a kiosk/);
    expect((await runQmsAsync(['devices', 'list', '--data', dataDir])).stdout).toMatch(/kiosk\s+pending/);
  });
});
