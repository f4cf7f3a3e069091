import { applicationPageUrl } from '@qms/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, receiveBirthRegistration, type TestHub } from '../support/test-hub.js';

/** dd/MM/yyyy HH:mm in Hanoi, as the page must write it. */
const hanoi = (iso: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
};

/** The application's page that the receipt's QR opens (/a/CODE/SECRET), through app.inject on a real hub. */
describe("an application's page for the citizen's phone", () => {
  let hub: TestHub;
  let received: { id: number; code: string; secret: string; dueAt: string; receivedAt: string };

  beforeAll(async () => {
    hub = await createTestHub();
    const reply = await receiveBirthRegistration(hub, { fullName: 'Nguyễn Văn An', phone: '0912345678', idNumber: '001203012345' });
    expect(reply.statusCode, reply.body).toBe(201);
    received = reply.json();
    const hotline = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { hotline: '0243 123 4567' } });
    expect(hotline.statusCode, hotline.body).toBe(200);
  });
  afterAll(() => hub.close());

  /** The page's path as the receipt's QR holds it. */
  const path = (code: string, secret: string) => new URL(applicationPageUrl('http://hub.local:8080', code, secret)).pathname;
  const open = (url: string, remoteAddress = '10.0.1.1') => hub.app.inject({ method: 'GET', url, remoteAddress });
  const setStatus = (status: number) =>
    hub.app.inject({ method: 'POST', url: `/api/applications/${received.id}/status`, headers: bearer(hub.tokens.staff), payload: { status } }).then((r) => expect(r.statusCode, r.body).toBe(200));

  it('shows the status in both languages, the dates in Hanoi time, the procedure, the masked name, the hotline and the feedback form', async () => {
    const page = await open(path(received.code, received.secret));
    expect(page.statusCode, page.body).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    const html = page.body;
    expect(html).toContain(`data-application-code="${received.code}"`);
    expect(html).toContain('data-application-status="2"');
    expect(html).toContain(`data-due-at="${received.dueAt}"`);
    expect(html).toContain(hanoi(received.dueAt));
    expect(html).toContain(hanoi(received.receivedAt));
    expect(hanoi(received.receivedAt)).toBe('27/11/2026 08:00');
    for (const text of ['Được tiếp nhận', 'Received', 'Đăng ký khai sinh', '1.001193', 'N*** V** A*', '0243 123 4567', 'href="tel:02431234567"']) expect(html).toContain(text);
    expect(html).toContain(`data-feedback-form data-about="${received.code}"`);
    expect(html).not.toContain('data-result-ready');
    // Nothing of the person but the masked name; not the secret; no inline script or style.
    for (const secret of ['Nguyễn Văn An', '0912345678', '001203012345', '001******345', received.secret]) expect(html).not.toContain(secret);
    expect(html).not.toMatch(/<script>|<style|style="/);
    expect(html).toContain('<script src="/a/citizen.js" defer></script>');
  });

  it('answers a wrong code and a wrong secret with the same "not found" page', async () => {
    const wrongSecret = received.secret === '222222' ? '333333' : '222222';
    const bySecret = await open(path(received.code, wrongSecret), '10.0.1.2');
    const byCode = await open(path('UBND-261127-0999', received.secret), '10.0.1.2');
    const notACode = await open('/a/nonsense/ABCDEF', '10.0.1.2');
    for (const reply of [bySecret, byCode, notACode]) {
      expect(reply.statusCode).toBe(404);
      expect(reply.body).toBe(bySecret.body);
    }
    expect(bySecret.body).toContain('Không tìm thấy hồ sơ');
    expect(bySecret.body).toContain('0243 123 4567');
    expect(bySecret.body).not.toContain(received.code);
  });

  it('shares the lookup limit per address with GET /api/applications/lookup: 10 a minute in all, then 429 in words', async () => {
    const address = '10.0.1.3';
    for (let i = 0; i < 5; i++) expect((await open(path(received.code, received.secret), address)).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await open(`/api/applications/lookup?code=${received.code}&secret=${received.secret}`, address)).statusCode).toBe(200);
    const page = await open(path(received.code, received.secret), address);
    expect(page.statusCode).toBe(429);
    expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
    expect(page.body).toContain('Tra cứu quá nhiều lần');
    expect(page.body).toContain('Too many lookups');
    expect((await open(`/api/applications/lookup?code=${received.code}&secret=${received.secret}`, address)).json().error.code).toBe('application.too_many_lookups');
    expect((await open(path(received.code, received.secret), '10.0.1.4')).statusCode).toBe(200);
    hub.clock.advance(61_000);
    expect((await open(path(received.code, received.secret), address)).statusCode).toBe(200);
  });

  it('says the result is ready, and how to collect it, at status 9 only', async () => {
    await setStatus(4);
    const working = await open(path(received.code, received.secret), '10.0.1.5');
    expect(working.body).toContain('data-application-status="4"');
    expect(working.body).not.toContain('data-result-ready');
    await setStatus(9);
    const ready = (await open(path(received.code, received.secret), '10.0.1.5')).body;
    expect(ready).toContain('data-application-status="9"');
    expect(ready).toContain('data-result-ready');
    expect(ready).toContain('Hồ sơ đã có kết quả');
    expect(ready).toContain('quét mã QR trên Giấy tiếp nhận hồ sơ tại máy lấy số');
    expect(ready).toContain('The result is ready');
    await setStatus(10);
    const handed = (await open(path(received.code, received.secret), '10.0.1.5')).body;
    expect(handed).toContain('data-application-status="10"');
    expect(handed).not.toContain('data-result-ready');
  });

  it('serves its script and style under /a/ and /t/, and the ticket page under the same policy', async () => {
    for (const prefix of ['/a/', '/t/']) {
      const script = await open(`${prefix}citizen.js`);
      expect(script.statusCode).toBe(200);
      expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(script.body).toContain('data-feedback-form');
      expect(script.body).not.toMatch(/\?\.|\?\?/); // old phones' browsers
      new Function(script.body); // it parses
      const style = await open(`${prefix}citizen.css`);
      expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    }
    const ticket = (await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } })).json();
    const page = await open(`/t/${ticket.id}-${ticket.label}`);
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(page.body).toContain(`data-ticket-label="${ticket.label}"`);
    expect(page.body).toContain('data-ticket-status="waiting"');
    expect(page.body).toContain('data-ahead="0"');
    expect(page.body).toContain(`data-feedback-form data-about="${ticket.label}"`);
    expect(page.body).toContain('0243 123 4567');
  });
});
