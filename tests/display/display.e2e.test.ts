import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { type ClipPackManifest, composeAnnouncement } from '@qms/voice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type HubProcess, runQms, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/display-screens');
const VI_PACK = JSON.parse(readFileSync(join(import.meta.dirname, '../../hardware/voice/packs/vi/manifest.json'), 'utf8')) as ClipPackManifest;

interface Played {
  type: 'start' | 'end';
  file: string;
  at: number;
  announcement: number;
}

/** The files an announcement plays: the chime, then its clips (as the composer names them, the pack maps them). */
function filesOf(label: string, counter: number): string[] {
  return [VI_PACK.chime.file, ...composeAnnouncement(label, counter).clips.map((clip) => VI_PACK.clips[clip]?.file ?? `missing:${clip}`)];
}

/**
 * The hall display end to end: the hub process (demo centre), `qms station display` processes (the
 * whole hall, and one for a zone), their boards in Debian's Chromium started with autoplay allowed and
 * never clicked (a click would count as the gesture that unlocks audio), calls made through the API.
 */
// Announcements play in real time (10-17 s per test in CI): more than the default 30 s of a test when the machine is loaded.
describe('hall display, end to end', { timeout: 60_000 }, () => {
  const dir = tempDir('qms-display-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  const stations: StationProcess[] = [];
  let browser: Browser;
  let page: Page;
  let staff: HubClient;
  let counterIds: Map<number, number>;
  /** The main field of each counter (number → service id). */
  let mainField: Map<number, number>;

  async function startDisplay(name: string, settings: object, args: string[] = []): Promise<StationProcess> {
    const config = join(dir.path, name);
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'station.json'), JSON.stringify({ display: settings }));
    const station = await startPairedStation('display', hub, dataDir, { config, name, args });
    stations.push(station);
    return station;
  }

  async function call(counter: number): Promise<string> {
    await staff.issueTicket(mainField.get(counter) ?? 0);
    const ticket = await staff.callNext(counterIds.get(counter) ?? 0);
    return ticket?.label ?? '';
  }

  const played = (on: Page = page) => on.evaluate(() => (window as unknown as { qmsPlayback: Played[] }).qmsPlayback.map((p) => ({ ...p })));

  async function snap(name: string, on: Page = page): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await on.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay1', 'demo1234');
    const state = await staff.state();
    counterIds = new Map(state.counters.map((c) => [c.number, c.id]));
    mainField = new Map(state.counters.map((c) => [c.number, c.serviceIds[0] ?? 0]));
    const hall = await startDisplay('hall', { languages: 'vi', repeat: 1, marquee: 'Đường dây nóng: 1900 1234 · Tuần này: thủ tục đăng ký khai sinh' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.setDefaultTimeout(10_000);
    await page.goto(hall.url);
    await page.waitForSelector('[data-screen="board"]');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    for (const station of stations) {
      station.child.kill('SIGCONT');
      station.child.kill('SIGTERM');
      await station.exited;
    }
    await hub?.stop();
    dir.cleanup();
  });

  it('plays without any gesture: the audio context runs in a page nobody touched', async () => {
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.audio), { timeout: 15_000 }).toBe('ok');
    expect(await page.locator('[data-counter]').count()).toBe(7);
    expect(await page.textContent('[data-counter="1"]')).toContain('–');
  });

  it('a call appears large, in its counter row and in the caption while it is said; its clips play in order', async () => {
    const label = await call(1);
    await expect.poll(() => page.textContent('[data-latest-call]')).toContain(label);
    expect(await page.textContent('[data-latest-call]')).toContain('1');
    expect(await page.textContent('[data-counter="1"]')).toContain(label);
    await expect.poll(() => page.textContent('[data-caption]')).toBe(`Mời công dân có số ${label} đến quầy số 1`);
    await snap('landscape-vi');
    // The newest call's label is at least a sixth of the screen's height (read from 10 metres).
    const height = await page.locator('[data-latest-call] .label').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeGreaterThanOrEqual(1080 / 6);
    await expect.poll(() => page.textContent('[data-caption]'), { timeout: 20_000 }).toBe('');
    const files = (await played()).filter((p) => p.type === 'start').map((p) => p.file);
    expect(files).toEqual(filesOf(label, 1));
  });

  it('a call pressed on a counter station’s page appears on the board', async () => {
    expect(runQms(['users', 'pin', 'quay5', '--data', dataDir], { input: '5555\n' }).status).toBe(0);
    const config = join(dir.path, 'counter-5');
    mkdirSync(config);
    const counter = await startPairedStation('counter', hub, dataDir, { config, approve: ['--counter', '5'] });
    stations.push(counter);
    const { url } = counter;
    const clerk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    clerk.setDefaultTimeout(10_000);
    await clerk.goto(url);
    await clerk.fill('input[name="username"]', 'quay5');
    await clerk.fill('input[name="pin"]', '5555');
    await clerk.click('button[type="submit"]');
    await clerk.waitForSelector('[data-screen="counter"]');
    const issued = await staff.issueTicket(mainField.get(5) ?? 0);
    await clerk.click('[data-action="call-next"]:not([disabled])');
    await expect.poll(() => clerk.textContent('[data-current-ticket]')).toBe(issued.label);
    await expect.poll(() => page.textContent('[data-latest-call]')).toContain(issued.label);
    expect(await page.textContent('[data-latest-call]')).toContain('5');
    expect(await page.textContent('[data-counter="5"]')).toContain(issued.label);
    await clerk.close();
    // Said before the next test listens.
    await expect.poll(() => page.textContent('[data-caption]'), { timeout: 20_000 }).toBe('');
  });

  it('two calls in quick succession are said one after the other, never at once, in call order; a recall is said again', async () => {
    const before = (await played()).length;
    const first = await call(2);
    const second = await call(3);
    await expect
      .poll(async () => (await played()).filter((p) => p.type === 'end').length - (await played()).slice(0, before).filter((p) => p.type === 'end').length, { timeout: 30_000 })
      .toBe(filesOf(first, 2).length + filesOf(second, 3).length);
    const run = (await played()).slice(before);
    // Never two clips at once: every start follows the previous end.
    for (let i = 1; i < run.length; i++) expect(run[i]?.type).not.toBe(run[i - 1]?.type);
    expect(run.filter((p) => p.type === 'start').map((p) => p.file)).toEqual([...filesOf(first, 2), ...filesOf(second, 3)]);

    const recallAt = (await played()).length;
    const ticket = (await staff.tickets({ status: 'called' })).find((t) => t.label === first);
    await staff.act(ticket?.id ?? 0, 'recall');
    await expect.poll(() => page.textContent('[data-caption]'), { timeout: 10_000 }).toBe(`Mời công dân có số ${first} đến quầy số 2`);
    expect(await page.textContent('[data-latest-call]')).toContain(first);
    await expect.poll(async () => (await played()).slice(recallAt).filter((p) => p.type === 'end').length, { timeout: 20_000 }).toBe(filesOf(first, 2).length);
  }, 90_000); // three announcements

  it('a recall of a ticket still waiting its turn to be said is said once', async () => {
    const before = (await played()).length;
    const first = await call(4);
    const second = await call(5);
    const ticket = (await staff.tickets({ status: 'called' })).find((t) => t.label === second);
    await staff.act(ticket?.id ?? 0, 'recall'); // while the first is being said, the second still waits
    await expect.poll(async () => (await played()).slice(before).filter((p) => p.type === 'end').length, { timeout: 30_000 }).toBe(filesOf(first, 4).length + filesOf(second, 5).length);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await played()).slice(before).filter((p) => p.type === 'start' && p.file === VI_PACK.chime.file)).toHaveLength(2);
  });

  it('a display given a zone shows and says only its counters’ calls; its English line beside the Vietnamese; portrait', async () => {
    const zoned = await startDisplay('zone-2', { languages: 'vi+en', voice: 'vi', repeat: 1 }, ['--zone', '2,3']);
    const other = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    other.setDefaultTimeout(10_000);
    await other.goto(zoned.url);
    await other.waitForSelector('[data-screen="board"][data-layout="portrait"]');
    expect(await other.locator('[data-counter]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-counter')))).toEqual(['2', '3']);
    await expect.poll(() => other.evaluate(() => document.documentElement.dataset.audio), { timeout: 15_000 }).toBe('ok');
    const outside = await call(1);
    const inside = await call(2);
    await expect.poll(() => other.textContent('[data-latest-call]')).toContain(inside);
    await expect.poll(() => page.textContent('[data-latest-call]')).toContain(inside);
    expect(await other.textContent('[data-latest-call]')).toContain('please go to counter');
    await expect.poll(() => other.textContent('[data-caption]')).toContain(`Ticket ${inside}, please go to counter 2`);
    await snap('portrait-vi-en', other);
    await expect.poll(async () => (await played(other)).filter((p) => p.type === 'end').length, { timeout: 20_000 }).toBe(filesOf(inside, 2).length);
    expect(await other.locator(`[data-recent-call="${outside}"]`).count()).toBe(0);
    const board = await other.textContent('[data-screen="board"]');
    expect(board).not.toContain(outside);
    // The same board in landscape with English, and the whole hall's in portrait.
    await other.setViewportSize({ width: 1920, height: 1080 });
    await other.waitForSelector('[data-screen="board"][data-layout="landscape"]');
    await snap('landscape-vi-en', other);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.waitForSelector('[data-screen="board"][data-layout="portrait"]');
    await snap('portrait-vi');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await other.close();
  });

  it('calls missed while the display was frozen are shown, and not said when they are older than announceMissedSeconds', async () => {
    const late = await startDisplay('late', { voice: 'vi', repeat: 1, announceMissedSeconds: 1 });
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    board.setDefaultTimeout(10_000);
    await board.goto(late.url);
    await board.waitForSelector('[data-screen="board"]');
    await expect.poll(() => board.evaluate(() => document.documentElement.dataset.audio), { timeout: 15_000 }).toBe('ok');
    late.child.kill('SIGSTOP'); // a blip: the station hears nothing for a while
    const missed = [await call(1), await call(2)];
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    late.child.kill('SIGCONT');
    await expect.poll(() => board.textContent('[data-latest-call]'), { timeout: 10_000 }).toContain(missed[1]);
    expect(await board.textContent('[data-counter="1"]')).toContain(missed[0]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await played(board)).toEqual([]);
    // A call made now is said.
    const fresh = await call(3);
    await expect.poll(() => board.textContent('[data-caption]'), { timeout: 10_000 }).toContain(fresh);
    await board.close();
  });

  it('the hub killed and restarted: the board stays, marked offline, and shows the truth again within 3 seconds', async () => {
    await hub.kill9();
    await expect.poll(() => page.getAttribute('.marks', 'data-offline'), { timeout: 15_000 }).toBe('true');
    expect(await page.locator('[data-latest-call]').count()).toBe(1);
    await snap('hub-down-vi');
    hub = await startHubProcess(dataDir, { args: ['--port', new URL(hub.url).port], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    const restarted = Date.now();
    const label = await call(4);
    await expect.poll(() => page.textContent('[data-counter="4"]'), { timeout: 10_000 }).toContain(label);
    expect(Date.now() - restarted).toBeLessThan(3_000);
    await expect.poll(() => page.getAttribute('.marks', 'data-offline')).toBe('false');
  });

  it('a voice pack with a clip missing: the board goes on silently, marked, and the hub gets an audio alert', async () => {
    const pack = join(dir.path, 'own-voice');
    cpSync(join(import.meta.dirname, '../../hardware/voice/packs/vi'), pack, { recursive: true });
    rmSync(join(pack, VI_PACK.clips.ba?.file ?? 'ba.ogg'));
    const broken = await startDisplay('broken-voice', { voicePack: pack, repeat: 1 });
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    board.setDefaultTimeout(10_000);
    await board.goto(broken.url);
    await board.waitForSelector('[data-screen="board"]');
    await expect.poll(() => board.evaluate(() => document.documentElement.dataset.audio), { timeout: 15_000 }).toBe('clip_missing');
    expect(await board.getAttribute('.marks', 'data-audio-problem')).toBe('clip_missing');
    const tech = new HubClient({ baseUrl: hub.url });
    await tech.login('kythuat', 'demo1234');
    type Alert = { source: string; code: string; clearedAt: string | null };
    await expect
      .poll(async () => (await tech.request<Alert[]>('GET', '/api/devices/alerts')).body.filter((a) => a.source === 'audio' && a.clearedAt === null).map((a) => a.code), { timeout: 10_000 })
      .toEqual(['clip_missing']);
    // Calls still show, with their caption for the hall to read.
    const label = await call(3);
    await expect.poll(() => board.textContent('[data-latest-call]')).toContain(label);
    await expect.poll(() => board.textContent('[data-caption]')).toContain(label);
    await snap('audio-problem-vi', board);
    await board.close();
    broken.child.kill('SIGTERM');
  });

  it('a paused counter shows "tạm nghỉ" in its row', async () => {
    await staff.request('POST', `/api/counters/${counterIds.get(6)}/pause`, { reason: 'break' });
    await expect.poll(() => page.textContent('[data-counter="6"]')).toContain('Tạm nghỉ');
    await staff.request('POST', `/api/counters/${counterIds.get(6)}/open`);
    await expect.poll(() => page.textContent('[data-counter="6"]')).not.toContain('Tạm nghỉ');
  });
});
