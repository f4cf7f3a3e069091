import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { BRIDGE_PATH } from '@qms/station/contract';
import { VirtualSignageBus } from '@qms/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type HubProcess, runQms, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/counter-screens');

/**
 * The counter caller end to end, as a centre runs it: the hub process (demo centre, SQLite file),
 * `qms station counter` bound to counter 1 with a caller keypad and an LED sign on a socat pair, and
 * its screen in Debian's Chromium; the clerk signs in with a PIN and works by mouse, keyboard and keypad.
 */
describe('counter caller, end to end', () => {
  const dir = tempDir('qms-counter-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let station: StationProcess;
  let browser: Browser;
  let page: Page;
  let staff: HubClient;
  let landId: number;
  let serial: SerialPair;
  let devices: VirtualSignageBus;
  let civilId: number;

  beforeAll(async () => {
    // A step that waits for something the screen never shows fails in seconds, saying what it showed.
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    const pin = runQms(['users', 'pin', 'quay1', '--data', dataDir], { input: '2468\n' });
    expect(pin.status, pin.stderr).toBe(0);
    mkdirSync(join(dir.path, 'station'));
    serial = await openSerialPair(join(dir.path, 'ttyBus'), join(dir.path, 'ttyDevices'));
    devices = new VirtualSignageBus(serial.b, { displays: [3], keypads: [2] });
    await devices.ready();
    writeFileSync(join(dir.path, 'station', 'station.json'), JSON.stringify({ counter: { signageBus: serial.a, keypadAddress: 2, signAddress: 3 } }));
    station = await startPairedStation('counter', hub, dataDir, { config: join(dir.path, 'station'), name: 'Quầy 1 máy trạm', approve: ['--counter', '1'] });
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay2', 'demo1234');
    const state = await staff.state();
    landId = state.services.find((s) => s.name === 'Đất đai')?.id ?? 0;
    civilId = state.services.find((s) => s.name === 'Hộ tịch')?.id ?? 0;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(10_000);
    await holdWaitingLists(page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    await devices?.close();
    await serial?.close();
    dir.cleanup();
  });

  async function snap(name: string, on: Page = page): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await on.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
  /** The clerk's screen in Vietnamese, then in English (its language button), and back. */
  async function snapBoth(name: string): Promise<void> {
    await page.waitForSelector('html[lang="vi"]');
    await snap(`${name}-vi`);
    await page.click('[data-testid="lang"]');
    await page.waitForSelector('html[lang="en"]');
    await snap(`${name}-en`);
    await page.click('[data-testid="lang"]');
    await page.waitForSelector('html[lang="vi"]');
  }
  /** While set, the agent's answers to the screen's 'waiting' calls are held until it resolves. */
  let waitingHeld: Promise<void> | null = null;
  /** The screen's bridge socket to its agent, passed through by Playwright so that `waitingHeld` can hold answers. */
  async function holdWaitingLists(on: Page): Promise<void> {
    await on.routeWebSocket(new RegExp(`${BRIDGE_PATH}$`), (screen) => {
      const agent = screen.connectToServer();
      const held = new Set<number>();
      screen.onMessage((message) => {
        const call = JSON.parse(String(message)) as { id: number; method: string };
        if (call.method === 'waiting' && waitingHeld) held.add(call.id);
        agent.send(message);
      });
      agent.onMessage((message) => {
        const reply = JSON.parse(String(message)) as { type: string; id?: number };
        const hold = reply.type === 'reply' && held.delete(reply.id ?? 0) ? waitingHeld : null;
        if (hold) void hold.then(() => screen.send(message));
        else screen.send(message);
      });
    });
  }
  const current = () => page.textContent('[data-current-ticket]');
  const press = async (action: string) => page.click(`[data-action="${action}"]:not([disabled])`);
  const counterTicket = async () => (await staff.state()).counters.find((c) => c.number === 1)?.ticket ?? null;

  it('the clerk signs in with a PIN at the counter the station was approved for', async () => {
    await page.goto(station.url);
    await page.waitForSelector('input[name="username"]');
    // Bound to counter 1: no counter to pick.
    expect(await page.locator('select[name="counter"]').count()).toBe(0);
    await snapBoth('1-login');
    await page.fill('input[name="username"]', 'quay1');
    await page.fill('input[name="pin"]', '1357');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-error="auth.invalid_credentials"]');
    await page.fill('input[name="pin"]', '2468');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-screen="counter"]');
    expect(await page.getAttribute('[data-clerk]', 'data-clerk')).toBe('quay1');
    expect(await current()).toBe('');
    await snapBoth('2-counter-empty');
  });

  it('calls, recalls, starts and finishes; a no-show; a transfer keeps the ticket for another field', async () => {
    for (let i = 0; i < 3; i++) await staff.issueTicket(landId);
    await press('call-next');
    await expect.poll(current).toBe('A001');
    expect(await counterTicket()).toMatchObject({ label: 'A001', status: 'called' });
    await press('recall');
    await expect.poll(async () => (await counterTicket())?.recallCount).toBe(1);
    await press('start');
    await page.waitForSelector('[data-ticket-status="serving"]');
    await snapBoth('3-serving');
    await press('finish');
    await expect.poll(current).toBe('');
    expect((await staff.ticket((await staff.tickets({ status: 'done' }))[0]?.id ?? 0)).label).toBe('A001');

    await press('call-next');
    await expect.poll(current).toBe('A002');
    await press('no-show');
    await expect.poll(current).toBe('');
    expect((await staff.tickets({ status: 'no_show' })).map((t) => t.label)).toEqual(['A002']);

    await press('call-next');
    await expect.poll(current).toBe('A003');
    await press('transfer');
    await snapBoth('3-transfer-dialog');
    await page.click(`[data-transfer-service="${civilId}"]`);
    await expect.poll(current).toBe('');
    const moved = (await staff.tickets({ status: 'waiting' })).find((t) => t.label === 'A003');
    expect(moved).toMatchObject({ serviceId: civilId, transferCount: 1 });
  });

  it('works by keyboard alone, and a double press calls one citizen', async () => {
    await staff.issueTicket(landId);
    await staff.issueTicket(landId);
    // The waiting count follows the hub (patched in place, as other counters call).
    await expect.poll(() => page.textContent(`[data-waiting="${landId}"]`)).toMatch(/^2 /);
    await page.keyboard.press('n');
    await expect.poll(current).toBe('A004');
    // A key pressed while the last press is still answered is ignored (as a double press is): wait for the buttons to unlock.
    await page.waitForSelector('button[data-action="finish"]:not([disabled])');
    await page.keyboard.press('f');
    await expect.poll(current).toBe('');
    await page.dblclick('[data-action="call-next"]');
    await expect.poll(current).toBe('A005');
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The second click did not call again: A005 is held, nothing else was called, A003 (Hộ tịch) still waits.
    expect((await staff.tickets({ status: 'called' })).map((t) => t.label)).toEqual(['A005']);
    expect((await staff.tickets({ status: 'waiting' })).map((t) => t.label)).toEqual(['A003']);
    await press('finish');
    await expect.poll(current).toBe('');
  });

  it('the caller keypad calls and finishes; the LED sign shows the called label, blinking, and goes blank', async () => {
    await staff.issueTicket(landId);
    const flashes = devices.displays.get(3)?.flashes ?? 0;
    devices.press(2, 'next');
    await expect.poll(current, { timeout: 5_000 }).toBe('A006');
    await expect.poll(() => devices.displays.get(3)?.text, { timeout: 5_000 }).toBe('A006');
    await expect.poll(() => devices.displays.get(3)?.flashes ?? 0).toBeGreaterThan(flashes);
    devices.press(2, 'recall');
    await expect.poll(async () => (await counterTicket())?.recallCount, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => devices.displays.get(3)?.flashes ?? 0).toBeGreaterThanOrEqual(flashes + 6);
    devices.press(2, 'finish');
    await expect.poll(current, { timeout: 5_000 }).toBe('');
    await expect.poll(() => devices.displays.get(3)?.text, { timeout: 5_000 }).toBe('');
  });

  it('pauses with a reason and resumes; while paused only "resume" can be pressed', async () => {
    await press('pause');
    await snapBoth('4-pause-dialog');
    // The reasons' names are the console's and `qms monitor`'s (PAUSE_REASON_NAMES), capitalised on their own.
    expect(await page.textContent('[data-dialog="pause"] [data-pause-reason="system_fault"]')).toBe('Sự cố hệ thống');
    await page.click('[data-dialog="pause"] [data-pause-reason="meeting"]');
    await page.waitForSelector('[data-counter-status="paused"]');
    expect(await page.getAttribute('[data-pause-reason]', 'data-pause-reason')).toBe('meeting');
    expect(await page.textContent('.state[data-pause-reason]')).toMatch(/ · Họp$/);
    expect((await staff.state()).counters.find((c) => c.number === 1)).toMatchObject({ status: 'paused', pauseReason: 'meeting' });
    expect(await page.isDisabled('[data-action="call-next"]')).toBe(true);
    expect((await staff.state()).counters.find((c) => c.number === 1)?.status).toBe('paused');
    await snapBoth('4-paused');
    await page.waitForSelector('button[data-action="resume"]:not([disabled])');
    await page.keyboard.press('p');
    await page.waitForSelector('[data-counter-status="open"]');
  });

  it('the hub killed and restarted under the page: buttons locked with the reason, then the truth again', async () => {
    await staff.issueTicket(landId);
    await hub.kill9();
    await page.waitForSelector('[data-testid="hub-down"]', { timeout: 15_000 });
    expect(await page.isDisabled('[data-action="call-next"]')).toBe(true);
    await snapBoth('5-hub-down');
    hub = await startHubProcess(dataDir, { args: ['--port', new URL(hub.url).port], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    await page.waitForSelector('[data-action="call-next"]:not([disabled])', { timeout: 20_000 });
    expect(await page.locator('[data-testid="hub-down"]').count()).toBe(0);
    await press('call-next');
    await expect.poll(current, { timeout: 10_000 }).toBe('A007');
  });

  it('calls a number out of order, picked from the waiting list or typed; the audit log names the clerk', async () => {
    for (let i = 0; i < 3; i++) await staff.issueTicket(landId);
    await page.keyboard.press('g');
    await page.waitForSelector('[data-dialog="call-ticket"] [data-call-label="A010"]');
    await snapBoth('6-call-ticket-dialog');
    await page.click('[data-dialog="call-ticket"] [data-call-label="A010"]');
    await expect.poll(current).toBe('A010');
    await snapBoth('6-called-out-of-order');
    await press('call-ticket');
    await page.waitForSelector('[data-dialog="call-ticket"] [data-call-label="A009"]');
    await page.fill('[data-dialog="call-ticket"] input[name="label"]', 'a008');
    await page.keyboard.press('Enter');
    await expect.poll(current).toBe('A008');
    // Typed before the waiting list arrives: the dialog drawn again with it keeps the text and the focus.
    let release = () => {};
    waitingHeld = new Promise((resolve) => (release = resolve));
    await press('call-ticket');
    await page.fill('[data-dialog="call-ticket"] input[name="label"]', 'Z999');
    expect(await page.locator('[data-dialog="call-ticket"] [data-call-label]').count()).toBe(0);
    release();
    waitingHeld = null;
    await page.waitForSelector('[data-dialog="call-ticket"] [data-call-label="A009"]');
    expect(await page.inputValue('[data-dialog="call-ticket"] input[name="label"]')).toBe('Z999');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('label');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-error="ticket.not_found"]');
    expect(await current()).toBe('A008');
    const tech = new HubClient({ baseUrl: hub.url });
    await tech.login('kythuat', 'demo1234');
    // Filtered by action: sign-ins are in the log too.
    type Entries = { entries: { action: string; actor: { name: string }; details: Record<string, unknown> }[] };
    const outOfOrder = (await tech.request<Entries>('GET', '/api/audit?action=ticket.called_out_of_order&limit=20')).body.entries;
    expect(outOfOrder.map((e) => e.actor.name)).toEqual(['Cán bộ quầy 1', 'Cán bộ quầy 1']);
    const pauses = (await tech.request<Entries>('GET', '/api/audit?action=counter.paused&limit=20')).body.entries;
    expect(pauses.some((e) => e.details.reason === 'meeting')).toBe(true);
  });

  it('the rating pad opens when the clerk finishes a ticket, takes one press, thanks, and the hub keeps one rating', async () => {
    const pad = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    pad.setDefaultTimeout(10_000);
    await pad.goto(`${station.url}rating`);
    // Calling A008 out of order finished A010 first: its citizen may rate it.
    await pad.waitForSelector('[data-screen="rating-open"][data-rating-ticket="A010"]');
    await pad.click('[data-rating="3"]');
    await pad.waitForSelector('[data-screen="rating-thanks"]');
    // Then it locks: A008 is still being served, nothing to rate.
    await pad.waitForSelector('[data-screen="rating-locked"]');
    await snap('7-rating-locked', pad);
    await press('finish');
    await pad.waitForSelector('[data-screen="rating-open"][data-rating-ticket="A008"]');
    expect(await pad.textContent('.who')).toBe('A008 · Cán bộ quầy 1 · Quầy 1');
    expect(await pad.locator('[data-rating]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-rating')))).toEqual(['4', '3', '2', '1']);
    await snap('7-rating-open-vi', pad);
    await pad.click('[data-testid="lang"]');
    await pad.waitForSelector('html[lang="en"]');
    expect(await pad.textContent('[data-rating="4"] .word')).toBe('Very satisfied');
    await snap('7-rating-open-en', pad);
    await pad.click('[data-rating="4"]');
    await pad.waitForSelector('[data-screen="rating-thanks"]');
    await snap('7-rating-thanks', pad);
    const done = await staff.tickets({ status: 'done' });
    const a008 = done.find((t) => t.label === 'A008');
    expect((await staff.ticket(a008?.id ?? 0)).rating).toMatchObject({ score: 4 });
    expect((await staff.ticket(done.find((t) => t.label === 'A010')?.id ?? 0)).rating).toMatchObject({ score: 3 });
    // Once per ticket.
    await expect(staff.request('POST', `/api/tickets/${a008?.id}/rating`, { score: 1 })).rejects.toMatchObject({ code: 'rating.already_given' });
    await pad.close();
  });

  it('the side panel: the next tickets in calling order, an absent citizen put back in the queue or called back, the day so far', async () => {
    expect(await current()).toBe('');
    for (let i = 0; i < 3; i++) await staff.issueTicket(landId);
    // A003 (transferred to Hộ tịch) is not this counter's; A009 (passed over) and the three new land tickets are, in order.
    await expect.poll(() => page.locator('[data-next-label]').evaluateAll((items) => items.map((i) => i.getAttribute('data-next-label')))).toEqual(['A009', 'A011', 'A012', 'A013']);
    await press('call-next');
    await expect.poll(current).toBe('A009');
    await press('call-next');
    await expect.poll(current).toBe('A011');
    await press('no-show');
    await page.waitForSelector('[data-no-show="A011"]');
    await expect.poll(() => page.locator('[data-next-label]').evaluateAll((items) => items.map((i) => i.getAttribute('data-next-label')))).toEqual(['A012', 'A013']);
    await snapBoth('8-absent');
    // The citizen came back: the ticket waits again, first (its issue time is kept).
    await page.click('[data-requeue="A011"]');
    await expect.poll(() => page.locator('[data-next-label]').evaluateAll((items) => items.map((i) => i.getAttribute('data-next-label')))).toEqual(['A011', 'A012', 'A013']);
    await expect.poll(() => page.locator('[data-no-show="A011"]').count()).toBe(0);
    expect(await page.locator('[data-no-show="A002"]').count()).toBe(1);
    await press('call-next');
    await expect.poll(current).toBe('A011');
    // Absent again, and this time called back at once from the panel.
    await press('no-show');
    await page.click('[data-call-back="A011"]');
    await expect.poll(current).toBe('A011');
    await press('finish');
    await expect.poll(current).toBe('');
    // Today's figures: this counter's and the clerk's, as the hub counts them.
    const today = (await staff.request<{ counter: { served: number } }>('GET', `/api/counters/${(await staff.state()).counters.find((c) => c.number === 1)?.id}/today`)).body;
    await expect.poll(() => page.textContent('[data-figures="counter"] [data-served]')).toBe(`${today.counter.served} đã phục vụ`);
    expect(today.counter.served).toBeGreaterThan(5);
    await expect.poll(() => page.locator('[data-figures="clerk"] [data-served]').count()).toBe(1);
    const tech = new HubClient({ baseUrl: hub.url });
    await tech.login('kythuat', 'demo1234');
    const audit = (await tech.request<{ entries: { action: string; actor: { name: string } }[] }>('GET', '/api/audit?action=ticket.requeued&limit=50')).body.entries;
    expect(audit.map((e) => e.actor.name)).toEqual(['Cán bộ quầy 1']);
  });

  it('the ticket of a citizen whose CCCD the kiosk read shows their name and masked number', async () => {
    const issued = await staff.issueTicket(landId, { citizen: { name: 'Nguyễn Văn An', idMasked: '001******345' } });
    await press('call-ticket');
    await page.fill('[data-dialog="call-ticket"] input[name="label"]', issued.label);
    await page.keyboard.press('Enter');
    await expect.poll(current).toBe(issued.label);
    await expect.poll(() => page.getAttribute('[data-citizen]', 'data-citizen')).toBe('001******345');
    expect(await page.textContent('[data-citizen]')).toContain('Nguyễn Văn An');
    await snapBoth('9-citizen');
    await press('finish');
    await expect.poll(current).toBe('');
  });

  it("the minutes at the counter move with the clock, patched in place: the buttons under the clerk's finger stay the same", async () => {
    await staff.issueTicket(landId);
    await press('call-next');
    await expect.poll(current).not.toBe('');
    // A second screen of the same station whose clock the test moves.
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.clock.install();
    const later = await context.newPage();
    try {
      await later.goto(station.url);
      await expect.poll(() => later.textContent('[data-at-counter]')).toBe('0 phút');
      await later.evaluate(() => document.querySelectorAll<HTMLElement>('button[data-action]').forEach((button) => (button.dataset.kept = 'yes')));
      await later.clock.fastForward('03:10');
      await expect.poll(() => later.textContent('[data-at-counter]')).toBe('3 phút');
      expect(await later.textContent('[data-waited]')).toBe('0 phút');
      expect(await later.locator('button[data-action]:not([data-kept])').count(), 'no button drawn anew').toBe(0);
    } finally {
      await context.close();
    }
    await press('finish');
    await expect.poll(current).toBe('');
  });

  it('signs out on request', async () => {
    await page.click('[data-action="logout"]');
    await page.waitForSelector('input[name="username"]');
  });
});
