import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { HubClient } from '@qms/client';
import type { ReceiptData } from '@qms/printer';
import { VirtualPrinter, VirtualScanner } from '@qms/simulators';
import type { KioskOwnView } from '@qms/kiosk';
import type { BridgeMessage } from '@qms/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, runQmsAsync, startHubProcess } from '../support/hub-process.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';
import { approveFromOutput, CENTRE_NAME, expectReceiptOf, snap, startKioskProcess, storedCitizen, technicianClient, VIEWPORTS } from './kiosk-harness.js';

const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên|20042021';

/**
 * The kiosk end to end, as it runs in a centre: the real hub (demo centre, SQLite file), the real
 * `qms station kiosk` process printing to the virtual TCP printer and reading a scanner on a socat
 * serial pair, and the kiosk screen in Debian's Chromium.
 */
describe('ticket kiosk, end to end', () => {
  const dir = tempDir('qms-kiosk-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let hubPort: string;
  let printer: VirtualPrinter;
  let printerPort: number;
  let serial: SerialPair;
  let station: Awaited<ReturnType<typeof startKioskProcess>>;
  let browser: Browser;
  let page: Page;
  let tech: HubClient;

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    hubPort = new URL(hub.url).port;
    printer = new VirtualPrinter();
    printerPort = await printer.listen(0);
    serial = await openSerialPair(join(dir.path, 'ttyScanner'), join(dir.path, 'ttyHost'));
    station = await startKioskProcess({ hubUrl: hub.url, configDir: join(dir.path, 'station'), printerPort, scanner: serial.a });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORTS.landscape });
    // The page's clock runs as usual, and can be moved on (the confirmation screen's timeout).
    await page.clock.install();
    tech = await technicianClient(hub.url);
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

  async function expectedReceipt(ticketId: number): Promise<ReceiptData> {
    const ticket = await tech.ticket(ticketId);
    const state = await tech.state();
    const service = state.services.find((s) => s.id === ticket.serviceId);
    return {
      centreName: CENTRE_NAME,
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
    };
  }

  async function tapField(name: string): Promise<void> {
    await page.locator('[data-screen="home"] .field', { hasText: name }).click();
  }

  async function confirmedTicket(): Promise<{ id: number; label: string }> {
    await page.waitForSelector('[data-screen="confirm"]');
    const label = (await page.textContent('[data-testid="ticket-label"]')) ?? '';
    const qr = (await page.getAttribute('[data-testid="qr"]', 'data-payload')) ?? '';
    const id = Number(/\/t\/(\d+)-/.exec(qr)?.[1]);
    return { id, label };
  }

  async function backHome(): Promise<void> {
    await page.click('[data-testid="done"]');
    await page.waitForSelector('[data-screen="home"]');
  }

  it('pairs on first start: the code is printed and shown big until `qms devices approve CODE`', async () => {
    await page.goto(station.url);
    await page.waitForSelector('[data-screen="pairing"]');
    await expect.poll(station.stdout).toMatch(/pairing code: \d{6}/);
    const printed = /pairing code: (\d{6})/.exec(station.stdout())?.[1] ?? '';
    expect((await page.textContent('[data-testid="pairing-code"]'))?.replace(/\s/g, '')).toBe(printed);
    await snap(page, '1-pairing');
    await approveFromOutput(station.stdout, dataDir);
    await page.waitForSelector('[data-screen="home"]', { timeout: 15_000 });
    await expect.poll(station.stdout).toMatch(/connected to the hub as device \d+/);
    expect(station.stdout()).toContain(`kiosk screen: ${station.url}`);
  });

  it('home: every open field as a big button with its waiting count and estimate, live from the hub', async () => {
    const state = await tech.state();
    const fields = page.locator('[data-screen="home"] .field');
    await expect.poll(() => fields.count()).toBe(state.services.filter((s) => s.active).length);
    const land = page.locator('.field', { hasText: 'Đất đai' });
    const box = await land.boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(88); // a finger, not a mouse
    await expect.poll(() => land.textContent()).toContain('Đang chờ: 0 người');
    // Another kiosk (here: a clerk) issues a ticket: the count moves without a reload.
    const other = new HubClient({ baseUrl: hub.url });
    await other.login('quay1', 'demo1234');
    await other.issueTicket(state.services[0]?.id ?? 0);
    await expect.poll(() => land.textContent(), { timeout: 5_000 }).toContain('Đang chờ: 1 người');
    await snap(page, '2-home');
    await page.click('[data-testid="lang"]');
    await expect.poll(() => land.textContent()).toContain('Waiting: 1 people');
    await snap(page, '2-home-english');
    await page.click('[data-testid="lang"]');
  });

  it('a closed field is greyed out with its opening hours and cannot be taken', async () => {
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const building = (await admin.services()).find((s) => s.name === 'Xây dựng');
    // Open tomorrow morning only: closed now, whatever day the test runs.
    const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', weekday: 'short' }).format(new Date())) + 1;
    const tomorrow = (weekday % 7) + 1;
    const hours = [{ days: [tomorrow], open: '07:30', close: '11:30' }];
    await admin.request('PATCH', `/api/services/${building?.id}`, { openingHours: hours });
    const card = page.locator('.field', { hasText: 'Xây dựng' });
    await expect.poll(() => card.getAttribute('class'), { timeout: 5_000 }).toContain('closed');
    expect(await card.isDisabled()).toBe(true);
    expect(await card.textContent()).toContain(`Giờ làm việc: ${['', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'][tomorrow]} 07:30–11:30`);
    await snap(page, '2-home-closed-field');
    await card.click({ force: true });
    expect(await page.locator('[data-screen="home"]').count()).toBe(1);
    expect((await admin.tickets({ serviceId: building?.id })).length).toBe(0);
    await admin.request('PATCH', `/api/services/${building?.id}`, { openingHours: building?.openingHours });
    await expect.poll(() => card.getAttribute('class'), { timeout: 5_000 }).not.toContain('closed');
  });

  it('tap a field: the hub holds the ticket, the printer received its receipt, the screen confirms it', async () => {
    await tapField('Đất đai');
    const { id, label } = await confirmedTicket();
    expect(label).toBe('A002');
    const ticket = await tech.ticket(id);
    expect(ticket).toMatchObject({ label: 'A002', status: 'waiting', priority: 'normal' });
    expect(await page.textContent('[data-testid="ahead"]')).toBe('1');
    expect(await page.textContent('[data-testid="print-status"]')).toContain('Mời nhận phiếu');
    await expect.poll(() => printer.receipts.length).toBe(1);
    expectReceiptOf(printer.receipts[0]!, await expectedReceipt(id));
    await page.waitForSelector('[data-testid="qr"] svg');
    await snap(page, '3-confirm');
    await backHome();
  });

  it('priority: the citizen picks a class, the ticket carries it and goes first', async () => {
    await page.click('[data-testid="priority"]');
    await page.waitForSelector('[data-screen="priority"]');
    await snap(page, '4-priority');
    await page.click('[data-priority="elderly"]');
    expect(await page.textContent('[data-testid="priority"]')).toContain('Người cao tuổi');
    await tapField('Đất đai');
    const { id, label } = await confirmedTicket();
    expect(label).toBe('A003');
    const ticket = await tech.ticket(id);
    expect(ticket).toMatchObject({ priority: 'elderly', ahead: 0 });
    await expect.poll(() => printer.receipts.length).toBe(2);
    expectReceiptOf(printer.receipts[1]!, await expectedReceipt(id));
    // Nobody taps: the screen goes home by itself after the confirmation time (30 s here), ready for the next citizen.
    await page.clock.fastForward(31_000);
    await page.waitForSelector('[data-screen="home"]');
    // The next citizen starts without the priority.
    expect(await page.textContent('[data-testid="priority"]')).toContain('Tôi thuộc diện ưu tiên');
  });

  it('paper out: the ticket is shown on screen, the hub gets an alert, a reprint works once paper is back', async () => {
    printer.setPaper('out');
    await tapField('Hộ tịch');
    const { id, label } = await confirmedTicket();
    expect(label).toBe('B001');
    expect(await page.textContent('[data-testid="print-status"]')).toContain('Máy in hết giấy');
    expect(await page.textContent('[data-testid="print-status"]')).toContain('chụp ảnh màn hình');
    // In English too, without looking for the language button.
    expect(await page.textContent('[data-testid="print-status"]')).toContain('The printer is out of paper');
    await snap(page, '5-paper-out');
    await expect
      .poll(async () => (await tech.request<{ code: string; clearedAt: string | null }[]>('GET', '/api/devices/alerts')).body, { timeout: 5_000 })
      .toEqual([expect.objectContaining({ source: 'printer', code: 'paper_out', clearedAt: null })]);
    // The technician sees it over SSH too.
    const alerts = await runQmsAsync(['devices', 'alerts', '--data', dataDir]);
    expect(alerts.stdout).toMatch(/kiosk\s+Kiosk sảnh\s+printer: paper_out\s+ACTIVE since/);
    // One number for the press, printed or not.
    expect((await tech.tickets({ serviceId: (await tech.ticket(id)).serviceId })).map((t) => t.label)).toEqual(['B001']);
    expect(printer.receipts).toHaveLength(2);

    printer.setPaper('ok');
    await page.click('[data-testid="reprint"]');
    await expect.poll(() => page.textContent('[data-testid="print-status"]')).toContain('Mời nhận phiếu');
    await expect.poll(() => printer.receipts.length).toBe(3);
    expectReceiptOf(printer.receipts[2]!, await expectedReceipt(id));
    await expect.poll(async () => (await tech.request<{ clearedAt: string | null }[]>('GET', '/api/devices/alerts')).body[0]?.clearedAt, { timeout: 5_000 }).not.toBeNull();
    await backHome();
  });

  it('CCCD on the serial scanner: the citizen is greeted and the masked identity goes with the ticket', async () => {
    const scanner = new VirtualScanner(serial.b);
    await scanner.ready();
    await scanner.scan(CCCD);
    await scanner.close();
    await page.waitForSelector('[data-testid="greeting"]', { timeout: 10_000 });
    const greeting = (await page.textContent('[data-testid="greeting"]')) ?? '';
    expect(greeting).toContain('Xin chào, Nguyễn Văn An');
    expect(greeting).toContain('001******345');
    expect(greeting).not.toContain('001203012345');
    await snap(page, '6-greeting');
    await tapField('Chứng thực');
    const { id } = await confirmedTicket();
    expect(storedCitizen(dataDir, id)).toEqual({ name: 'Nguyễn Văn An', idMasked: '001******345' });
    await backHome();
    expect(await page.locator('[data-testid="greeting"]').count()).toBe(0);
    // The ID number appears in no log.
    expect(station.stderr()).not.toContain('001203012345');
    expect(hub.stderr()).not.toContain('001203012345');
  });

  it('a refusal from the hub (the field gave out all its numbers today) is said plainly, and nothing is printed', async () => {
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const justice = (await admin.services()).find((s) => s.name === 'Tư pháp');
    await admin.request('PATCH', `/api/services/${justice?.id}`, { rangeStart: 1, rangeEnd: 1 });
    await tapField('Tư pháp');
    await confirmedTicket();
    await backHome();
    const printed = printer.receipts.length;
    await tapField('Tư pháp');
    await page.waitForSelector('[data-screen="error"][data-code="service.range_exhausted"]');
    expect(await page.textContent('[data-screen="error"]')).toContain('Đã hết số của lĩnh vực này hôm nay');
    await snap(page, '9-error');
    expect(printer.receipts.length).toBe(printed);
    await page.click('[data-screen="error"] button');
    await page.waitForSelector('[data-screen="home"]');
    await admin.request('PATCH', `/api/services/${justice?.id}`, { rangeStart: justice?.rangeStart, rangeEnd: justice?.rangeEnd });
  });

  it('kiosk agent restarted (a small device rebooting its service): the screen comes back without a reload', async () => {
    const port = Number(new URL(station.url).port);
    station.child.kill('SIGTERM');
    const stoppedAt = Date.now();
    await station.exited;
    expect(Date.now() - stoppedAt, 'the agent stops promptly').toBeLessThan(5_000);
    await page.waitForSelector('[data-screen="starting"]', { timeout: 10_000 });
    await snap(page, '8-starting');
    station = await startKioskProcess({ hubUrl: hub.url, configDir: join(dir.path, 'station'), printerPort, scanner: serial.a, port });
    await page.waitForSelector('[data-screen="home"]', { timeout: 20_000 });
    // Paired before: no new code.
    expect(station.stdout()).not.toContain('pairing code');
  });

  it('hub restarted during use: "reconnecting", then back by itself; a press made meanwhile gives one number', async () => {
    const landId = (await tech.state()).services.find((s) => s.name === 'Đất đai')?.id ?? 0;
    await hub.kill9();
    await page.waitForSelector('[data-screen="reconnecting"]', { timeout: 15_000 });
    await snap(page, '7-reconnecting');

    // A press that reaches the agent while the hub is down: it keeps trying with the same key.
    const bridge = new WebSocket(`${station.url.replace(/^http/, 'ws')}bridge`);
    const replies: BridgeMessage<KioskOwnView>[] = [];
    bridge.on('message', (data) => replies.push(JSON.parse(String(data)) as BridgeMessage<KioskOwnView>));
    await new Promise((resolve) => bridge.once('open', resolve));
    const press = { id: 7, method: 'issue', params: { serviceId: landId, priority: 'normal', key: 'press-during-outage-1' } };
    bridge.send(JSON.stringify(press));
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    hub = await startHubProcess(dataDir, { args: ['--demo', '--port', hubPort], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    await page.waitForSelector('[data-screen="home"]', { timeout: 20_000 });
    await expect.poll(() => replies.find((m) => m.type === 'reply' && m.id === 7), { timeout: 20_000 }).toBeTruthy();
    const reply = replies.find((m) => m.type === 'reply' && m.id === 7);
    expect(reply).toMatchObject({ ok: true, result: { ticket: { label: 'A004' }, print: { ok: true } } });
    // The same press again (a retry after a lost answer): the same ticket, no new number.
    bridge.send(JSON.stringify({ ...press, id: 8 }));
    await expect.poll(() => replies.find((m) => m.type === 'reply' && m.id === 8)).toMatchObject({ ok: true, result: { ticket: { label: 'A004' } } });
    bridge.close();

    // Nothing was lost: every ticket issued before the crash is still there, and numbering goes on.
    await tapField('Đất đai');
    const { label } = await confirmedTicket();
    expect(label).toBe('A005');
    const land = await tech.tickets({ serviceId: landId });
    expect(land.map((t) => t.label)).toEqual(['A001', 'A002', 'A003', 'A004', 'A005']);
    await backHome();
  });
});
