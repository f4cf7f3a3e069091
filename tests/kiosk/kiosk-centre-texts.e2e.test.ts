import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import type { ReceiptData } from '@qms/printer';
import { VirtualPrinter } from '@qms/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { approveFromOutput, CENTRE_NAME, expectReceiptOf, startKioskProcess, technicianClient, VIEWPORTS } from './kiosk-harness.js';

const HUB_NAME = 'UBND phường Bến Nghé – Bộ phận Một cửa';
const HUB_HOTLINE = '1900 1234';

/**
 * The centre's name and hotline changed on the hub reach a running kiosk: the real hub (demo centre),
 * the `qms station kiosk` process (station.json sets its own name) printing raster receipts to the
 * virtual TCP printer, its screen in Debian's Chromium, never reloaded.
 */
describe("kiosk: the centre's texts from the hub, live, end to end", () => {
  const dir = tempDir('qms-kiosk-texts-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let printer: VirtualPrinter;
  let station: Awaited<ReturnType<typeof startKioskProcess>>;
  let browser: Browser;
  let page: Page;
  let admin: HubClient;
  let tech: HubClient;

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    printer = new VirtualPrinter();
    const printerPort = await printer.listen(0);
    station = await startKioskProcess({ hubUrl: hub.url, configDir: join(dir.path, 'station'), printerPort });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORTS.landscape });
    page.setDefaultTimeout(10_000);
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    tech = await technicianClient(hub.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    await printer?.close();
    dir.cleanup();
  });

  /** The receipt the kiosk should have printed for this ticket, with these texts. */
  async function receiptFor(ticketId: number, texts: { centreName: string; hotline?: string }): Promise<ReceiptData> {
    const ticket = await tech.ticket(ticketId);
    const state = await tech.state();
    const service = state.services.find((s) => s.id === ticket.serviceId);
    return {
      centreName: texts.centreName,
      serviceName: service?.name ?? '',
      serviceNameEn: service?.nameEn ?? '',
      label: ticket.label,
      priority: ticket.priority,
      issuedAt: ticket.issuedAt,
      timeZone: 'Asia/Ho_Chi_Minh',
      ahead: ticket.ahead ?? -1,
      estimatedWaitSeconds: ticket.estimatedWaitSeconds ?? null,
      counters: state.counters.filter((c) => c.serviceIds.includes(ticket.serviceId)).map((c) => c.number),
      trackingUrl: `${hub.url}/t/${ticket.id}-${ticket.label}`,
      ...(texts.hotline ? { hotline: texts.hotline } : {}),
    };
  }

  /** Takes a number in the land field, as a citizen does; its id from the QR on the confirmation. */
  async function takeTicket(): Promise<number> {
    await page.locator('[data-screen="home"] .field', { hasText: 'Đất đai' }).click();
    await page.waitForSelector('[data-screen="confirm"]');
    const qr = (await page.getAttribute('[data-testid="qr"]', 'data-payload')) ?? '';
    const id = Number(/\/t\/(\d+)-/.exec(qr)?.[1]);
    await page.click('[data-testid="done"]');
    await page.waitForSelector('[data-screen="home"]');
    return id;
  }

  it('pairs (`qms devices approve CODE`) and shows its home screen', async () => {
    await page.goto(station.url);
    await approveFromOutput(station.stdout, dataDir);
    await page.waitForSelector('[data-screen="home"]', { timeout: 15_000 });
  });

  it("shows station.json's name until the hub sets one; then the hub's name on screen without a reload, and its name and hotline on the receipt", async () => {
    expect(await page.textContent('[data-centre-name]')).toBe(CENTRE_NAME);
    // A mark in the page: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    await admin.request('PATCH', '/api/settings', { centreName: HUB_NAME, hotline: HUB_HOTLINE });
    await expect.poll(() => page.textContent('[data-centre-name]')).toBe(HUB_NAME);

    const id = await takeTicket();
    await expect.poll(() => printer.receipts.length).toBe(1);
    const printed = printer.receipts[0]!;
    // Every raster line is the one drawn for the hub's texts (to the pixel), not for the kiosk's own.
    expectReceiptOf(printed, await receiptFor(id, { centreName: HUB_NAME, hotline: HUB_HOTLINE }));
    const own = await receiptFor(id, { centreName: CENTRE_NAME });
    expect(() => expectReceiptOf(printed, own)).toThrow();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it("goes back to station.json's name, on screen and receipt, once the hub's are cleared", async () => {
    await admin.request('PATCH', '/api/settings', { centreName: null, hotline: null });
    await expect.poll(() => page.textContent('[data-centre-name]')).toBe(CENTRE_NAME);
    const id = await takeTicket();
    await expect.poll(() => printer.receipts.length).toBe(2);
    expectReceiptOf(printer.receipts[1]!, await receiptFor(id, { centreName: CENTRE_NAME }));
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});
