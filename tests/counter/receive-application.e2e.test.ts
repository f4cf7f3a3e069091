import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { applicationPageUrl, parseApplicationPagePath } from '@qms/core';
import { VirtualPrinter, VirtualScanner } from '@qms/simulators';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type HubProcess, runQms, startHubProcess } from '../support/hub-process.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/counter-screens');
/** A CCCD's QR code as the card carries it: number, old number, name, birth date, sex, address, issue date. */
const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên|20042021';
const ID_NUMBER = '001203012345';

interface ApplicationEntry {
  code: string;
  status: number;
  procedure: { code: string };
  applicant: { fullName: string; address: string | null; phone: string | null; idMasked: string | null };
  documents: { name: string; original: number | null; copies: number | null }[];
  channel: string;
}

/**
 * Receiving an application at a counter, end to end: the hub process (demo centre and its sample
 * catalogue), `qms station counter` with the virtual TCP printer and a CCCD scanner on a socat pair,
 * its screen in Chromium. The clerk scans the card, finds the procedure by typing, ticks the papers,
 * receives, prints the receipt and opens the A4 PDF.
 */
describe('counter: receive an application, print its receipt', () => {
  const dir = tempDir('qms-receive-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let station: StationProcess;
  let printer: VirtualPrinter;
  let serial: SerialPair;
  let browser: Browser;
  let page: Page;
  let staff: HubClient;
  let received: { code: string; secret: string; dueAt: string };

  beforeAll(async () => {
    // Logs at info: the test reads them for the CCCD number (it must not be there).
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0', QMS_LOG_LEVEL: 'info' } });
    const pin = runQms(['users', 'pin', 'quay1', '--data', dataDir], { input: '2468\n' });
    expect(pin.status, pin.stderr).toBe(0);
    printer = new VirtualPrinter({ outputDir: join(dir.path, 'printed') });
    const printerPort = await printer.listen(0);
    serial = await openSerialPair(join(dir.path, 'ttyScanner'), join(dir.path, 'ttyWire'));
    mkdirSync(join(dir.path, 'station'));
    station = await startPairedStation('counter', hub, dataDir, {
      config: join(dir.path, 'station'),
      name: 'Quầy 1 một cửa',
      approve: ['--counter', '1'],
      args: ['--printer', `tcp://127.0.0.1:${printerPort}`, '--scanner', serial.a],
      env: { QMS_LOG_LEVEL: 'info' },
    });
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay2', 'demo1234');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    await printer?.close();
    await serial?.close();
    dir.cleanup();
  });

  /** The screen at 1366x768, scrolled to its top (or its bottom: the rest of a long form). */
  async function snap(name: string, at: 'top' | 'bottom' = 'top'): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.evaluate((end) => {
      const screen = document.querySelector('.screen');
      screen?.scrollTo(0, end === 'top' ? 0 : screen.scrollHeight);
    }, at);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  it('the clerk opens "receive application" from the counter screen', async () => {
    await page.goto(station.url);
    await page.fill('input[name="username"]', 'quay1');
    await page.fill('input[name="pin"]', '2468');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-screen="counter"]');
    await page.click('[data-action="receive-application"]');
    await page.waitForSelector('[data-screen="receive-application"]');
    // The whole catalogue is offered before anything is typed.
    await expect.poll(async () => Number(await page.getAttribute('[data-procedure-results]', 'data-procedure-results'))).toBeGreaterThan(10);
    await snap('application-1-receive-empty');
  });

  it('a CCCD scanned on the serial scanner fills the name, the address and the (masked) number', async () => {
    const scanner = new VirtualScanner(serial.b);
    await scanner.ready();
    await scanner.scan(CCCD);
    await scanner.close();
    await page.waitForSelector('[data-scanned="001******345"]');
    expect(await page.inputValue('input[name="fullName"]')).toBe('Nguyễn Văn An');
    expect(await page.inputValue('input[name="address"]')).toBe('Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên');
    // The screen never holds the number: only its masked form.
    expect(await page.content()).not.toContain(ID_NUMBER);
  });

  it('the procedure is found by typing "khai sinh", its papers ticked with their counts, and received', async () => {
    await page.fill('input[name="procedure-search"]', 'khai sinh');
    const birth = page.locator('[data-procedure-code="1.001193"]');
    await birth.waitFor();
    // Only procedures with those words are left.
    await expect.poll(async () => Number(await page.getAttribute('[data-procedure-results]', 'data-procedure-results'))).toBeLessThan(6);
    await birth.click();
    await page.waitForSelector('[data-chosen-procedure]');
    const documents = page.locator('[data-document]');
    expect(await documents.count()).toBe(3);
    await documents.nth(0).locator('input[name="received"]').check();
    await documents.nth(1).locator('input[name="received"]').check();
    await documents.nth(1).locator('input[name="copies"]').fill('2');
    await page.fill('input[name="phone"]', '0912345678');
    await snap('application-2-receive-filled');
    await snap('application-2-receive-filled-documents', 'bottom');

    await page.click('[data-action="submit-application"]');
    await page.waitForSelector('[data-screen="application-received"]');
    received = {
      code: (await page.getAttribute('[data-application-code]', 'data-application-code')) ?? '',
      secret: (await page.getAttribute('[data-application-secret]', 'data-application-secret')) ?? '',
      dueAt: (await page.getAttribute('[data-due-at]', 'data-due-at')) ?? '',
    };
    expect(received.code).toMatch(/^[A-Z0-9]+-\d{6}-0001$/);
    expect(received.secret).toMatch(/^[A-Z0-9]{6,20}$/);
    expect(Number.isNaN(Date.parse(received.dueAt))).toBe(false);
    expect(await page.textContent('[data-application-code]')).toBe(received.code);
    await page.waitForSelector('[data-action="receipt-pdf"]');
    await snap('application-3-received');

    // At the hub: the papers and channel as ticked, the CCCD masked only.
    const { body } = await staff.request<{ entries: ApplicationEntry[] }>('GET', `/api/applications?q=${received.code}`);
    const entry = body.entries.find((e) => e.code === received.code);
    expect(entry).toMatchObject({
      status: 2,
      procedure: { code: '1.001193' },
      applicant: { fullName: 'Nguyễn Văn An', idMasked: '001******345', phone: '0912345678', address: 'Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên' },
      channel: 'counter',
    });
    expect(entry?.documents).toEqual([
      { name: 'Tờ khai đăng ký khai sinh', original: 1, copies: 0 },
      { name: 'Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh', original: 1, copies: 2 },
    ]);
    expect(JSON.stringify(body)).not.toContain(ID_NUMBER);
  });

  it('the receipt prints on the virtual printer: its QR opens the application page on the hub, the barcode is the code', async () => {
    await page.click('[data-action="print-receipt"]');
    await page.waitForSelector('[data-print-result="ok"]');
    expect(printer.receipts).toHaveLength(1);
    const [receipt] = printer.receipts;
    const url = applicationPageUrl(hub.url, received.code, received.secret);
    expect(receipt?.qr).toEqual([url]);
    expect(receipt?.barcodes).toEqual([received.code]);
    expect(receipt?.images.some((image) => image.data.some((byte) => byte !== 0))).toBe(true);
    // The printed paper's QR, read from its picture, is that URL; the hub knows the application by its code and secret.
    const png = PNG.sync.read(receipt?.png ?? Buffer.alloc(0));
    const scanned = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
    expect(scanned).toBe(url);
    const ref = parseApplicationPagePath(new URL(scanned).pathname);
    expect(ref).toEqual({ code: received.code, secret: received.secret });
    const lookup = await fetch(`${hub.url}/api/applications/lookup?code=${ref?.code}&secret=${ref?.secret}`);
    expect(lookup.status).toBe(200);
    expect(await lookup.json()).toMatchObject({ code: received.code, status: 2, procedure: { code: '1.001193' }, dueAt: received.dueAt });
    // The QR opens the application's page on a phone: the hub serves it.
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    try {
      await phone.goto(scanned);
      expect(await phone.getAttribute('[data-application-code]', 'data-application-code')).toBe(received.code);
      expect(await phone.getAttribute('[data-application-status]', 'data-application-status')).toBe('2');
    } finally {
      await phone.close();
    }
  });

  it('the A4 PDF opens in a new window from the station, with the Vietnamese words whole and no CCCD number', async () => {
    const href = (await page.getAttribute('[data-action="receipt-pdf"]', 'href')) ?? '';
    expect(await page.getAttribute('[data-action="receipt-pdf"]', 'target')).toBe('_blank');
    const response = await fetch(new URL(href, station.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const file = join(dir.path, 'receipt.pdf');
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const words of [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      received.code,
      `Mã tra cứu: ${received.secret}`,
      'Người nộp: Nguyễn Văn An',
      'Số CCCD: 001******345',
      'Thủ tục: Đăng ký khai sinh (1.001193)',
      // (the long name wraps in its table cell)
      'Giấy chứng sinh hoặc giấy tờ thay thế',
      'Nơi nhận kết quả: Bộ phận Một cửa – quầy trả kết quả',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain(ID_NUMBER);
    // A name that is not one of the last receipts is not served.
    expect((await fetch(new URL('documents/0123456789abcdef01234567.pdf', station.url))).status).toBe(404);
    // The click opens it in a window of its own.
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('[data-action="receipt-pdf"]')]);
    expect(popup.url()).toBe(new URL(href, station.url).href);
    await popup.close();
  });

  it('the CCCD number appears in no log of the station nor the hub', () => {
    for (const log of [station.stdout(), station.stderr(), hub.stdout(), hub.stderr()]) expect(log).not.toContain(ID_NUMBER);
    // The scan and the receipt were logged: the logs were there to look at.
    expect(station.stderr()).toContain('CCCD scanned at the receive screen');
    expect(station.stderr()).toContain(`application ${received.code} received`);
    expect(hub.stderr()).toContain('application received');
  });
});
