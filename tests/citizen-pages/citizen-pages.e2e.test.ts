import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import { applicationPageUrl, ticketPageUrl } from '@qms/core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'citizen-pages-screens');
const HOTLINE = '1900 1234';

/** What the page did that a test cannot see on screen: vibrations, beeps, its WebSockets. */
interface Recorded {
  vibrations: unknown[];
  beeps: number;
  sockets: WebSocket[];
  sameDocument?: boolean;
}

/**
 * The citizen's pages on a phone, end to end: the hub process (demo centre, SQLite file) serves
 * /t/ID-LABEL and /a/CODE/SECRET to Debian's headless Chromium as a 360×740 touch phone; clerks act
 * through the REST API and the ticket page follows without reloading.
 */
describe("the citizen's pages on a phone, end to end", () => {
  const dir = tempDir('qms-citizen-');
  let hub: HubProcess;
  let browser: Browser;
  let phone: BrowserContext;
  let admin: HubClient;
  let clerk: HubClient;
  let serviceId: number;
  let counterId: number;
  let port: number;
  const dataDir = join(dir.path, 'hub');
  const cspViolations: string[] = [];
  // The later --port wins over startHubProcess's --port 0.
  const start = () => startHubProcess(dataDir, { args: ['--demo', '--port', String(port)], env: { QMS_DEMO_PRINTER_PORT: '0' } });

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    port = await freePort();
    hub = await start();
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    expect((await admin.request('PATCH', '/api/settings', { hotline: HOTLINE })).status).toBe(200);
    clerk = new HubClient({ baseUrl: hub.url });
    await clerk.login('quay3', 'demo1234');
    const state = await clerk.state();
    serviceId = state.services.find((s) => s.code === 'chung-thuc')?.id ?? 0;
    counterId = state.counters.find((c) => c.number === 3)?.id ?? 0;
    browser = await launchChromium();
    phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'vi-VN' });
    phone.setDefaultTimeout(10_000);
    await phone.addInitScript(() => {
      const recorded: Recorded = { vibrations: [], beeps: 0, sockets: [] };
      (window as unknown as { recorded: Recorded }).recorded = recorded;
      const vibrate = typeof navigator.vibrate === 'function' ? navigator.vibrate.bind(navigator) : null;
      navigator.vibrate = ((pattern: VibratePattern) => {
        recorded.vibrations.push(pattern);
        return vibrate ? vibrate(pattern) : true;
      }) as typeof navigator.vibrate;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
        recorded.beeps += 1;
        return start.call(this, when);
      };
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          recorded.sockets.push(this);
        }
      };
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    dir.cleanup();
  });

  async function openPage(url: string): Promise<Page> {
    const page = await phone.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await page.goto(url);
    return page;
  }
  const recorded = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { recorded: Recorded }).recorded, sockets: (window as unknown as { recorded: Recorded }).recorded.sockets.length }));

  it('follows the ticket live: its place, then the counter very large with a vibration and a beep, again on a recall; reconnects by itself', async () => {
    const first = await clerk.issueTicket(serviceId);
    const mine = await clerk.issueTicket(serviceId);
    const page = await openPage(ticketPageUrl(hub.url, mine.id, mine.label));
    await page.waitForSelector('main[data-live="connected"]');
    expect(await page.getAttribute('[data-ticket-label]', 'data-ticket-label')).toBe(mine.label);
    expect(await page.getAttribute('main', 'data-ticket-status')).toBe('waiting');
    const ahead = mine.ahead ?? 0;
    expect(ahead).toBeGreaterThanOrEqual(1);
    expect(await page.getAttribute('[data-ahead]', 'data-ahead')).toBe(String(ahead));
    expect(await page.textContent('[data-hotline]')).toContain(HOTLINE);
    await page.evaluate(() => {
      (window as unknown as { recorded: Recorded }).recorded.sameDocument = true;
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'ticket-waiting.png') });

    // The ticket before it is called: one fewer ahead, without a reload.
    await clerk.request('POST', `/api/counters/${counterId}/call-ticket`, { label: first.label });
    await page.waitForSelector(`[data-ahead="${ahead - 1}"]`);
    await clerk.act(first.id, 'finish');

    expect((await recorded(page)).vibrations).toEqual([]);
    const called = await clerk.request('POST', `/api/counters/${counterId}/call-ticket`, { label: mine.label });
    expect(called.status).toBe(200);
    await page.waitForSelector('[data-counter="3"]');
    expect(await page.getAttribute('main', 'data-ticket-status')).toBe('called');
    expect(await page.textContent('[data-state]')).toContain('Mời đến Quầy 3');
    expect(await page.textContent('[data-state]')).toContain('Please go to counter 3');
    expect(await page.$('[data-ahead]')).toBeNull();
    const size = await page.$eval('[data-counter]', (element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(80);
    let seen = await recorded(page);
    expect(seen.sameDocument).toBe(true);
    expect(seen.vibrations).toHaveLength(1);
    expect(seen.beeps).toBeGreaterThan(0);
    const beepsOfCall = seen.beeps;
    await page.screenshot({ path: join(SCREENSHOTS, 'ticket-called.png') });

    // A recall rings again.
    await clerk.act(mine.id, 'recall');
    await page.waitForFunction(() => (window as unknown as { recorded: Recorded }).recorded.vibrations.length === 2);
    expect((await recorded(page)).beeps).toBeGreaterThan(beepsOfCall);

    // The connection drops (as when the phone leaves the Wi-Fi): it says so, comes back by itself, and does not ring again.
    await page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded.sockets.at(-1)?.close());
    await page.waitForSelector('main[data-live="reconnecting"]');
    expect(await page.textContent('[data-live-note]')).toContain('đang kết nối lại');
    await page.waitForSelector('main[data-live="connected"]');
    seen = await recorded(page);
    expect(seen.sockets).toBe(2);
    expect(seen.vibrations).toHaveLength(2);
    expect(await page.getAttribute('[data-counter]', 'data-counter')).toBe('3');

    // Served, then done: the feed ends and the page stops reconnecting.
    await clerk.act(mine.id, 'start');
    await page.waitForSelector('main[data-ticket-status="serving"]');
    await clerk.act(mine.id, 'finish');
    await page.waitForSelector('main[data-live="ended"][data-ticket-status="done"]');
    expect(await page.textContent('[data-state]')).toContain('Đã phục vụ xong');
    await page.waitForTimeout(1_500);
    expect((await recorded(page)).sockets).toBe(2);
    expect((await recorded(page)).sameDocument).toBe(true);
    await page.close();
  });

  it('sends feedback from the ticket page, says a too short one in words, and the admin finds it with the ticket label', async () => {
    const ticket = await clerk.issueTicket(serviceId);
    const page = await openPage(ticketPageUrl(hub.url, ticket.id, ticket.label));
    await page.waitForSelector('main[data-live="connected"]');
    await page.fill('[data-feedback-form] textarea[name="text"]', 'abc');
    await page.tap('[data-feedback-send]');
    await page.waitForSelector('[data-feedback-result="error-short"]');
    expect(await page.textContent('[data-feedback-result]')).toContain('quá ngắn');

    const text = `Phòng chờ nóng quá, xin bật thêm quạt (${ticket.label}).`;
    await page.fill('[data-feedback-form] textarea[name="text"]', text);
    await page.fill('[data-feedback-form] input[name="phone"]', '0912 345 678');
    await page.tap('[data-feedback-send]');
    await page.waitForSelector('[data-feedback-result="sent"]');
    expect(await page.textContent('[data-feedback-result]')).toContain('Cảm ơn');
    expect(await page.inputValue('[data-feedback-form] textarea[name="text"]')).toBe('');
    await page.screenshot({ path: join(SCREENSHOTS, 'ticket-feedback-sent.png'), fullPage: true });

    const { body } = await admin.request<{ entries: { text: string; phone: string | null; about: string | null }[] }>('GET', '/api/feedback');
    expect(body.entries).toContainEqual(expect.objectContaining({ text, about: ticket.label, phone: expect.stringMatching(/^0912\s?345\s?678$|^0912345678$/) }));
    await page.close();
  });

  it('shows an application from its receipt QR, then, set to 9 and reloaded, that the result is ready', async () => {
    const { body: procedures } = await admin.request<{ id: number; name: string }[] | { entries: { id: number; name: string }[] }>('GET', '/api/procedures');
    const list = Array.isArray(procedures) ? procedures : procedures.entries;
    const procedure = list[0];
    if (!procedure) throw new Error('the demo has no procedures');
    const received = await clerk.request<{ id: number; code: string; secret: string; dueAt: string }>('POST', '/api/applications', {
      procedureId: procedure.id,
      applicant: { fullName: 'Lê Thị Hoa', phone: '0987654321' },
    });
    expect(received.status).toBe(201);
    const { id, code, secret, dueAt } = received.body;

    const page = await openPage(applicationPageUrl(hub.url, code, secret));
    expect(await page.getAttribute('[data-application-code]', 'data-application-code')).toBe(code);
    expect(await page.getAttribute('[data-application-status]', 'data-application-status')).toBe('2');
    expect(await page.getAttribute('[data-due-at]', 'data-due-at')).toBe(dueAt);
    expect(await page.textContent('[data-due-at]')).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const text = (await page.textContent('main')) ?? '';
    for (const words of ['Được tiếp nhận', 'Received', procedure.name, 'L* T** H**', HOTLINE]) expect(text).toContain(words);
    expect(text).not.toContain('Lê Thị Hoa');
    expect(await page.$('[data-result-ready]')).toBeNull();
    expect(await page.getAttribute('[data-feedback-form]', 'data-about')).toBe(code);
    await page.screenshot({ path: join(SCREENSHOTS, 'application.png'), fullPage: true });

    for (const status of [4, 9]) expect((await clerk.request('POST', `/api/applications/${id}/status`, { status })).status).toBe(200);
    await page.reload();
    await page.waitForSelector('[data-result-ready]');
    expect(await page.getAttribute('[data-application-status]', 'data-application-status')).toBe('9');
    expect(await page.textContent('[data-result-ready]')).toContain('quét mã QR trên Giấy tiếp nhận hồ sơ tại máy lấy số');
    await page.screenshot({ path: join(SCREENSHOTS, 'application-ready.png'), fullPage: true });

    // A wrong secret: the not-found page, in words.
    const wrong = await openPage(applicationPageUrl(hub.url, code, secret === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'));
    expect(await wrong.textContent('main')).toContain('Không tìm thấy hồ sơ');
    await wrong.close();
    await page.close();
  });

  it('comes back by itself after the hub restarts, and still shows the call', async () => {
    const ticket = await clerk.issueTicket(serviceId);
    const page = await openPage(ticketPageUrl(hub.url, ticket.id, ticket.label));
    await page.waitForSelector('main[data-live="connected"]');
    expect(await hub.stop()).toBe(0);
    await page.waitForSelector('main[data-live="reconnecting"]');
    await page.screenshot({ path: join(SCREENSHOTS, 'ticket-reconnecting.png') });
    hub = await start();
    expect(hub.url).toContain(`:${port}`);
    // Backoff: 1, 2, 4 s ... while the hub was away; it is back within the next try.
    await page.waitForSelector('main[data-live="connected"]', { timeout: 20_000 });
    await clerk.request('POST', `/api/counters/${counterId}/call-ticket`, { label: ticket.label });
    await page.waitForSelector('[data-counter="3"]');
    expect((await recorded(page)).vibrations).toHaveLength(1);
    await page.close();
  }, 60_000);

  it('ran under the pages’ Content Security Policy without a violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
