import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'console');
const DESK = { width: 1366, height: 768 };

interface Service {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  prefix: string;
  openingHours: { days: number[]; open: string; close: string }[];
}

/**
 * The console's configuration page end to end: the hub process (demo centre, SQLite file), a paired
 * `qms station kiosk` with its screen in Chromium, and the console in Chromium at 1366×768. What
 * the admin types goes to the hub, and the kiosk shows it without a reload.
 */
describe('console: configuration', () => {
  const dir = tempDir('qms-console-config-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let kiosk: StationProcess;
  let browser: Browser;
  let desk: Page;
  let kioskPage: Page;
  let admin: HubClient;

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    const config = join(dir.path, 'kiosk');
    mkdirSync(config);
    writeFileSync(join(config, 'station.json'), JSON.stringify({ name: 'Kiosk sảnh', kiosk: { centreName: 'UBND xã Hòa Bình' } }));
    kiosk = await startPairedStation('kiosk', hub, dataDir, { config, name: 'Kiosk sảnh' });
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    browser = await launchChromium();
    kioskPage = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    kioskPage.setDefaultTimeout(10_000);
    await kioskPage.goto(kiosk.url);
    await kioskPage.waitForSelector('[data-screen="home"]');
    desk = await signedIn('admin', ADMIN_PASSWORD);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    kiosk?.child.kill('SIGTERM');
    await kiosk?.exited;
    await hub?.stop();
    dir.cleanup();
  });

  /** A console signed in through its form, on the configuration page. */
  async function signedIn(username: string, password: string): Promise<Page> {
    const context = await browser.newContext({ viewport: DESK });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${hub.url}/console/#configuration`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.click('form[data-login] button[type="submit"]');
    await page.waitForSelector(`[data-user="${username}"]`);
    await page.waitForSelector('main[data-page="configuration"] .page-body[data-loaded="true"]');
    return page;
  }
  const services = async () => (await admin.request<Service[]>('GET', '/api/services')).body;
  const counters = async () => (await admin.request<{ id: number; number: number; serviceIds: number[] }[]>('GET', '/api/counters')).body;
  async function snap(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  }

  it('shows every field of the hub in its row, with its hours in words', async () => {
    const all = await services();
    expect(await desk.locator('tr[data-service-id]').count()).toBe(all.length);
    const land = all.find((s) => s.code === 'dat-dai');
    const row = desk.locator(`tr[data-service-id="${land?.id}"]`);
    expect(await row.textContent()).toContain('Đất đai');
    expect(await row.textContent()).toContain('Land');
    expect(await row.locator('[data-cell="prefix"]').textContent()).toBe('A');
    expect(await row.locator('[data-cell="range"]').textContent()).toBe('1–999');
    expect(await row.locator('[data-cell="hours"]').textContent()).toMatch(/^Cả tuần 00:00–24:00$/);
    await snap(desk, 'configuration-vi');
    await desk.click('[data-action="language"]');
    await desk.waitForSelector('html[lang="en"] main[data-page="configuration"] .page-body[data-loaded="true"]');
    expect(await row.locator('[data-cell="hours"]').textContent()).toBe('Every day 00:00–24:00');
    await snap(desk, 'configuration-en');
    await desk.click('[data-action="language"]');
    await desk.waitForSelector('html[lang="vi"] main[data-page="configuration"] .page-body[data-loaded="true"]');
  });

  it('admin adds a field (a taken prefix is refused in words); it appears on the running kiosk, then its new name does too', async () => {
    await desk.click('details[data-add="service"] > summary');
    const form = desk.locator('form[data-service-form="new"]');
    await form.locator('input[name="code"]').fill('ban-sao');
    await form.locator('input[name="name"]').fill('Cấp bản sao');
    await form.locator('input[name="nameEn"]').fill('Certified copies');
    await form.locator('input[name="prefix"]').fill('A');
    // Open every day, all day: the opening-hours editor (the form starts with Mon–Fri 07:30–17:00).
    const period = form.locator('fieldset.period').first();
    await period.locator('input[name="day"][value="6"]').check();
    await period.locator('input[name="day"][value="7"]').check();
    await period.locator('input[name="open"]').fill('00:00');
    await period.locator('input[name="close"]').fill('24:00');
    // A second period, added and removed again.
    await form.locator('[data-action="add-period"]').click();
    expect(await form.locator('fieldset.period').count()).toBe(2);
    await form.locator('fieldset.period').nth(1).locator('[data-action="remove-period"]').click();
    expect(await form.locator('fieldset.period').count()).toBe(1);
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-form-note][data-error="service.prefix_conflict"]').waitFor();
    expect(await form.locator('[data-form-note]').textContent()).toContain('Tiền tố này đã được một lĩnh vực khác dùng');
    expect((await services()).some((s) => s.code === 'ban-sao')).toBe(false);

    await form.locator('input[name="prefix"]').fill('K');
    await form.locator('[data-action="save"]').click();
    await expect
      .poll(async () => (await services()).find((s) => s.code === 'ban-sao'))
      .toMatchObject({
        name: 'Cấp bản sao',
        nameEn: 'Certified copies',
        prefix: 'K',
        openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }],
      });
    const created = (await services()).find((s) => s.code === 'ban-sao') as Service;
    const row = desk.locator(`tr[data-service-id="${created.id}"]`);
    await expect.poll(() => row.textContent()).toContain('Cấp bản sao');
    // The add form is empty again, ready for the next field.
    expect(await desk.locator('form[data-service-form="new"] input[name="code"]').inputValue()).toBe('');

    const card = kioskPage.locator(`[data-screen="home"] [data-field="${created.id}"]`);
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('Cấp bản sao');
    expect(await card.getAttribute('class')).not.toContain('closed');

    await row.locator('[data-action="edit"]').click();
    const editor = desk.locator(`form[data-service-form="${created.id}"]`);
    await editor.locator('input[name="name"]').fill('Cấp bản sao từ sổ gốc');
    await editor.locator('[data-action="save"]').click();
    await expect.poll(async () => (await services()).find((s) => s.id === created.id)?.name).toBe('Cấp bản sao từ sổ gốc');
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain('Cấp bản sao từ sổ gốc');
    await expect.poll(() => row.textContent()).toContain('Cấp bản sao từ sổ gốc');
    expect(await editor.count()).toBe(0);
  });

  // Needs the console's live feed: the hub must accept GET /api/events?notices=devices (the device notices).
  it('a change from elsewhere redraws the table but not a form being typed in, which says the hub copy changed', async () => {
    const civil = (await services()).find((s) => s.code === 'ho-tich') as Service;
    const row = desk.locator(`tr[data-service-id="${civil.id}"]`);
    await row.locator('[data-action="edit"]').click();
    const editor = desk.locator(`form[data-service-form="${civil.id}"]`);
    await editor.locator('input[name="name"]').fill('Hộ tịch (đang sửa)');
    await admin.request('PATCH', `/api/services/${civil.id}`, { nameEn: 'Civil registry' });
    await expect.poll(() => row.locator('[data-cell="nameEn"]').textContent()).toBe('Civil registry');
    await editor.locator('[data-stale]:not([hidden])').waitFor();
    expect(await editor.locator('input[name="name"]').inputValue()).toBe('Hộ tịch (đang sửa)');
    // The English name the admin did not touch is not sent back: only the name changes.
    await editor.locator('[data-action="save"]').click();
    await expect.poll(async () => (await services()).find((s) => s.id === civil.id)).toMatchObject({ name: 'Hộ tịch (đang sửa)', nameEn: 'Civil registry' });
  });

  it('admin adds a counter serving two fields in a chosen order, and the hub stores that order', async () => {
    const all = await services();
    const land = all.find((s) => s.code === 'dat-dai') as Service;
    const justice = all.find((s) => s.code === 'tu-phap') as Service;
    await desk.click('details[data-add="counter"] > summary');
    const form = desk.locator('form[data-counter-form="new"]');
    await form.locator('input[name="number"]').fill('1');
    await form.locator('input[name="name"]').fill('Quầy 9');
    await form.locator('select[name="addService"]').selectOption(String(land.id));
    await form.locator('[data-action="add-served"]').click();
    await form.locator('select[name="addService"]').selectOption(String(justice.id));
    await form.locator('[data-action="add-served"]').click();
    expect(await form.locator('[data-served-editor] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-served-service')))).toEqual([String(land.id), String(justice.id)]);
    // Justice first: moved up by keyboard.
    await form.locator(`li[data-served-service="${justice.id}"] [data-action="up"]`).focus();
    await desk.keyboard.press('Enter');
    expect(await form.locator('[data-served-editor] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-served-service')))).toEqual([String(justice.id), String(land.id)]);
    // The focus stays with the moved field.
    expect(await desk.evaluate(() => document.activeElement?.closest('li')?.getAttribute('data-served-service'))).toBe(String(justice.id));
    // Number 1 is taken: the hub refuses and the form says so.
    await form.locator('[data-action="save"]').click();
    await form.locator('[data-form-note][data-error="counter.number_taken"]').waitFor();
    await form.locator('input[name="number"]').fill('9');
    await form.locator('[data-action="save"]').click();
    await expect.poll(async () => (await counters()).find((c) => c.number === 9)?.serviceIds).toEqual([justice.id, land.id]);
    const stored = (await counters()).find((c) => c.number === 9);
    const row = desk.locator(`tr[data-counter-id="${stored?.id}"]`);
    await expect.poll(() => row.getAttribute('data-service-order')).toBe(`${justice.id},${land.id}`);
    expect(await row.locator('ol.served li').allTextContents()).toEqual(['D · Tư pháp', 'A · Đất đai']);

    // Edit it: remove a field, and the hub keeps the other.
    await row.locator('[data-action="edit"]').click();
    const editor = desk.locator(`form[data-counter-form="${stored?.id}"]`);
    await editor.locator(`li[data-served-service="${land.id}"] [data-action="remove"]`).click();
    await snap(desk, 'configuration-counter-editor-vi');
    await editor.locator('[data-action="save"]').click();
    await expect.poll(async () => (await counters()).find((c) => c.number === 9)?.serviceIds).toEqual([justice.id]);
  });

  it('queue settings and, when the hub has them, the centre texts (empty means not set)', async () => {
    const before = (await admin.request<Record<string, unknown>>('GET', '/api/settings')).body;
    const form = desk.locator('form[data-settings-form]');
    await form.locator('input[name="maxWaitMinutes"]').fill('45');
    await form.locator('select[name="unservedAtClose"]').selectOption('keep');
    const hasTexts = 'hotline' in before;
    expect(await form.locator('[data-centre-texts]').count()).toBe(hasTexts ? 1 : 0);
    if (hasTexts) {
      await form.locator('input[name="hotline"]').fill('1900 1234');
      await form.locator('input[name="portalUrl"]').fill('dichvucong.gov.vn');
      await form.locator('[data-action="save"]').click();
      await form.locator('[data-form-note][data-error="form"]').waitFor();
      await form.locator('input[name="portalUrl"]').fill('');
      // The hall displays' procedures on the marquee: the hub's choice, or each display's own (null).
      expect(await form.locator('select[name="marqueeProcedures"]').inputValue()).toBe('');
      await form.locator('select[name="marqueeProcedures"]').selectOption('true');
    }
    await form.locator('[data-action="save"]').click();
    await expect
      .poll(async () => (await admin.request<Record<string, unknown>>('GET', '/api/settings')).body)
      .toMatchObject({
        maxWaitMinutes: 45,
        unservedAtClose: 'keep',
        ...(hasTexts ? { hotline: '1900 1234', portalUrl: null, marqueeProcedures: true } : {}),
      });
    await snap(desk, 'configuration-settings-vi');
  });

  it('a technician reads the configuration: no enabled input, no save, no staff page', async () => {
    const tech = await signedIn('kythuat', 'demo1234');
    expect(await tech.locator('tr[data-service-id]').count()).toBe((await services()).length);
    expect(await tech.locator('tr[data-counter-id]').count()).toBe((await counters()).length);
    expect(await tech.locator('form[data-settings-form] input[name="maxWaitMinutes"]').inputValue()).toBe('45');
    expect(await tech.locator('main input:enabled, main select:enabled, main textarea:enabled').count()).toBe(0);
    expect(await tech.locator('main [data-action="save"], main button[type="submit"], main [data-action="edit"], main details.add').count()).toBe(0);
    expect(await tech.locator('[data-read-only]').count()).toBe(1);
    expect(await tech.locator('[data-page-link="staff"]').count()).toBe(0);
    await tech.goto(`${hub.url}/console/#staff`);
    await tech.waitForSelector('main[data-page]');
    expect(await tech.locator('main[data-page="staff"]').count()).toBe(0);
    await tech.close();
  });
});
