import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import { addDays, localTime } from '@qms/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'console');
const TZ = 'Asia/Ho_Chi_Minh';
const HEADER = 'code,name,nameEn,field,processingDays,fee,feeAmount,documents,applicants,level,portalUrl,active';
const GOOD_ROWS = [
  '1.900001,Xác nhận thử nghiệm một,Test one,ho-tich,1,Miễn phí,0,Tờ khai|1|,Công dân,mot-phan,,true',
  '1.900002,Chứng nhận thử nghiệm hai,Test two,chung-thuc,2,"2.000 đồng/trang",,Bản chính|1|1,Công dân,toan-trinh,https://dichvucong.gov.vn/p/1.900002,true',
];

interface Procedure {
  id: number;
  code: string;
  active: boolean;
}

/**
 * The console's procedures and applications pages end to end: the demo hub process on its SQLite
 * file, the console in Chromium at 1366×768 as the admin imports a catalogue file (a bad one first:
 * its problems shown, nothing imported), moves an application through its statuses, gives a late
 * one a new date and opens its apology form as an A4 print view; a technician only reads.
 */
describe('console: procedures and applications', () => {
  const dir = tempDir('qms-console-applications-');
  let hub: HubProcess;
  let browser: Browser;
  let desk: Page;
  let admin: HubClient;
  let staff: HubClient;

  const procedures = async (q: string) => (await admin.request<Procedure[]>('GET', `/api/procedures?includeInactive=true&q=${encodeURIComponent(q)}`)).body;
  const file = (name: string, lines: string[]) => {
    const path = join(dir.path, name);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const signIn = async (page: Page, username: string, password: string, hash: string) => {
    await page.goto(`${hub.url}/console/#${hash}`);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await page.click('form[data-login] button[type="submit"]');
    await page.waitForSelector(`main[data-page="${hash}"] .page-body[data-loaded="true"]`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    hub = await startHubProcess(join(dir.path, 'hub'), { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay1', 'demo1234');
    browser = await launchChromium();
    desk = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    desk.setDefaultTimeout(10_000);
    await signIn(desk, 'admin', ADMIN_PASSWORD, 'procedures');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
    dir.cleanup();
  });

  it('imports a catalogue file: a bad row shows its problems and imports nothing, the fixed file imports, the search needs no accents', async () => {
    expect(await desk.locator('tr[data-procedure-id]').count()).toBeGreaterThanOrEqual(30); // the demo's sample catalogue
    await desk.screenshot({ path: join(SCREENSHOTS, 'procedures-vi.png') });

    const bad = file('bad.csv', [HEADER, ...GOOD_ROWS, '1.900003,Thủ tục sai,,khong-co-linh-vuc,mot,,,,,mot-phan,,true']);
    await desk.setInputFiles('[data-import] input[type="file"]', bad);
    await desk.click('[data-action="import"]');
    const errors = desk.locator('[data-import-errors]');
    await errors.locator('tr[data-import-error-row="4"]').first().waitFor();
    const columns = await errors.locator('tr[data-import-error-row="4"] [data-cell="column"]').allTextContents();
    expect(columns).toEqual(expect.arrayContaining(['field', 'processingDays']));
    expect(await desk.locator('[data-status]').getAttribute('data-kind')).toBe('error');
    await desk.screenshot({ path: join(SCREENSHOTS, 'procedures-import-errors-vi.png') });
    // All or nothing: the good rows of the bad file are not there either.
    expect(await procedures('1.9000')).toEqual([]);

    const good = file('good.csv', [HEADER, ...GOOD_ROWS]);
    await desk.setInputFiles('[data-import] input[type="file"]', good);
    await desk.click('[data-action="import"]');
    await desk.locator('[data-import] [data-form-note][data-ok="true"]').waitFor();
    expect(await errors.isHidden()).toBe(true);
    expect((await procedures('1.9000')).map((p) => p.code).sort()).toEqual(['1.900001', '1.900002']);

    // Accents optional in the search box.
    await desk.fill('input[name="q"]', 'chung nhan thu nghiem');
    await expect.poll(() => desk.locator('tr[data-procedure-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(['1.900002']);

    // Switched off, still listed (inactive) for the admin.
    await desk.click('tr[data-code="1.900002"] [data-action="deactivate"]');
    await expect.poll(() => desk.getAttribute('tr[data-code="1.900002"]', 'data-active')).toBe('false');
    expect((await procedures('1.900002'))[0]?.active).toBe(false);
  });

  it('adds a procedure with the form and edits it', async () => {
    await desk.fill('input[name="q"]', '');
    await desk.click('[data-action="add-procedure"]');
    const form = desk.locator('form[data-procedure-form="new"]');
    await form.locator('input[name="code"]').fill('1.900010');
    await form.locator('input[name="name"]').fill('Thủ tục thêm bằng tay');
    await form.locator('input[name="processingDays"]').fill('3');
    await form.locator('textarea[name="documents"]').fill('Tờ khai|1|\nBản sao giấy tờ|0|2');
    await form.locator('[data-action="save-procedure"]').click();
    await desk.locator('tr[data-code="1.900010"]').waitFor();
    await desk.click('tr[data-code="1.900010"] [data-action="edit"]');
    const editor = desk.locator('form[data-procedure-form]:not([data-procedure-form="new"])');
    await editor.locator('input[name="feeAmount"]').fill('25000');
    await editor.locator('[data-action="save-procedure"]').click();
    await expect
      .poll(async () => (await admin.request<{ feeAmount: number | null; documents: unknown[] }[]>('GET', '/api/procedures?q=1.900010')).body[0])
      .toMatchObject({
        feeAmount: 25000,
        documents: [
          { name: 'Tờ khai', original: 1, copies: null },
          { name: 'Bản sao giấy tờ', original: 0, copies: 2 },
        ],
      });
  });

  it('moves an application through its allowed statuses, extends it when late and opens the A4 apology form', async () => {
    const [procedure] = await procedures('1.900001');
    // Received three days ago with one working day to process: late by now (or due today at the latest).
    const receivedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const received = (
      await staff.request<{ id: number; code: string }>('POST', '/api/applications', { procedureId: procedure?.id, applicant: { fullName: 'Lê Thị Hoa', phone: '0987654321' }, receivedAt })
    ).body;

    await desk.goto(`${hub.url}/console/#applications`);
    await desk.waitForSelector('main[data-page="applications"] .page-body[data-loaded="true"]');
    await desk.locator('[data-figure="onTimeRate"]').waitFor();
    await desk.click(`tr[data-application-id="${received.id}"]`);
    const detail = desk.locator(`[data-application-detail="${received.id}"]`);
    await detail.waitFor();
    const moves = () => detail.locator('[data-status-to]').evaluateAll((buttons) => buttons.map((b) => Number(b.getAttribute('data-status-to'))));
    expect(await moves()).toEqual([4, 5, 6, 7, 8]);
    await detail.locator('textarea[name="note"]').fill('Chuyển cán bộ chuyên môn');
    await detail.locator('[data-status-to="4"]').click();
    await desk.locator(`[data-application-detail="${received.id}"][data-status="4"]`).waitFor();
    expect(await moves()).toEqual([5, 6, 7, 8, 9]);
    expect(await desk.locator(`[data-application-detail="${received.id}"] [data-history] tr[data-history-status="4"]`).textContent()).toContain('Chuyển cán bộ chuyên môn');
    expect(await desk.textContent(`[data-application-detail="${received.id}"] [data-fact="verdict"]`)).toBe('Đang quá hạn');
    await desk.evaluate(() => window.scrollTo(0, 0));
    await desk.screenshot({ path: join(SCREENSHOTS, 'applications-vi.png') });

    // A new date a week from today, with the reason.
    const newDay = addDays(localTime(new Date(), TZ).date, 7);
    const panel = desk.locator(`[data-application-detail="${received.id}"]`);
    await panel.locator('input[name="dueDay"]').fill(newDay);
    await panel.locator('textarea[name="reason"]').fill('Chờ kết quả xác minh của cơ quan liên quan');
    await panel.locator('[data-action="extend"]').click();
    await desk.locator(`[data-application-detail="${received.id}"] [data-extension="1"]`).waitFor();
    const [year, month, day] = newDay.split('-');
    const detailDto = (await admin.request<{ dueAt: string; originalDueAt: string; timing: { verdict: string } }>('GET', `/api/applications/${received.id}`)).body;
    expect(localTime(new Date(detailDto.dueAt), TZ)).toMatchObject({ date: newDay, time: '17:00' });
    expect(detailDto.timing.verdict).toBe('overdue');

    // The apology form: an A4 sheet over the console, only the sheet prints.
    await desk.evaluate(() => Object.assign(window, { printed: 0, print: () => (window as unknown as { printed: number }).printed++ }));
    await desk.click(`[data-application-detail="${received.id}"] [data-action="apology"]`);
    const sheet = desk.locator('[data-apology] [data-apology-sheet]');
    await sheet.waitFor();
    const text = (await sheet.textContent()) ?? '';
    expect(text).toContain('PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ');
    expect(await sheet.locator('[data-apology-code]').textContent()).toBe(received.code);
    expect(await sheet.locator('[data-apology-applicant]').textContent()).toBe('Lê Thị Hoa');
    expect(await sheet.locator('[data-apology-procedure]').textContent()).toContain('Xác nhận thử nghiệm một');
    expect(await sheet.locator('[data-apology-reason]').textContent()).toBe('Chờ kết quả xác minh của cơ quan liên quan');
    expect(await sheet.locator('[data-apology-new-due]').textContent()).toBe(`17 giờ 00 phút, ngày ${day} tháng ${month} năm ${year}`);
    const original = localTime(new Date(detailDto.originalDueAt), TZ);
    expect(await sheet.locator('[data-apology-original-due]').textContent()).toContain(`ngày ${original.date.slice(8)} tháng ${original.date.slice(5, 7)}`);
    expect(text).toContain('(Ký và ghi rõ họ tên)');
    await desk.screenshot({ path: join(SCREENSHOTS, 'apology-form-vi.png') });
    await desk.click('[data-action="print-apology"]');
    expect(await desk.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    // Printed: one A4 page (595 × 842 points) holding the sheet and nothing of the console.
    await desk.emulateMedia({ media: 'print' });
    expect(await desk.locator('header nav').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    const pdfBytes = await desk.pdf({ preferCSSPageSize: true });
    await desk.emulateMedia({ media: 'screen' });
    writeFileSync(join(SCREENSHOTS, 'apology-form.pdf'), pdfBytes);
    const pdf = pdfBytes.toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Math.round(Number(m[1])), Math.round(Number(m[2]))]);
    expect(boxes).toEqual([[595, 842]]);
    await desk.click('[data-action="close-apology"]');

    // Processed now: late by the original promise, whatever the new date says.
    await panel.locator('[data-status-to="9"]').click();
    await desk.locator(`[data-application-detail="${received.id}"][data-status="9"]`).waitFor();
    expect(await desk.textContent(`[data-application-detail="${received.id}"] [data-fact="verdict"]`)).toBe('Quá hạn');
    expect(await desk.locator(`[data-application-detail="${received.id}"] [data-action="extend"]`).count()).toBe(0);
    const receivedDay = localTime(new Date(receivedAt), TZ).date;
    const report = (await admin.request<{ late: number; onTime: number }>('GET', `/api/reports/applications?from=${receivedDay}&to=${receivedDay}`)).body;
    expect(report.late).toBeGreaterThanOrEqual(1);
  });

  it('lets a technician read procedures and applications without any button to change them, the list live', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(10_000);
    await signIn(page, 'kythuat', 'demo1234', 'procedures');
    expect(await page.locator('tr[data-procedure-id]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-action="edit"], [data-action="deactivate"], [data-action="add-procedure"]:visible, [data-import]').count()).toBe(0);
    await page.goto(`${hub.url}/console/#applications`);
    await page.waitForSelector('main[data-page="applications"] .page-body[data-loaded="true"]');
    await page.locator('tr[data-application-id]').first().click();
    await page.locator('[data-application-detail]').waitFor();
    expect(await page.locator('[data-status-to], [data-action="extend"]').count()).toBe(0);
    expect(await page.locator('[data-figure]').count()).toBe(0); // the report is the admins'
    // Received at a counter meanwhile: in the list at once, without a reload; moved there, its status follows.
    const opened = await page.getAttribute('[data-application-detail]', 'data-application-detail');
    const [procedure] = await procedures('1.900001');
    const fresh = (await staff.request<{ id: number }>('POST', '/api/applications', { procedureId: procedure?.id, applicant: { fullName: 'Phạm Văn Sơn' } })).body;
    await page.locator(`tr[data-application-id="${fresh.id}"]`).waitFor();
    expect((await staff.request('POST', `/api/applications/${fresh.id}/status`, { status: 4 })).status).toBe(200);
    await expect.poll(() => page.textContent(`tr[data-application-id="${fresh.id}"] [data-cell="status"]`)).toMatch(/^4\. /);
    expect(await page.getAttribute('[data-application-detail]', 'data-application-detail'), 'the open application stays open').toBe(opened);
    await page.close();
  });
});
