import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { applicationPageUrl } from '@qms/core';
import type { ProcedureDto } from '@qms/protocol';
import { buildBlocksJob } from '@qms/printer';
import { EscPosDecoder, type PrintedBlock, VirtualPrinter, VirtualScanner } from '@qms/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureSlipBlocks } from '../../apps/kiosk/src/agent/procedure-slip.js';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from '../support/hub-process.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';
import { approveFromOutput, CENTRE_NAME, expectReceiptOf, snap, startKioskProcess, VIEWPORTS } from './kiosk-harness.js';

const ID_NUMBER = '001203012345';
const CCCD = `${ID_NUMBER}|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên|20042021`;

/** What a slip's bytes print, decoded as the virtual printer decodes them. */
function decoded(job: Buffer): PrintedBlock[] {
  let blocks: PrintedBlock[] = [];
  const decoder = new EscPosDecoder('epson', { status: () => undefined, cut: (printed) => (blocks = printed) });
  decoder.push(job);
  return blocks;
}

/**
 * The kiosk's citizen services end to end: the real hub (demo centre, with its procedures and the
 * results field), the real kiosk process with the virtual printer and a scanner on a socat pair,
 * and the screen in Chromium. Procedures (search without accents, detail, printed slip), looking an
 * application up by code and secret and by CCCD, a results ticket by scanning the receipt, feedback.
 */
describe('kiosk citizen services, end to end', () => {
  const dir = tempDir('qms-kiosk-services-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let printer: VirtualPrinter;
  let serial: SerialPair;
  let station: Awaited<ReturnType<typeof startKioskProcess>>;
  let browser: Browser;
  let page: Page;
  let staff: HubClient;
  let admin: HubClient;
  let received: { id: number; code: string; secret: string };

  const scan = async (text: string) => {
    const scanner = new VirtualScanner(serial.b);
    await scanner.ready();
    await scanner.scan(text);
    await scanner.close();
  };
  const home = async () => {
    await page.click('[data-action="home"], [data-testid="done"]');
    await page.waitForSelector('[data-screen="home"]');
  };
  const receive = async (fullName: string, idNumber?: string) => {
    const khaiSinh = (await staff.request<ProcedureDto[]>('GET', `/api/procedures?q=${encodeURIComponent('đăng ký khai sinh')}`)).body.find((p) => p.code === '1.001193');
    const { body } = await staff.request<{ id: number; code: string; secret: string }>('POST', '/api/applications', {
      procedureId: khaiSinh?.id,
      applicant: { fullName, ...(idNumber ? { idNumber } : {}) },
    });
    return body;
  };
  const move = async (id: number, ...statuses: number[]) => {
    for (const status of statuses) await staff.request('POST', `/api/applications/${id}/status`, { status });
  };

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    printer = new VirtualPrinter();
    const printerPort = await printer.listen(0);
    serial = await openSerialPair(join(dir.path, 'ttyScanner'), join(dir.path, 'ttyHost'));
    station = await startKioskProcess({ hubUrl: hub.url, configDir: join(dir.path, 'station'), printerPort, scanner: serial.a });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: VIEWPORTS.landscape });
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay1', 'demo1234');
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    await page.goto(station.url);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    await printer?.close();
    await serial?.close();
    dir.cleanup();
  });

  it('home: big buttons for procedures, application lookup and feedback beside the fields', async () => {
    await approveFromOutput(station.stdout, dataDir);
    await page.waitForSelector('[data-screen="home"]', { timeout: 15_000 });
    received = await receive('Nguyễn Văn An', ID_NUMBER);
    for (const service of ['procedures', 'lookup', 'feedback']) {
      const button = page.locator(`[data-home="${service}"]`);
      expect((await button.boundingBox())?.height).toBeGreaterThanOrEqual(88);
    }
    expect(await page.textContent('[data-home="procedures"]')).toContain('Thủ tục hành chính');
    expect(await page.textContent('[data-home="procedures"]')).toContain('Procedures');
    expect(await page.textContent('[data-home="lookup"]')).toContain('Tra cứu hồ sơ');
    expect(await page.textContent('[data-home="feedback"]')).toContain('Góp ý');
    await snap(page, 'services-1-home');
  });

  it('procedures: "dang ky khai sinh" on the on-screen keyboard finds "Đăng ký khai sinh"; the detail shows fees, documents, time, level and the portal QR; the slip prints', async () => {
    await page.click('[data-home="procedures"]');
    await page.waitForSelector('[data-screen="procedures"] [data-procedure-id]');
    await snap(page, 'services-2-procedures');
    // Browsing by field: Hộ tịch lists only its own.
    const civil = (await staff.services()).find((s) => s.name === 'Hộ tịch');
    await page.click(`[data-procedure-field="${civil?.id}"]`);
    await expect.poll(() => page.locator('[data-procedure-id]').count()).toBeGreaterThan(0);
    const civilIds = (await staff.request<ProcedureDto[]>('GET', `/api/procedures?serviceId=${civil?.id}`)).body.map((p) => String(p.id));
    await expect.poll(async () => (await page.locator('[data-procedure-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-procedure-id')))).sort()).toEqual(civilIds.sort());
    await page.click('[data-procedure-field="all"]');

    for (const letter of 'dang ky khai sinh') await page.click(`[data-keyboard] [data-key="${letter === ' ' ? 'space' : letter}"]`);
    expect(await page.inputValue('[data-procedure-search]')).toBe('dang ky khai sinh');
    const first = page.locator('[data-procedure-id]').first();
    await expect.poll(() => first.textContent(), { timeout: 5_000 }).toContain('Đăng ký khai sinh');
    const names = await page.locator('[data-procedure-id] .name').allTextContents();
    expect(names).toContain('Đăng ký khai sinh');
    expect(names.every((name) => /khai sinh/i.test(name))).toBe(true);
    await snap(page, 'services-3-procedure-search');

    const procedure = (await staff.request<ProcedureDto[]>('GET', '/api/procedures?q=dang%20ky%20khai%20sinh')).body.find((p) => p.name === 'Đăng ký khai sinh') as ProcedureDto;
    await page.click(`[data-procedure-id="${procedure.id}"]`);
    const detail = page.locator(`[data-procedure-detail="${procedure.id}"]`);
    await detail.waitFor();
    expect(await detail.locator('[data-procedure-fee]').textContent()).toContain(procedure.fee);
    expect(await detail.locator('[data-procedure-days]').textContent()).toContain('Trong ngày');
    expect(await detail.locator('[data-procedure-level]').textContent()).toContain('toàn trình');
    expect(await detail.locator('[data-procedure-applicants]').textContent()).toContain(procedure.applicants);
    expect(await detail.locator('[data-procedure-documents] li').allTextContents()).toEqual(procedure.documents.map((d) => `${d.name} (1 bản chính)`));
    expect(await detail.locator('[data-portal-qr]').getAttribute('data-payload')).toBe(procedure.portalUrl);
    await detail.locator('[data-portal-qr] svg').waitFor();
    await snap(page, 'services-4-procedure-detail');

    const before = printer.receipts.length;
    await page.click('[data-procedure-print]');
    await page.waitForSelector('[data-print-status][data-print-ok="true"]');
    await expect.poll(() => printer.receipts.length).toBe(before + 1);
    const slip = printer.receipts[before]!;
    // The slip carries the portal's QR, and exactly the lines its description says, drawn as raster.
    expect(slip.qr).toEqual([procedure.portalUrl]);
    const blocks = procedureSlipBlocks({ centreName: CENTRE_NAME, fieldName: 'Hộ tịch', procedure, hotline: null });
    const texts = blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : []));
    expect(texts).toEqual(expect.arrayContaining(['Đăng ký khai sinh', `Phí, lệ phí: ${procedure.fee}`, 'Thời hạn giải quyết: Trong ngày', '1. Tờ khai đăng ký khai sinh (1 bản chính)']));
    const expected = decoded(buildBlocksJob(blocks, { type: 'epson', widthDots: 576, encoding: 'raster' })).flatMap((block) => (block.kind === 'image' ? [block.bitmap] : []));
    expect(slip.images).toHaveLength(expected.length);
    slip.images.forEach((image, index) => expect(Buffer.from(image.data).equals(Buffer.from(expected[index]!.data)), `raster image ${index}`).toBe(true));
    await snap(page, 'services-5-procedure-printed');
    await page.click('[data-action="back"]');
    await page.waitForSelector('[data-screen="procedures"]');
    // The search is kept on the way back.
    expect(await page.inputValue('[data-procedure-search]')).toBe('dang ky khai sinh');
    await home();
  });

  it('lookup by code and secret: the status in words; a wrong code and a wrong secret give one "not found"', async () => {
    await page.click('[data-home="lookup"]');
    await page.waitForSelector('[data-screen="lookup"]');
    await snap(page, 'services-6-lookup');
    const wrongSecret = received.secret === '222222' ? '333333' : '222222';
    await page.fill('[data-lookup-code]', received.code);
    await page.fill('[data-lookup-secret]', wrongSecret);
    await page.click('[data-lookup-submit]');
    const error = page.locator('[data-lookup-error="application.not_found"]');
    await error.waitFor();
    const bySecret = await error.textContent();
    expect(bySecret).toContain('Không tìm thấy hồ sơ');
    await page.fill('[data-lookup-code]', 'UBND-261127-0999');
    await page.fill('[data-lookup-secret]', received.secret);
    await page.click('[data-lookup-submit]');
    await expect.poll(() => page.locator('[data-lookup-error]').count()).toBe(1);
    expect(await page.textContent('[data-lookup-error]')).toBe(bySecret);

    await page.fill('[data-lookup-code]', received.code.toLowerCase());
    await page.fill('[data-lookup-secret]', received.secret.toLowerCase());
    await page.click('[data-lookup-submit]');
    const row = page.locator(`[data-application-code="${received.code}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-application-status')).toBe('2');
    expect(await row.textContent()).toContain('Được tiếp nhận');
    expect(await row.textContent()).toContain('Đăng ký khai sinh');
    expect(await row.textContent()).toContain('N*** V** A*');
    expect(await row.textContent()).not.toContain('Nguyễn Văn An');
    await snap(page, 'services-7-lookup-found');
  });

  it('lookup by CCCD on the scanner: the lookup screen lists that citizen’s applications (no greeting), and the number is logged nowhere', async () => {
    const other = await receive('Nguyễn Văn An', ID_NUMBER);
    await receive('Trần Thị Bình', '079190000123');
    await page.fill('[data-lookup-code]', '');
    await scan(CCCD);
    await page.waitForSelector(`[data-lookup-results] [data-application-code="${other.code}"]`, { timeout: 10_000 });
    const codes = await page.locator('[data-lookup-results] [data-application-code]').evaluateAll((els) => els.map((el) => el.getAttribute('data-application-code')));
    expect(codes).toEqual([other.code, received.code]);
    expect(await page.locator('[data-testid="greeting"]').count()).toBe(0);
    await snap(page, 'services-8-lookup-cccd');
    await home();
    // The card read for the lookup is not kept for the next citizen's ticket.
    expect(await page.locator('[data-testid="greeting"]').count()).toBe(0);
    expect(station.stderr()).not.toContain(ID_NUMBER);
    expect(station.stdout()).not.toContain(ID_NUMBER);
    expect(hub.stderr()).not.toContain(ID_NUMBER);
  });

  it('a receipt scanned while the application is not ready: its status in words, no ticket', async () => {
    const tickets = printer.receipts.length;
    await scan(applicationPageUrl(hub.url, received.code, received.secret));
    await page.waitForSelector(`[data-screen="application"] [data-application-code="${received.code}"]`, { timeout: 10_000 });
    expect(await page.getAttribute('[data-application-code]', 'data-application-status')).toBe('2');
    expect(await page.textContent('[data-screen="application"]')).toContain('Hồ sơ chưa có kết quả');
    await snap(page, 'services-9-not-ready');
    expect(printer.receipts.length).toBe(tickets);
    await home();
  });

  it('a ready application’s receipt scanned on the scanner: a results ticket, printed with the application code, shown to the results counter; the same ticket for a second scan', async () => {
    await move(received.id, 4, 9);
    const before = printer.receipts.length;
    await scan(applicationPageUrl(hub.url, received.code, received.secret));
    await page.waitForSelector('[data-screen="pickup"]', { timeout: 10_000 });
    const label = (await page.textContent('[data-testid="ticket-label"]')) ?? '';
    expect(label).toBe('R001');
    expect(await page.getAttribute('[data-pickup-application]', 'data-pickup-application')).toBe(received.code);
    await snap(page, 'services-10-pickup');
    await expect.poll(() => printer.receipts.length).toBe(before + 1);

    const results = (await staff.services()).find((s) => s.name === 'Trả kết quả');
    const [ticket] = await staff.tickets({ serviceId: results?.id });
    expect(ticket).toMatchObject({ label: 'R001', status: 'waiting' });
    const detail = await staff.request<{ estimatedWaitSeconds: number | null; application?: { code: string; status: number } }>('GET', `/api/tickets/${ticket?.id}`);
    expect(detail.body.application).toMatchObject({ code: received.code, status: 9, procedureName: 'Đăng ký khai sinh', applicantName: 'Nguyễn Văn An' });
    const state = await staff.state();
    expectReceiptOf(printer.receipts[before]!, {
      centreName: CENTRE_NAME,
      serviceName: 'Trả kết quả',
      serviceNameEn: 'Results',
      label: 'R001',
      priority: 'normal',
      issuedAt: ticket!.issuedAt,
      timeZone: 'Asia/Ho_Chi_Minh',
      ahead: 0,
      estimatedWaitSeconds: detail.body.estimatedWaitSeconds,
      counters: state.counters.filter((c) => c.serviceIds.includes(results!.id)).map((c) => c.number),
      trackingUrl: `${hub.url}/t/${ticket!.id}-R001`,
      note: `Trả kết quả hồ sơ: ${received.code}`,
    });
    await home();

    // The citizen scans again (the paper jammed, say): the same number, printed again.
    await scan(applicationPageUrl(hub.url, received.code, received.secret));
    await page.waitForSelector('[data-screen="pickup"]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid="ticket-label"]')).toBe('R001');
    expect(await page.textContent('[data-screen="pickup"]')).toContain('Bạn đã lấy số này cho hồ sơ này rồi');
    expect(await staff.tickets({ serviceId: results?.id })).toHaveLength(1);
    await home();
  });

  it('a ready application looked up by code and secret offers its results ticket; a receipt QR with a wrong secret says "not found"', async () => {
    const ready = await receive('Lê Văn Cường');
    await move(ready.id, 4, 9);
    await page.click('[data-home="lookup"]');
    await page.fill('[data-lookup-code]', ready.code);
    await page.fill('[data-lookup-secret]', ready.secret);
    await page.click('[data-lookup-submit]');
    const row = page.locator(`[data-application-code="${ready.code}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-application-status')).toBe('9');
    expect(await row.textContent()).toContain('Đã có kết quả');
    await snap(page, 'services-10b-lookup-ready');
    const before = printer.receipts.length;
    await page.click(`[data-application-pickup="${ready.code}"]`);
    await page.waitForSelector('[data-screen="pickup"]');
    expect(await page.textContent('[data-testid="ticket-label"]')).toBe('R002');
    expect(await page.getAttribute('[data-pickup-application]', 'data-pickup-application')).toBe(ready.code);
    await expect.poll(() => printer.receipts.length).toBe(before + 1);
    await home();

    const wrong = ready.secret === '222222' ? '333333' : '222222';
    await scan(applicationPageUrl(hub.url, ready.code, wrong));
    await page.waitForSelector('[data-screen="application"] [data-lookup-error="application.not_found"]', { timeout: 10_000 });
    expect(await page.textContent('[data-screen="application"]')).toContain('Không tìm thấy hồ sơ');
    await snap(page, 'services-10c-receipt-not-found');
    expect(printer.receipts.length).toBe(before + 1);
    await home();
  });

  it('feedback: the message with a phone and a counter reaches the hub, thanks on screen; a too-short one is refused in words', async () => {
    await page.click('[data-home="feedback"]');
    await page.waitForSelector('[data-screen="feedback"]');
    await snap(page, 'services-11-feedback');
    await page.fill('[data-feedback-text]', 'abc');
    await page.click('[data-feedback-send]');
    await page.waitForSelector('[data-feedback-result="error"]');
    expect(await page.textContent('[data-feedback-result]')).toContain('ít nhất 5 ký tự');
    await snap(page, 'services-12-feedback-error');
    // Typed on the on-screen keyboard, the tone after the word as with Telex: q-u-â-y, huyền → "quầy".
    await page.fill('[data-feedback-text]', 'Cán bộ ');
    await page.click('[data-feedback-text]');
    for (const key of ['q', 'u', 'â', 'y', 'huyen', 'space', '2']) await page.click(`[data-keyboard] [data-key="${key}"]`);
    expect(await page.inputValue('[data-feedback-text]')).toBe('Cán bộ quầy 2');
    await page.fill('[data-feedback-phone]', '0912345678');
    await page.click('[data-feedback-counter="2"]');
    await page.click('[data-feedback-send]');
    await page.waitForSelector('[data-feedback-result="sent"]');
    expect(await page.textContent('[data-feedback-result]')).toContain('Cảm ơn quý công dân đã góp ý');
    await snap(page, 'services-13-feedback-sent');
    const { body } = await admin.request<{ entries: { text: string; phone: string | null; counterNumber: number | null }[] }>('GET', '/api/feedback');
    expect(body.entries[0]).toMatchObject({ text: 'Cán bộ quầy 2', phone: '0912345678', counterNumber: 2 });
    await home();
  });
});
