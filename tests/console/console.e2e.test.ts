import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import { VirtualPrinter } from '@qms/simulators';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from '../support/hub-process.js';
import { startKioskProcess, waitForLine } from '../support/kiosk-process.js';
import { rowsOfPng, rowsOfRaster } from '../support/raster-rows.js';
import { tempDir } from '../support/temp-dir.js';

const SHOTS = join(process.cwd(), 'test-results', 'console');
const DEMO_PASSWORD = 'demo1234';

/**
 * The console against the real hub process and a real kiosk station, in Chromium, as a
 * technician or an admin uses it: sign-in by role, pairing and revoking a kiosk, a live printer
 * alert, a backup, the audit log; screenshots of every page in Vietnamese and English.
 */
describe('the console, end to end', () => {
  const dir = tempDir();
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let printer: VirtualPrinter;
  let kiosk: Awaited<ReturnType<typeof startKioskProcess>> | undefined;
  let browser: Browser;
  let page: Page;
  let kioskDeviceId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    printer = new VirtualPrinter();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    kiosk?.child.kill('SIGTERM');
    await kiosk?.exited;
    await hub?.stop();
    await printer?.close();
    dir.cleanup();
  });

  async function signIn(username: string, password: string): Promise<void> {
    await page.goto(`${hub.url}/console/`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.click('form[data-login] button[type="submit"]');
  }

  async function signOut(): Promise<void> {
    await page.click('[data-action="sign-out"]');
    await page.waitForSelector('input[name="username"]');
  }

  async function loginMessage(): Promise<{ code: string | null; text: string }> {
    const message = page.locator('[data-login-message]');
    await expect.poll(async () => (await message.textContent()) ?? '').not.toBe('');
    return { code: await message.getAttribute('data-code'), text: (await message.textContent()) ?? '' };
  }

  it('lets the admin in with every page, the technician without the staff page, and refuses a clerk', async () => {
    await signIn('admin', ADMIN_PASSWORD);
    await page.waitForSelector('[data-user="admin"][data-role="admin"]');
    expect(await page.locator('[data-page-link]').evaluateAll((links) => links.map((link) => link.getAttribute('data-page-link')))).toEqual([
      'today',
      'monitor',
      'reports',
      'devices',
      'configuration',
      'procedures',
      'applications',
      'staff',
      'feedback',
      'audit',
      'backups',
    ]);
    // The session cookie is out of the page's reach.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await signOut();

    await signIn('kythuat', DEMO_PASSWORD);
    await page.waitForSelector('[data-user="kythuat"][data-role="technician"]');
    expect(await page.locator('[data-page-link="staff"]').count()).toBe(0);
    // Reports are the admin's; the floor monitor the technician reads too.
    expect(await page.locator('[data-page-link="reports"]').count()).toBe(0);
    expect(await page.locator('[data-page-link="monitor"]').count()).toBe(1);
    await signOut();

    await signIn('quay1', DEMO_PASSWORD);
    const refused = await loginMessage();
    expect(refused.code).toBe('auth.forbidden');
    expect(refused.text).toContain('máy gọi số');
  });

  it('says a password is wrong, and locks the name after five failures as the API does', async () => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn('quay2', 'not-the-password');
      const wrong = await loginMessage();
      expect(wrong.code).toBe('auth.invalid_credentials');
      expect(wrong.text).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    }
    await signIn('quay2', DEMO_PASSWORD);
    const locked = await loginMessage();
    expect(locked.code).toBe('auth.too_many_attempts');
    expect(locked.text).toMatch(/Thử lại sau \d+ giây/);
  });

  it('approves a kiosk waiting to pair and sees it connect; revoked, it shows a new code', async () => {
    await signIn('kythuat', DEMO_PASSWORD);
    await page.waitForSelector('[data-user="kythuat"]');
    await page.goto(`${hub.url}/console/#devices`);
    await page.waitForSelector('main[data-page="devices"]');

    kiosk = await startKioskProcess({ hubUrl: hub.url, configDir: join(dir.path, 'kiosk'), printerPort: await printer.listen(0) });
    const code = await waitForLine(kiosk.stdout, /pairing code: (\d{6})/, () => kiosk?.stderr() ?? '');
    // The pending kiosk appears without a reload (the hub's device notices).
    const row = page.locator(`[data-pending-code="${code}"]`);
    await row.waitFor();
    await page.screenshot({ path: join(SHOTS, 'devices-pending-vi.png') });
    await row.locator('[data-action="approve"]').click();
    const deviceId = await waitForLine(kiosk.stdout, /connected to the hub as device (\d+)/, () => kiosk?.stderr() ?? '');
    const paired = page.locator(`tr[data-device-id="${deviceId}"]`);
    await expect.poll(() => paired.locator('[data-link]').getAttribute('data-link')).toBe('online');
    expect(await row.count()).toBe(0);

    await paired.locator('[data-action="revoke"]').click();
    const newCode = await waitForLine(kiosk.stdout, new RegExp(`pairing code: (?!${code})(\\d{6})`), () => kiosk?.stderr() ?? '');
    // The kiosk's own screen shows the new code to the technician.
    const kioskScreen = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await kioskScreen.goto(kiosk.url);
    await expect.poll(async () => ((await kioskScreen.locator('[data-testid="pairing-code"]').textContent()) ?? '').replace(/\s/g, '')).toBe(newCode);
    await kioskScreen.close();
    const again = page.locator(`[data-pending-code="${newCode}"]`);
    await again.waitFor();
    await again.locator('[data-action="approve"]').click();
    kioskDeviceId = await waitForLine(kiosk.stdout, new RegExp(`connected to the hub as device (?!${deviceId}\\b)(\\d+)`), () => kiosk?.stderr() ?? '');
    await expect.poll(() => page.locator(`tr[data-device-id="${kioskDeviceId}"] [data-link]`).getAttribute('data-link')).toBe('online');
  });

  it("shows a kiosk's receipt as its printer prints it, and prints it on the kiosk", async () => {
    await page.goto(`${hub.url}/console/#devices`);
    const row = page.locator(`tr[data-device-id="${kioskDeviceId}"]`);
    await row.locator('[data-action="receipt-preview"]').click();
    const preview = page.locator('[data-command-result][data-state="done"] img[data-receipt-preview]');
    await preview.waitFor();
    await page.screenshot({ path: join(SHOTS, 'devices-receipt-preview-vi.png'), fullPage: true });
    const src = (await preview.getAttribute('src')) ?? '';
    const image = PNG.sync.read(Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64'));

    const before = printer.receipts.length;
    await row.locator('[data-action="receipt-print"]').click();
    await expect.poll(() => printer.receipts.length).toBe(before + 1);
    const printed = rowsOfRaster(printer.receipts[before]?.images ?? []);
    const shown = rowsOfPng(image);
    expect(shown.length).toBe(printed.length);
    expect(shown.filter((line, y) => line !== printed[y])).toEqual([]);
    expect(shown.some((line) => line.includes('1'))).toBe(true);
  });

  it('shows a paper-out alert live, with a sound and the time since, and clears it when paper is back', async () => {
    const alert = page.locator('[data-alert$=":printer:paper_out"]');
    expect(await alert.count()).toBe(0);
    const beepsBefore = await page.evaluate(() => document.documentElement.dataset.lastBeep ?? '');
    printer.setPaper('out');
    // A test print finds the paper out at once (idle, the kiosk looks at its printer every 30 s).
    await page.locator(`tr[data-device-id="${kioskDeviceId}"] [data-action="receipt-print"]`).click();
    await expect.poll(async () => (await page.locator('[data-status]').textContent()) ?? '').toContain('paper_out');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('Máy in hết giấy');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.lastBeep ?? '')).not.toBe(beepsBefore);
    await expect.poll(async () => (await alert.locator('[data-alert-since]').textContent()) ?? '').toMatch(/từ \d+ giây trước/);
    // The device's own row says it too.
    await page.locator(`tr[data-device-id="${kioskDeviceId}"] [data-problem="printer:paper_out"]`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'alert-paper-out-vi.png') });
    printer.setPaper('ok');
    await alert.waitFor({ state: 'detached', timeout: 15_000 });
  });

  it('shows an out-of-order call in the audit log', async () => {
    const clerk = new HubClient({ baseUrl: hub.url });
    await clerk.login('quay1', DEMO_PASSWORD);
    const [land] = await clerk.services();
    const counter = (await clerk.counters()).find((c) => c.serviceIds.includes(land?.id ?? -1));
    await clerk.issueTicket(land?.id ?? 0);
    const second = await clerk.issueTicket(land?.id ?? 0);
    const called = await clerk.request('POST', `/api/counters/${counter?.id}/call-ticket`, { label: second.label });
    expect(called.status).toBe(200);

    await page.goto(`${hub.url}/console/#audit`);
    await page.selectOption('select[name="action"]', 'ticket.called_out_of_order');
    await page.click('form.filters button[type="submit"]');
    const entry = page.locator('[data-audit-action="ticket.called_out_of_order"]');
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain('Gọi không theo thứ tự');
  });

  it('downloads a backup that opens as a valid database with today’s tickets', async () => {
    await page.goto(`${hub.url}/console/#backups`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-action="backup-download"]')]);
    expect(download.suggestedFilename()).toMatch(/^qms-backup-\d{8}-\d{4}\.sqlite$/);
    const file = join(dir.path, 'downloaded.sqlite');
    await download.saveAs(file);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n).toBeGreaterThanOrEqual(2);
    } finally {
      db.close();
    }
  });

  it('works by keyboard: sign in, go to a page, sign out', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const keys = await context.newPage();
    await keys.goto(`${hub.url}/console/`);
    await keys.locator('input[name="username"]').waitFor();
    // The user name has the focus; the rest is typing, Tab and Enter.
    await keys.keyboard.type('kythuat');
    await keys.keyboard.press('Tab');
    await keys.keyboard.type(DEMO_PASSWORD);
    await keys.keyboard.press('Enter');
    await keys.waitForSelector('[data-user="kythuat"]');
    const audit = keys.locator('[data-page-link="audit"]');
    for (let presses = 0; presses < 20 && !(await audit.evaluate((link) => link === document.activeElement)); presses++) await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    await keys.waitForSelector('main[data-page="audit"]');
    const signOut = keys.locator('[data-action="sign-out"]');
    for (let presses = 0; presses < 20 && !(await signOut.evaluate((button) => button === document.activeElement)); presses++) await keys.keyboard.press('Tab');
    await keys.keyboard.press('Enter');
    await keys.waitForSelector('input[name="username"]');
    await context.close();
  });

  it('ends a session left without input for 30 minutes, though its pages keep reading the hub', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const idle = await context.newPage();
    await idle.clock.install();
    await idle.goto(`${hub.url}/console/`);
    await idle.fill('input[name="username"]', 'kythuat');
    await idle.fill('input[name="password"]', DEMO_PASSWORD);
    await idle.click('form[data-login] button[type="submit"]');
    await idle.waitForSelector('[data-user="kythuat"]');
    await idle.clock.fastForward('29:00');
    expect(await idle.locator('[data-user="kythuat"]').count()).toBe(1);
    await idle.clock.fastForward('01:30');
    await idle.locator('[data-session-ended]').waitFor();
    expect(await idle.locator('[data-session-ended]').textContent()).toContain('lâu không thao tác');
    // The hub ended it too: the cookie no longer signs anything in.
    const me = await idle.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await context.close();
  });

  it('shows every page in Vietnamese and English (screenshots)', async () => {
    for (const lang of ['vi', 'en'] as const) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.click('[data-action="language"]');
      for (const id of ['today', 'devices', 'configuration', 'audit', 'backups']) {
        await page.goto(`${hub.url}/console/#${id}`);
        await page.waitForSelector(`main[data-page="${id}"]`);
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(SHOTS, `${id}-${lang}.png`), fullPage: true });
      }
    }
    expect(await page.locator('[data-page-link="today"]').textContent()).toBe('Today at a glance');
  });
});
