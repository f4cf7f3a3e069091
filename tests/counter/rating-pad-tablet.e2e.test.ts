import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import type { TicketDto } from '@qms/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type HubProcess, runQmsAsync, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/counter-screens');

/**
 * The rating pad on a tablet, end to end: the hub process (demo centre, SQLite file) serves /pad to
 * Debian's headless Chromium; the page pairs as a `rating` device, a technician approves it for
 * counter 1 with the qms command, clerks finish tickets through the REST API, and the pad follows
 * the hub's events.
 */
describe('rating pad on a tablet, end to end', () => {
  const dir = tempDir('qms-pad-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let browser: Browser;
  let page: Page;
  let clerk1: HubClient;
  let clerk2: HubClient;
  let counter1: number;
  let counter2: number;
  let landId: number;
  let deviceId: number;

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    clerk1 = new HubClient({ baseUrl: hub.url });
    await clerk1.login('quay1', 'demo1234');
    clerk2 = new HubClient({ baseUrl: hub.url });
    await clerk2.login('quay2', 'demo1234');
    const state = await clerk1.state();
    counter1 = state.counters.find((c) => c.number === 1)?.id ?? 0;
    counter2 = state.counters.find((c) => c.number === 2)?.id ?? 0;
    landId = state.services.find((s) => s.name === 'Đất đai')?.id ?? 0;
    browser = await launchChromium();
    // A 10" tablet in landscape.
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    // Every ticket label the pad ever offered, so a pad that opened for another counter's ticket is caught.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { seenLabels: string[] }).seenLabels = seen;
      new MutationObserver(() => {
        for (const open of document.querySelectorAll('[data-rating-ticket]')) seen.push(open.getAttribute('data-rating-ticket') ?? '');
      }).observe(document, { subtree: true, childList: true });
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    dir.cleanup();
  });

  const padToken = () => page.evaluate(() => (JSON.parse(localStorage.getItem('qms.ratingPad') ?? 'null') as { token?: string } | null)?.token ?? null);
  const screen = () => page.getAttribute('[data-screen]', 'data-screen');
  /** Issues a ticket, calls it by its label at the counter and finishes it there, as the clerk. */
  async function serve(clerk: HubClient, counterId: number): Promise<TicketDto> {
    const issued = await clerk.issueTicket(landId);
    await clerk.request('POST', `/api/counters/${counterId}/call-ticket`, { label: issued.label });
    return clerk.act(issued.id, 'finish');
  }

  it('shows its pairing code very large; the approval is refused without a counter and accepted with --counter', async () => {
    const served = await page.goto(`${hub.url}/pad`);
    // Its own script and style only, talking only to this hub, framed by nobody (and it runs under that policy).
    expect(served?.headers()['content-security-policy']).toContain("default-src 'self'");
    expect(served?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const code = (await page.waitForSelector('[data-pairing-code]:not([data-pairing-code=""])').then((element) => element.getAttribute('data-pairing-code'))) ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const text = (await page.textContent('[data-screen="pad-pairing"]')) ?? '';
    expect(text).toContain('Kỹ thuật viên duyệt mã này trên máy chủ, kèm số quầy');
    expect(text).toContain('A technician approves this code on the hub, with the number of its counter');
    expect(text).toContain(`qms devices approve ${code} --counter N`);
    const size = await page.$eval('[data-pairing-code]', (element) => parseFloat(getComputedStyle(element).fontSize));
    expect(size).toBeGreaterThanOrEqual(100);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'pad-tablet-pairing.png') });

    const refused = await runQmsAsync(['devices', 'approve', code, '--data', dataDir]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`qms devices approve ${code} --counter N`);
    expect(await screen()).toBe('pad-pairing');

    const approved = await runQmsAsync(['devices', 'approve', code, '--counter', '1', '--data', dataDir]);
    expect(approved.status, approved.stderr).toBe(0);
    expect(approved.stdout).toMatch(/^approved: .*rating .*approved/);
    deviceId = Number(/^approved:\s+(\d+)/.exec(approved.stdout)?.[1]);
    await page.waitForSelector('[data-screen="rating-locked"]');
    expect(await padToken()).toMatch(/.{20,}/);
  });

  it("opens when a clerk finishes a ticket at its counter, with the label and the clerk's name; one press rates it", async () => {
    const ticket = await serve(clerk1, counter1);
    await page.waitForSelector(`[data-screen="rating-open"][data-rating-ticket="${ticket.label}"]`);
    const who = (await page.textContent('.who')) ?? '';
    expect(who).toContain(ticket.label);
    expect(who).toContain('Cán bộ quầy 1');
    expect(who).toContain('Quầy 1');
    expect(await page.locator('[data-rating]').count()).toBe(4);
    expect(await page.textContent('[data-screen="rating-open"] h1')).toContain('Quý khách có hài lòng với sự phục vụ?');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'pad-tablet-open.png') });

    // What the page read: the pad's own token gives the same prompt.
    const pad = new HubClient({ baseUrl: hub.url, token: (await padToken()) ?? '' });
    expect(await pad.ratingPrompt(counter1)).toMatchObject({ ticketId: ticket.id, label: ticket.label, clerk: 'Cán bộ quầy 1', counterNumber: 1 });

    await page.click('[data-rating="4"]');
    await page.waitForSelector('[data-screen="rating-thanks"]');
    await expect.poll(async () => (await clerk1.ticket(ticket.id)).rating?.score).toBe(4);
    // A second press is refused by the hub, from the pad's own token too.
    await expect(pad.request('POST', `/api/tickets/${ticket.id}/rating`, { score: 1 })).rejects.toMatchObject({ status: 409, code: 'rating.already_given' });
    expect((await clerk1.ticket(ticket.id)).rating?.score).toBe(4);
    expect(await pad.ratingPrompt(counter1)).toBeNull();
    // The day's figures count it for the counter and for its clerk (through the typed client).
    expect(await clerk1.counterToday(counter1)).toMatchObject({ counter: { served: 1 }, staff: { userId: ticket.servedBy, served: 1 } });
    expect(ticket.servedBy).toEqual(expect.any(Number));
    // Thanks for 5 s, then locked.
    await page.waitForSelector('[data-screen="rating-locked"]', { timeout: 8_000 });
  });

  it('stays locked for a ticket finished at another counter, and opens again for the next one of its own', async () => {
    const other = await serve(clerk2, counter2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await screen()).toBe('rating-locked');
    const next = await serve(clerk1, counter1);
    await page.waitForSelector(`[data-screen="rating-open"][data-rating-ticket="${next.label}"]`);
    const seen = await page.evaluate(() => (window as unknown as { seenLabels: string[] }).seenLabels);
    expect(seen).not.toContain(other.label);
    expect(seen).toContain(next.label);
  });

  it('goes back to pairing when its device is revoked', async () => {
    const token = (await padToken()) ?? '';
    // Through the API, as the console does: the hub drops the device's live feed at once (a revoke by
    // the qms command reaches the feed at its next heartbeat, within 15 s).
    const technician = new HubClient({ baseUrl: hub.url });
    await technician.login('kythuat', 'demo1234');
    await technician.request('POST', `/api/devices/${deviceId}/revoke`);
    await page.waitForSelector('[data-screen="pad-pairing"] [data-pairing-code]:not([data-pairing-code=""])');
    expect(await padToken()).toBeNull();
    const pad = new HubClient({ baseUrl: hub.url, token });
    await expect(pad.request('GET', `/api/counters/${counter1}/rating`)).rejects.toMatchObject({ status: 401, code: 'auth.invalid_token' });
  });
});
