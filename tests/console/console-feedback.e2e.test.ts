import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'console');

interface Feedback {
  id: number;
  text: string;
  status: string;
  reply: string | null;
  updatedBy: string | null;
}

/**
 * The console's feedback page end to end: the hub process on its SQLite file, a citizen's message
 * posted without signing in (with markup in it), and the console in Chromium at 1366×768 as the
 * admin reads it as text, answers it and filters the list.
 */
describe('console: feedback', () => {
  const dir = tempDir('qms-console-feedback-');
  let hub: HubProcess;
  let browser: Browser;
  let desk: Page;
  let admin: HubClient;
  const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><b>Quầy 3</b> chờ quá lâu & không ai hướng dẫn.\nDòng thứ hai.';
  let hostileId = 0;
  let plainId = 0;

  const leave = async (body: Record<string, unknown>) => {
    const response = await fetch(`${hub.url}/api/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: number }).id;
  };
  const feedback = async () => (await admin.request<{ entries: Feedback[] }>('GET', '/api/feedback')).body.entries;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hub = await startHubProcess(join(dir.path, 'hub'));
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    plainId = await leave({ text: 'Nhà vệ sinh tầng 1 cần sạch hơn.' });
    hostileId = await leave({ text: HOSTILE, phone: '0912 345 678', counterNumber: 3, about: '<i>Cấp giấy khai sinh</i>' });
    browser = await launchChromium();
    desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    desk.setDefaultTimeout(10_000);
    await desk.goto(`${hub.url}/console/#feedback`);
    await desk.fill('input[name="username"]', 'admin');
    await desk.fill('input[name="password"]', ADMIN_PASSWORD);
    await desk.click('form[data-login] button[type="submit"]');
    await desk.waitForSelector('main[data-page="feedback"] .page-body[data-loaded="true"]');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    dir.cleanup();
  });

  it('shows a message with markup in it as the very text the citizen wrote, never as HTML', async () => {
    const row = desk.locator(`tr[data-feedback-id="${hostileId}"]`);
    await row.waitFor();
    expect(await row.locator('[data-cell="text"]').textContent()).toBe(HOSTILE);
    expect(await row.locator('[data-cell="about"]').textContent()).toBe('Quầy 3 · <i>Cấp giấy khai sinh</i>');
    expect(await row.locator('script, img, b, i').count()).toBe(0);
    expect(await desk.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await row.locator('[data-cell="phone"]').textContent()).toBe('0912345678');
    expect(await row.getAttribute('data-status')).toBe('new');
    // Newest first.
    expect(await desk.locator('tr[data-feedback-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feedback-id')))).toEqual([String(hostileId), String(plainId)]);
    // One page holds both: no button for older ones.
    expect(await desk.locator('[data-action="older"]').isVisible()).toBe(false);
    await desk.screenshot({ path: join(SCREENSHOTS, 'feedback-vi.png') });
  });

  it('answers it: the reply and the status reach the hub, and the row shows them', async () => {
    const row = desk.locator(`tr[data-feedback-id="${hostileId}"]`);
    await row.locator('textarea[name="reply"]').fill('Đã nhắc nhở quầy 3 và bố trí thêm người hướng dẫn. <Cảm ơn anh/chị>');
    await row.locator('select[name="status"]').selectOption('answered');
    await row.locator('[data-action="save"]').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('answered');
    expect(await row.locator('textarea[name="reply"]').inputValue()).toBe('Đã nhắc nhở quầy 3 và bố trí thêm người hướng dẫn. <Cảm ơn anh/chị>');
    expect(await row.locator('[data-cell="status"]').textContent()).toBe('Đã trả lời');
    const stored = (await feedback()).find((item) => item.id === hostileId);
    expect(stored).toMatchObject({ status: 'answered', reply: 'Đã nhắc nhở quầy 3 và bố trí thêm người hướng dẫn. <Cảm ơn anh/chị>', updatedBy: 'Administrator', text: HOSTILE });
    const audit = await admin.request<{ entries: { action: string; details: { feedbackId: number } }[] }>('GET', '/api/audit?action=feedback.updated');
    expect(audit.body.entries[0]?.details.feedbackId).toBe(hostileId);
  });

  it('filters by status, and reads in English', async () => {
    await desk.locator('form[data-feedback-filter] select[name="status"]').selectOption('new');
    await desk.locator('form[data-feedback-filter] button[type="submit"]').click();
    await expect.poll(() => desk.locator('tr[data-feedback-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-feedback-id')))).toEqual([String(plainId)]);
    await desk.click('[data-action="language"]');
    await desk.waitForSelector('main[data-page="feedback"] .page-body[data-loaded="true"]');
    await expect.poll(() => desk.locator('main h1').textContent()).toBe('Feedback');
    expect(await desk.locator(`tr[data-feedback-id="${hostileId}"] [data-cell="status"]`).textContent()).toBe('Answered');
    await desk.screenshot({ path: join(SCREENSHOTS, 'feedback-en.png') });
    await desk.click('[data-action="language"]');
  });

  it('is not in a technician’s menu', async () => {
    expect((await admin.request('POST', '/api/users', { username: 'kythuat', role: 'technician', password: 'technician-1' })).status).toBe(201);
    await desk.click('[data-action="sign-out"]');
    await desk.fill('input[name="username"]', 'kythuat');
    await desk.fill('input[name="password"]', 'technician-1');
    await desk.click('form[data-login] button[type="submit"]');
    await desk.waitForSelector('[data-user="kythuat"]');
    expect(await desk.locator('[data-page-link="feedback"]').count()).toBe(0);
  });
});
