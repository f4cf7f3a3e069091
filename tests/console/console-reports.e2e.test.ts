import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import { addDays } from '@qms/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'console');

type Estimates = { estimates: number; estimateWithin5MinShare: number | null };
type Report = { rows: ({ key: number | string; label: string; issued: number } & Estimates)[]; total: { issued: number; served: number } & Estimates };

/**
 * The console's reports end to end: the demo centre with the month of generated history a fresh demo
 * gets (`qms hub --demo`, the generator of `qms history generate`), the hub process, and the admin in Chromium at
 * 1366×768 choosing a period and a grouping, reading the figures, the charts and the heat map,
 * downloading CSV and Excel, and printing on A4.
 */
describe('console: reports', () => {
  const dir = tempDir('qms-console-reports-');
  const data = join(dir.path, 'hub');
  let hub: HubProcess;
  let browser: Browser;
  let desk: Page;
  let admin: HubClient;
  let from = '';
  let to = '';

  const waitLoaded = (group: string) => desk.waitForSelector(`main[data-page="reports"] .page-body[data-loaded="${from}/${to}/${group}"]`);

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    // The demo as `npm start` runs it: a fresh centre gets its past month of generated history.
    hub = await startHubProcess(data, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0', QMS_DEMO_HISTORY_DAYS: '30' } });
    expect(hub.stdout()).toMatch(/demo history generated: \d+ tickets over the last 30 days/);
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const today = (await admin.request<{ businessDay: string }>('GET', '/api/today')).body.businessDay;
    from = addDays(today, -30);
    to = addDays(today, -1);
    browser = await launchChromium();
    desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    desk.setDefaultTimeout(15_000);
    await desk.goto(`${hub.url}/console/#reports`);
    await desk.fill('input[name="username"]', 'admin');
    await desk.fill('input[name="password"]', ADMIN_PASSWORD);
    await desk.click('form[data-login] button[type="submit"]');
    await desk.waitForSelector('main[data-page="reports"] .page-body[data-loaded]');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    dir.cleanup();
  });

  it('shows the figures of the period chosen, by field, with a row per field and the total', async () => {
    await desk.selectOption('[data-report-period]', 'year');
    const year = to.slice(0, 4);
    expect(await desk.inputValue('[data-report-from]')).toBe(`${year}-01-01`);
    expect(await desk.inputValue('[data-report-to]')).toBe(`${year}-12-31`);
    await desk.fill('[data-report-from]', from);
    await desk.fill('[data-report-to]', to);
    expect(await desk.inputValue('[data-report-period]')).toBe('custom');
    await desk.click('[data-report-show]');
    await waitLoaded('service');
    const api = (await admin.request<Report>('GET', `/api/reports/queue?from=${from}&to=${to}&groupBy=service`)).body;
    expect(api.total.issued).toBeGreaterThan(1000);
    expect(await desk.textContent('[data-report-figure="issued"] .value')).toBe(String(api.total.issued));
    expect(await desk.textContent('[data-report-figure="served"] .value')).toBe(String(api.total.served));
    expect(await desk.locator('[data-report-row]').count()).toBe(api.rows.length);
    for (const row of api.rows) expect(await desk.textContent(`[data-report-row="${row.key}"] th`)).toBe(row.label);
    expect(await desk.textContent('[data-report-total] td')).toBe(String(api.total.issued));
    // The estimate printed at the kiosk against the wait that followed, by field.
    expect(api.total.estimates).toBeGreaterThan(1000);
    expect(await desk.textContent('[data-report-figure="estimate-within"] .value')).toBe(`${((api.total.estimateWithin5MinShare ?? 0) * 100).toFixed(1)} %`);
    const withEstimates = api.rows.filter((row) => row.estimates > 0);
    expect(await desk.locator('[data-estimate-row]').count()).toBe(withEstimates.length);
    for (const row of withEstimates) {
      expect(await desk.textContent(`[data-estimate-row="${row.key}"] td:nth-of-type(1)`)).toBe(String(row.estimates));
      expect(await desk.textContent(`[data-estimate-row="${row.key}"] td:nth-of-type(4)`)).toBe(`${((row.estimateWithin5MinShare ?? 0) * 100).toFixed(1)} %`);
    }
  });

  it('draws the four charts and the heat map of arrivals (nobody on Sundays)', async () => {
    for (const key of ['hour', 'day', 'service', 'counter']) {
      const inked = await desk.$eval(`[data-chart="${key}"] canvas`, (canvas) => {
        const context = (canvas as HTMLCanvasElement).getContext('2d');
        const { data } = context?.getImageData(0, 0, (canvas as HTMLCanvasElement).width, (canvas as HTMLCanvasElement).height) ?? { data: [] as unknown as Uint8ClampedArray };
        let count = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) count++;
        return count;
      });
      expect(inked, `chart ${key}`).toBeGreaterThan(2000);
    }
    expect(Number(await desk.getAttribute('[data-chart="day"]', 'data-points'))).toBe((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1);
    const cells = await desk.$$eval('[data-heat]', (tds) => tds.map((td) => [td.getAttribute('data-heat'), td.textContent] as const));
    expect(cells.length).toBeGreaterThan(7 * 8);
    expect(cells.filter(([key]) => key?.startsWith('7-')).every(([, text]) => text === '')).toBe(true);
    expect(cells.filter(([key]) => key?.startsWith('1-')).some(([, text]) => Number(text) > 0)).toBe(true);
    await desk.screenshot({ path: join(SCREENSHOTS, 'reports-vi.png'), fullPage: true });
  });

  it('groups by hour of the day, and downloads the same as CSV and Excel', async () => {
    await desk.selectOption('[data-report-group]', 'hour');
    await waitLoaded('hour');
    const labels = await desk.$$eval('[data-report-row] th', (ths) => ths.map((th) => th.textContent));
    expect(labels).toContain('08:00–09:00');
    const csvBytes = await desk.evaluate(async (href) => [...new Uint8Array(await (await fetch(href as string)).arrayBuffer())], await desk.getAttribute('[data-report-csv]', 'href'));
    expect(csvBytes.slice(0, 3)).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const csv = Buffer.from(csvBytes).toString('utf8').slice(1);
    expect(csv.split('\r\n')[0]?.split(',').slice(0, 3)).toEqual(['Giờ', 'Tên', 'Số phiếu đã cấp']);
    expect(csv).toContain('08:00–09:00');
    const xlsx = await desk.evaluate(
      async (href) => {
        const response = await fetch(href as string);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return { type: response.headers.get('content-type'), start: String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0), size: bytes.length };
      },
      await desk.getAttribute('[data-report-xlsx]', 'href'),
    );
    expect(xlsx).toMatchObject({ type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', start: 'PK' });
  });

  it('the monitor raises an alarm live when citizens wait in a field whose only counter is paused', async () => {
    await desk.goto(`${hub.url}/console/#monitor`);
    await desk.waitForSelector('main[data-page="monitor"] .page-body[data-loaded]');
    const state = (await admin.request<{ services: { id: number; code: string }[]; counters: { id: number; serviceIds: number[] }[] }>('GET', '/api/state')).body;
    // The demo's results field is served by one counter alone.
    const field = state.services.find((service) => state.counters.filter((counter) => counter.serviceIds.includes(service.id)).length === 1);
    const only = state.counters.find((counter) => field && counter.serviceIds.includes(field.id));
    expect(field && only).toBeTruthy();
    const clerk = new HubClient({ baseUrl: hub.url });
    await clerk.login('quay1', 'demo1234');
    expect((await clerk.request('POST', `/api/counters/${only?.id}/pause`, { reason: 'meeting' })).status).toBe(200);
    expect((await clerk.request('POST', '/api/tickets', { serviceId: field?.id })).status).toBe(201);
    await desk.waitForSelector(`[data-monitor-alarm="no_counter:${field?.id}"]`);
    expect(await desk.getAttribute(`[data-monitor-service="${field?.id}"]`, 'data-waiting')).toBe('1');
    expect(await desk.textContent(`[data-monitor-counter] >> nth=${state.counters.findIndex((c) => c.id === only?.id)}`)).toContain('họp');
    await desk.screenshot({ path: join(SCREENSHOTS, 'monitor-vi.png'), fullPage: true });
    expect((await clerk.request('POST', `/api/counters/${only?.id}/open`)).status).toBe(200);
    await desk.waitForSelector(`[data-monitor-alarm="no_counter:${field?.id}"]`, { state: 'detached' });
    await desk.goto(`${hub.url}/console/#reports`);
    await desk.waitForSelector('main[data-page="reports"] .page-body[data-loaded]');
  });

  it('prints the report alone on A4', async () => {
    await desk.emulateMedia({ media: 'print' });
    try {
      for (const selector of ['nav', 'form.report-controls']) expect(await desk.$eval(selector, (element) => getComputedStyle(element).display), selector).toBe('none');
      expect(await desk.$eval('[data-report-table]', (element) => getComputedStyle(element).display)).toBe('table');
      const pdf = await desk.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(4);
      await desk.screenshot({ path: join(SCREENSHOTS, 'reports-print.png'), fullPage: true });
    } finally {
      await desk.emulateMedia({ media: 'screen' });
    }
  });
});
