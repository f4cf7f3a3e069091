import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { type HubProcess, runQms, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/counter-screens');

/**
 * The results counter end to end: an application received and processed (9), its results ticket
 * taken (as the kiosk does when the receipt's QR is scanned), called at the demo's results counter
 * (counter 7, field "Trả kết quả") on a counter station in Chromium: the screen says which
 * application the citizen comes for, and "handed over" moves it to 10.
 */
describe('counter: the results counter hands over an application', () => {
  const dir = tempDir('qms-pickup-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let station: StationProcess;
  let browser: Browser;
  let page: Page;
  let staff: HubClient;
  let application: { id: number; code: string; secret: string };

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    const pin = runQms(['users', 'pin', 'quay7', '--data', dataDir], { input: '1357\n' });
    expect(pin.status, pin.stderr).toBe(0);
    mkdirSync(join(dir.path, 'station'));
    station = await startPairedStation('counter', hub, dataDir, { config: join(dir.path, 'station'), name: 'Quầy trả kết quả', approve: ['--counter', '7'] });
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay2', 'demo1234');
    const procedures = (await staff.request<{ id: number }[]>('GET', '/api/procedures?q=khai%20sinh')).body;
    application = (await staff.request<{ id: number; code: string; secret: string }>('POST', '/api/applications', { procedureId: procedures[0]?.id, applicant: { fullName: 'Trần Thị Bình' } })).body;
    for (const status of [4, 9]) expect((await staff.request('POST', `/api/applications/${application.id}/status`, { status })).status).toBe(200);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    dir.cleanup();
  });

  it('calls the results ticket and shows the application it is for; "handed over" sets 10', async () => {
    const pickup = await staff.request<{ id: number; label: string }>('POST', '/api/applications/pickup', { code: application.code, secret: application.secret });
    expect(pickup.status).toBe(201);
    await page.goto(station.url);
    await page.fill('input[name="username"]', 'quay7');
    await page.fill('input[name="pin"]', '1357');
    await page.click('button[type="submit"]');
    await page.waitForSelector('[data-screen="counter"]');
    await page.click('button[data-action="call-next"]');
    await page.waitForSelector(`[data-current-ticket]:text("${pickup.body.label}")`);
    const line = page.locator(`[data-application-code="${application.code}"]`);
    await line.waitFor();
    expect(await line.getAttribute('data-application-status')).toBe('9');
    // The clerk sees the full name, to check it against the citizen's papers.
    expect(await line.textContent()).toContain('Trần Thị Bình');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'results-pickup-called.png') });
    await page.click('[data-action="hand-over"]');
    await page.waitForSelector(`[data-application-code="${application.code}"][data-application-status="10"]`);
    const after = await staff.request<{ status: number; history: { status: number; note: string | null; by: string }[] }>('GET', `/api/applications/${application.id}`);
    expect(after.body.status).toBe(10);
    expect(after.body.history.at(-1)).toMatchObject({ status: 10, note: 'Trả kết quả tại quầy 7' });
    await page.screenshot({ path: join(SCREENSHOTS, 'results-pickup-handed-over.png') });
    // A ticket that is not a pickup shows no application line.
    await page.click('button[data-action="finish"]');
    await page.waitForSelector('[data-application-code]', { state: 'detached' });
  });
});
