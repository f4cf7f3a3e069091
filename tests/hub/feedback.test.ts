import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

interface Feedback {
  id: number;
  text: string;
  phone: string | null;
  counterNumber: number | null;
  about: string | null;
  status: 'new' | 'in_progress' | 'answered';
  reply: string | null;
  createdAt: string;
  updatedAt: string | null;
  updatedBy: string | null;
}
type Page = { entries: Feedback[]; next: number | null };

/** POST /api/feedback (public, rate-limited per address), GET and PATCH /api/feedback (admin, audited), on a real SQLite file. */
describe("citizens' feedback", () => {
  let hub: TestHub;
  let logLines: string[];
  beforeEach(async () => {
    logLines = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    hub = await createTestHub({ logger });
  });
  afterEach(() => hub.close());

  const post = (payload: unknown, remoteAddress = '10.0.0.21') => hub.app.inject({ method: 'POST', url: '/api/feedback', payload: payload as never, remoteAddress });
  const list = async (query = '', token = hub.tokens.admin) => {
    const reply = await hub.app.inject({ method: 'GET', url: `/api/feedback${query}`, headers: bearer(token) });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<Page>();
  };
  const patch = (id: number, payload: unknown, token = hub.tokens.admin) => hub.app.inject({ method: 'PATCH', url: `/api/feedback/${id}`, headers: bearer(token), payload: payload as never });

  it('takes a message without signing in, trimmed, with the phone, counter and subject; the admin sees it', async () => {
    const reply = await post({ text: '  Quầy 2 hướng dẫn rất tận tình.  ', phone: '0912 345 678', counterNumber: 2, about: 'Đăng ký khai sinh' });
    expect(reply.statusCode, reply.body).toBe(201);
    const { id } = reply.json<{ id: number }>();
    expect(id).toBeGreaterThan(0);
    const { entries, next } = await list();
    expect(next).toBeNull();
    expect(entries).toEqual([
      {
        id,
        text: 'Quầy 2 hướng dẫn rất tận tình.',
        phone: '0912345678',
        counterNumber: 2,
        about: 'Đăng ký khai sinh',
        status: 'new',
        reply: null,
        createdAt: '2026-11-27T01:00:00.000Z',
        updatedAt: null,
        updatedBy: null,
      },
    ]);
    // Only the text is needed.
    expect((await post({ text: 'Nhà vệ sinh cần sạch hơn' }, '10.0.0.22')).statusCode).toBe(201);
  });

  it('refuses a text too short or too long once trimmed, a phone that is not Vietnamese, and unknown fields', async () => {
    const refusals = [
      { text: '   abcd   ' },
      { text: 'x'.repeat(2001) },
      { text: 'Góp ý hợp lệ', phone: '12345' },
      { text: 'Góp ý hợp lệ', phone: '+1 415 555 0100' },
      { text: 'Góp ý hợp lệ', counterNumber: 0 },
      { text: 'Góp ý hợp lệ', name: 'Nguyễn Văn A' },
      { phone: '0912345678' },
    ];
    for (const payload of refusals) {
      const reply = await post(payload);
      expect(reply.statusCode, JSON.stringify(payload)).toBe(400);
      expect(reply.json().error.code).toBe('request.invalid');
    }
    expect((await post({ text: 'x'.repeat(2000), phone: '+84 912 345 678' })).statusCode).toBe(201);
    // A refused phone number is not repeated in the answer.
    expect((await post({ text: 'Góp ý hợp lệ', phone: '0912-34' })).body).not.toContain('0912-34');
    expect((await list()).entries).toHaveLength(1);
  });

  it('takes 5 messages per address in any 10 minutes, then answers 429 feedback.too_many with Retry-After', async () => {
    for (let i = 1; i <= 5; i++) expect((await post({ text: `Góp ý số ${i}` })).statusCode).toBe(201);
    const refused = await post({ text: 'Góp ý số 6' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('feedback.too_many');
    expect(refused.headers['retry-after']).toBe('600');
    // Another address is not held back; invalid posts do not count against an address.
    expect((await post({ text: 'abc' }, '10.0.0.99')).statusCode).toBe(400);
    expect((await post({ text: 'Từ máy khác' }, '10.0.0.99')).statusCode).toBe(201);
    hub.clock.advance(4 * 60_000);
    expect((await post({ text: 'Góp ý số 6' })).headers['retry-after']).toBe('360');
    hub.clock.advance(6 * 60_000);
    expect((await post({ text: 'Góp ý số 6' })).statusCode).toBe(201);
    expect((await list()).entries).toHaveLength(7);
  });

  it("counts a paired kiosk's messages as the kiosk's (60 in 10 minutes), apart from its address; a made-up token counts as the address", async () => {
    const kiosk = await hub.pairDevice('kiosk');
    const fromKiosk = (text: string, token = kiosk.token) => hub.app.inject({ method: 'POST', url: '/api/feedback', remoteAddress: '10.0.0.5', headers: bearer(token), payload: { text } });
    for (let i = 1; i <= 60; i++) expect((await fromKiosk(`Góp ý tại kiosk ${i}`)).statusCode).toBe(201);
    const refused = await fromKiosk('Góp ý thứ 61');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('this kiosk');
    // The kiosk's address still has its own five for a browser on the same machine.
    expect((await fromKiosk('Từ trình duyệt', 'not-a-token')).statusCode).toBe(201);
    // A clerk's token is no kiosk: counted by address.
    for (let i = 1; i <= 4; i++) expect((await fromKiosk(`Từ nhân viên ${i}`, hub.tokens.staff)).statusCode).toBe(201);
    expect((await fromKiosk('Từ nhân viên 5', hub.tokens.staff)).statusCode).toBe(429);
  });

  it('lists newest first, by status, a page at a time', async () => {
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await post({ text: `Góp ý số ${i}` }, `10.0.1.${i}`)).json<{ id: number }>().id);
    expect((await patch(ids[1] as number, { status: 'answered', reply: 'Cảm ơn' })).statusCode).toBe(200);
    expect((await patch(ids[3] as number, { status: 'in_progress' })).statusCode).toBe(200);

    const first = await list('?limit=2');
    expect(first.entries.map((item) => item.id)).toEqual([ids[4], ids[3]]);
    expect(first.next).toBe(ids[3]);
    const second = await list(`?limit=2&before=${first.next}`);
    expect(second.entries.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const last = await list(`?limit=2&before=${second.next}`);
    expect(last.entries.map((item) => item.id)).toEqual([ids[0]]);
    expect(last.next).toBeNull();

    expect((await list('?status=new')).entries.map((item) => item.id)).toEqual([ids[4], ids[2], ids[0]]);
    expect((await list('?status=answered')).entries.map((item) => item.id)).toEqual([ids[1]]);
    expect((await list('?status=')).entries).toHaveLength(5); // an empty filter, as a form sends it
    expect((await hub.app.inject({ method: 'GET', url: '/api/feedback?status=done', headers: bearer(hub.tokens.admin) })).statusCode).toBe(400);
  });

  it('sets the status and the reply, records who and when, and audits it without the texts', async () => {
    const { id } = (await post({ text: 'Chờ quá lâu ở quầy 3', phone: '0987654321' })).json<{ id: number }>();
    hub.clock.advance(30 * 60_000);
    const answered = await patch(id, { status: 'answered', reply: '  Chúng tôi đã bổ sung một quầy vào giờ cao điểm.  ' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ id, status: 'answered', reply: 'Chúng tôi đã bổ sung một quầy vào giờ cao điểm.', updatedAt: '2026-11-27T01:30:00.000Z', updatedBy: 'admin1' });
    // No reply field keeps the reply; an empty one removes it.
    expect((await patch(id, { status: 'in_progress' })).json()).toMatchObject({ status: 'in_progress', reply: 'Chúng tôi đã bổ sung một quầy vào giờ cao điểm.' });
    expect((await patch(id, { status: 'new', reply: ' ' })).json()).toMatchObject({ status: 'new', reply: null });

    const audit = await hub.app.inject({ method: 'GET', url: '/api/audit?action=feedback.', headers: bearer(hub.tokens.technician) });
    expect(audit.json<{ entries: { action: string; actor: { name: string }; details: unknown }[] }>().entries.map(({ action, actor, details }) => ({ action, actor: actor.name, details }))).toEqual([
      { action: 'feedback.updated', actor: 'admin1', details: { feedbackId: id, from: 'in_progress', status: 'new', replied: false, replyChanged: true } },
      { action: 'feedback.updated', actor: 'admin1', details: { feedbackId: id, from: 'answered', status: 'in_progress', replied: true, replyChanged: false } },
      { action: 'feedback.updated', actor: 'admin1', details: { feedbackId: id, from: 'new', status: 'answered', replied: true, replyChanged: true } },
    ]);
    const log = JSON.stringify(hub.ctx.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['Chờ quá lâu', '0987654321', 'bổ sung một quầy']) expect(log).not.toContain(secret);

    const missing = await patch(9999, { status: 'answered' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('feedback.not_found');
    expect((await patch(id, { status: 'closed' })).statusCode).toBe(400);
  });

  it('lets only the admin read and answer: a technician, a clerk and a station are refused', async () => {
    const { id } = (await post({ text: 'Góp ý cho quản trị viên' })).json<{ id: number }>();
    const kiosk = (await hub.pairDevice('kiosk')).token;
    for (const token of [hub.tokens.technician, hub.tokens.staff, kiosk]) {
      const read = await hub.app.inject({ method: 'GET', url: '/api/feedback', headers: bearer(token) });
      expect(read.statusCode).toBe(403);
      expect((await patch(id, { status: 'answered' }, token)).statusCode).toBe(403);
    }
    expect((await hub.app.inject({ method: 'GET', url: '/api/feedback' })).statusCode).toBe(401);
    expect((await list()).entries[0]?.status).toBe('new');
  });

  it('gives back an HTML-looking text as the same string, and never logs the text or the phone', async () => {
    const text = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \u2028 ok';
    const { id } = (await post({ text, phone: '+84912345678', about: '<b>thủ tục</b>' })).json<{ id: number }>();
    const item = (await list()).entries.find((entry) => entry.id === id);
    expect(item?.text).toBe(text);
    expect(item?.about).toBe('<b>thủ tục</b>');
    await patch(id, { status: 'answered', reply: '<i>đã xử lý</i>' });
    expect((await list()).entries[0]?.reply).toBe('<i>đã xử lý</i>');

    const all = logLines.join('\n');
    expect(all).toContain('feedback received'); // the log is on, and says a message came
    for (const secret of ['script', '912345678', 'thủ tục', 'đã xử lý']) expect(all).not.toContain(secret);
  });
});
