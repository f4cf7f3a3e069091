import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'console');

interface User {
  username: string;
  role: string;
  displayName: string;
  active: boolean;
}

/**
 * The console's staff page end to end: the hub process (demo centre), a paired `qms station counter`
 * bound to counter 1 with its screen in Chromium, and the console in Chromium at 1366×768. The
 * clerk the admin adds signs in at the counter with the PIN given in the console.
 */
describe('console: staff accounts', () => {
  const dir = tempDir('qms-console-staff-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let station: StationProcess;
  let browser: Browser;
  let desk: Page;
  let admin: HubClient;

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    const config = join(dir.path, 'counter');
    mkdirSync(config);
    station = await startPairedStation('counter', hub, dataDir, { config, name: 'Quầy 1 máy trạm', approve: ['--counter', '1'] });
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    desk = await context.newPage();
    desk.setDefaultTimeout(10_000);
    await desk.goto(`${hub.url}/console/#staff`);
    await desk.fill('input[name="username"]', 'admin');
    await desk.fill('input[name="password"]', ADMIN_PASSWORD);
    await desk.click('form[data-login] button[type="submit"]');
    await desk.waitForSelector('main[data-page="staff"] .page-body[data-loaded="true"]');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    dir.cleanup();
  });

  const users = async () => (await admin.request<User[]>('GET', '/api/users')).body;
  async function snap(name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await desk.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }
  /** Signs in at the counter station's screen with a PIN; gives what the screen shows after. */
  async function counterSignIn(username: string, pin: string): Promise<{ page: Page; signedIn: boolean; error: string | null }> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(10_000);
    await page.goto(station.url);
    await page.waitForSelector('input[name="username"]');
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="pin"]', pin);
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-screen="counter"], [data-error]');
    const signedIn = (await page.locator('[data-screen="counter"]').count()) === 1;
    return { page, signedIn, error: signedIn ? null : await page.getAttribute('[data-error]', 'data-error') };
  }

  it('lists the accounts of the hub, one row each', async () => {
    const all = await users();
    expect(await desk.locator('tr[data-username]').count()).toBe(all.length);
    const clerk = desk.locator('tr[data-username="quay1"]');
    expect(await clerk.getAttribute('data-role')).toBe('staff');
    expect(await clerk.textContent()).toContain('Cán bộ quầy 1');
    await snap('staff-vi');
    await desk.click('[data-action="language"]');
    await desk.waitForSelector('html[lang="en"] main[data-page="staff"] .page-body[data-loaded="true"]');
    expect(await clerk.textContent()).toContain('Clerk (counter)');
    await snap('staff-en');
    await desk.click('[data-action="language"]');
    await desk.waitForSelector('html[lang="vi"] main[data-page="staff"] .page-body[data-loaded="true"]');
  });

  it('admin adds a clerk with a PIN; the password and PIN are gone from the form; the clerk signs in with the PIN at a running counter station', async () => {
    const form = desk.locator('form[data-add-user]');
    // A taken user name is refused in words, and the secrets typed are not kept on the screen.
    await form.locator('input[name="username"]').fill('quay1');
    await form.locator('input[name="password"]').fill('mat-khau-123');
    await form.locator('[data-action="add-user"]').click();
    await form.locator('[data-form-note][data-error="user.exists"]').waitFor();
    expect(await form.locator('input[name="password"]').inputValue()).toBe('');

    await form.locator('input[name="username"]').fill('quay9');
    await form.locator('input[name="displayName"]').fill('Nguyễn Thị Chín');
    await form.locator('select[name="role"]').selectOption('staff');
    await form.locator('input[name="password"]').fill('mat-khau-123');
    await form.locator('input[name="pin"]').fill('4826');
    await form.locator('[data-action="add-user"]').click();
    const row = desk.locator('tr[data-username="quay9"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Nguyễn Thị Chín');
    expect(await form.locator('input[name="password"]').inputValue()).toBe('');
    expect(await form.locator('input[name="pin"]').inputValue()).toBe('');
    expect(await desk.content()).not.toContain('mat-khau-123');
    expect((await users()).find((u) => u.username === 'quay9')).toMatchObject({ role: 'staff', displayName: 'Nguyễn Thị Chín', active: true });

    const counter = await counterSignIn('quay9', '4826');
    expect(counter.signedIn, `the counter screen showed ${counter.error}`).toBe(true);
    expect(await counter.page.getAttribute('[data-clerk]', 'data-clerk')).toBe('quay9');
    await counter.page.close();
  });

  it('admin resets a password and changes then removes a PIN; the hub takes the new ones and refuses the old', async () => {
    const row = desk.locator('tr[data-username="quay9"]');
    await row.locator('[data-action="password"]').click();
    const passwordForm = desk.locator('form[data-password-form="quay9"]');
    await passwordForm.locator('input[name="password"]').fill('short');
    await passwordForm.locator('[data-action="save"]').click();
    await passwordForm.locator('[data-form-note][data-error="form"]').waitFor();
    await passwordForm.locator('input[name="password"]').fill('mat-khau-moi-456');
    await passwordForm.locator('[data-action="save"]').click();
    await passwordForm.waitFor({ state: 'detached' });
    const clerk = new HubClient({ baseUrl: hub.url });
    await expect(clerk.login('quay9', 'mat-khau-123')).rejects.toThrow();
    await clerk.login('quay9', 'mat-khau-moi-456');

    await row.locator('[data-action="pin"]').click();
    const pinForm = desk.locator('form[data-pin-form="quay9"]');
    await pinForm.locator('input[name="pin"]').fill('1357');
    await pinForm.locator('[data-action="save"]').click();
    await pinForm.waitFor({ state: 'detached' });
    await expect(new HubClient({ baseUrl: hub.url }).loginWithPin('quay9', '4826')).rejects.toThrow();
    await new HubClient({ baseUrl: hub.url }).loginWithPin('quay9', '1357');

    await row.locator('[data-action="pin"]').click();
    await pinForm.locator('[data-action="remove-pin"]').click();
    await pinForm.waitFor({ state: 'detached' });
    await expect(new HubClient({ baseUrl: hub.url }).loginWithPin('quay9', '1357')).rejects.toThrow();
  });

  it('admin disables and enables an account (or reads the hub saying it cannot yet)', async () => {
    const row = desk.locator('tr[data-username="quay9"]');
    // The admin's own account cannot be disabled from here.
    expect(await desk.locator('tr[data-username="admin"] [data-action="disable"]').isDisabled()).toBe(true);
    await row.locator('[data-action="disable"]').click();
    await desk.waitForSelector('tr[data-username="quay9"][data-active="false"], tr[data-username="quay9"] [data-row-note][data-error]');
    const refused = await row.locator('[data-row-note][data-error]').count();
    if (refused === 1) {
      // A hub without POST /api/users/{name}/active: its own message is shown.
      expect(await row.locator('[data-row-note]').getAttribute('data-error')).toBe('route.not_found');
      expect(await row.locator('[data-row-note]').textContent()).toContain('/api/users/quay9/active');
      expect((await users()).find((u) => u.username === 'quay9')?.active).toBe(true);
      return;
    }
    expect((await users()).find((u) => u.username === 'quay9')?.active).toBe(false);
    // A disabled account signs in nowhere.
    await expect(new HubClient({ baseUrl: hub.url }).login('quay9', 'mat-khau-moi-456')).rejects.toThrow();
    await row.locator('[data-action="enable"]').click();
    await desk.waitForSelector('tr[data-username="quay9"][data-active="true"]');
    expect((await users()).find((u) => u.username === 'quay9')?.active).toBe(true);
  });
});
