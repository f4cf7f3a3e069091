import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoApplications } from '../../apps/hub/src/demo/demo-applications.js';
import { bearer, createTestHub, receiveBirthRegistration, type TestHub } from '../support/test-hub.js';

const CCCD = '001203012345';

describe('applications: the public lookup, and what is never kept in clear', () => {
  let hub: TestHub;
  const logLines: string[] = [];
  let received: { id: number; code: string; secret: string; dueAt: string };

  beforeAll(async () => {
    hub = await createTestHub({ logger: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }) });
    const reply = await receiveBirthRegistration(hub, { fullName: 'Nguyễn Văn An', idNumber: CCCD });
    expect(reply.statusCode, reply.body).toBe(201);
    received = reply.json();
    expect(reply.json().applicant.idMasked).toBe('001******345');
  });
  afterAll(() => hub.close());

  const lookup = (query: string, remoteAddress = '10.0.0.1') => hub.app.inject({ method: 'GET', url: `/api/applications/lookup?${query}`, remoteAddress });

  it('shows the status, the dates, the procedure and the masked name for the right code and secret (case and spaces forgiven)', async () => {
    const reply = await lookup(`code=${received.code.toLowerCase()}&secret=${encodeURIComponent(` ${received.secret.slice(0, 3)}-${received.secret.slice(3).toLowerCase()} `)}`);
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toEqual({
      code: received.code,
      status: 2,
      statusName: { vi: 'Được tiếp nhận', en: 'Received' },
      receivedAt: '2026-11-27T01:00:00.000Z',
      dueAt: received.dueAt,
      procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
      applicantName: 'N*** V** A*',
    });
  });

  it('answers a wrong code and a wrong secret with the same 404', async () => {
    const wrongSecret = received.secret === '222222' ? '333333' : '222222';
    const bySecret = await lookup(`code=${received.code}&secret=${wrongSecret}`, '10.0.0.2');
    const byCode = await lookup(`code=UBND-261127-0999&secret=${received.secret}`, '10.0.0.2');
    const notACode = await lookup(`code=nonsense&secret=${received.secret}`, '10.0.0.2');
    for (const reply of [bySecret, byCode, notACode]) {
      expect(reply.statusCode).toBe(404);
      expect(reply.body).toBe(bySecret.body);
    }
    expect(bySecret.json().error.code).toBe('application.not_found');
  });

  it('allows 10 lookups a minute per address, then 429 with Retry-After', async () => {
    for (let i = 0; i < 10; i++) expect((await lookup(`code=${received.code}&secret=${received.secret}`, '10.0.0.3')).statusCode).toBe(200);
    const refused = await lookup(`code=${received.code}&secret=${received.secret}`, '10.0.0.3');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('application.too_many_lookups');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    expect((await lookup(`code=${received.code}&secret=${received.secret}`, '10.0.0.4')).statusCode).toBe(200);
    hub.clock.advance(61_000);
    expect((await lookup(`code=${received.code}&secret=${received.secret}`, '10.0.0.3')).statusCode).toBe(200);
  });

  it("a paired kiosk has a budget of its own (its citizens share its address): 60 a minute, not the address's 10", async () => {
    const { token } = await hub.pairDevice('kiosk');
    const atKiosk = () => hub.app.inject({ method: 'GET', url: `/api/applications/lookup?code=${received.code}&secret=${received.secret}`, remoteAddress: '10.0.0.5', headers: bearer(token) });
    for (let i = 0; i < 60; i++) expect((await atKiosk()).statusCode).toBe(200);
    const refused = await atKiosk();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toMatch(/^too many lookups from this kiosk; try again in \d+ s$/);
    // Its address's own budget was not spent, nor does another token count as the kiosk's.
    expect((await lookup(`code=${received.code}&secret=${received.secret}`, '10.0.0.5')).statusCode).toBe(200);
    const { token: display } = await hub.pairDevice('display');
    const asDisplay = () => hub.app.inject({ method: 'GET', url: `/api/applications/lookup?code=${received.code}&secret=${received.secret}`, remoteAddress: '10.0.0.6', headers: bearer(display) });
    for (let i = 0; i < 10; i++) expect((await asDisplay()).statusCode).toBe(200);
    expect((await asDisplay()).statusCode).toBe(429);
    hub.clock.advance(61_000);
    expect((await atKiosk()).statusCode).toBe(200);
  });

  it('keeps neither the secret nor the CCCD number in the database, and logs neither', async () => {
    const db = new Database(join(hub.dataDir, 'qms.db'), { readonly: true });
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    const rows = tables.map((table) => JSON.stringify(db.prepare(`SELECT * FROM "${table}"`).all())).join('\n');
    db.close();
    expect(rows).toContain('001******345');
    expect(rows).not.toContain(CCCD);
    expect(rows).not.toContain(received.secret);
    // Not even in a page of the files (freed pages, the WAL).
    for (const file of ['qms.db', 'qms.db-wal']) {
      const bytes = readFileSync(join(hub.dataDir, file)).toString('latin1');
      expect(bytes.includes(CCCD), file).toBe(false);
    }
    const logs = logLines.join('\n');
    expect(logs).toContain('application received');
    expect(logs).not.toContain(CCCD);
    expect(logs).not.toContain(received.secret);
  });
});

describe('applications: the on-time report', () => {
  let hub: TestHub;
  const at = async (instant: string) => {
    hub.clock.set(instant);
    await hub.signIn();
  };

  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(() => hub.close());

  it('counts a constructed set with a known answer', async () => {
    const admin = bearer(hub.tokens.admin);
    const procedure = async (code: string, processingDays: number) =>
      (
        await hub.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { code, name: `Thủ tục ${code}`, serviceId: hub.centre.a.id, processingDays, level: 'mot-phan' } })
      ).json<{
        id: number;
      }>().id;
    const oneDay = await procedure('1.000001', 1);
    const sameDay = await procedure('1.000002', 0);
    const receive = async (procedureId: number) =>
      (await hub.app.inject({ method: 'POST', url: '/api/applications', headers: bearer(hub.tokens.staff), payload: { procedureId, applicant: { fullName: 'Lê Văn B' } } })).json<{ id: number }>().id;
    const move = async (id: number, status: number) => {
      const reply = await hub.app.inject({ method: 'POST', url: `/api/applications/${id}/status`, headers: bearer(hub.tokens.staff), payload: { status } });
      expect(reply.statusCode, reply.body).toBe(200);
    };

    await at('2026-11-26T02:00:00.000Z'); // Thu 09:00
    const overdue = await receive(oneDay); // due Fri 27 17:00, still at 2 on Monday: overdue
    await at('2026-11-27T01:00:00.000Z'); // Fri 08:00
    const onTime = await receive(oneDay);
    await move(onTime, 4);
    await move(onTime, 9); // handled the same day: on time
    const late = await receive(sameDay); // due Fri 17:00, processed Monday: late
    await move(late, 4);
    const withdrawn = await receive(oneDay);
    await move(withdrawn, 7);
    await receive(oneDay); // due Mon 30 17:00, still at 2 on Monday noon: not due
    const twice = await receive(oneDay);
    await move(twice, 5);
    await at('2026-11-27T02:00:00.000Z');
    await move(twice, 4);
    await at('2026-11-27T03:00:00.000Z');
    await move(twice, 5); // documents asked twice, the pause still open on Monday: due Tue, but it cannot end on time
    await at('2026-11-30T02:00:00.000Z'); // Mon 09:00
    await move(late, 9);
    await at('2026-11-30T05:00:00.000Z'); // Mon 12:00: the report's now

    const report = async (from: string, to: string) => hub.app.inject({ method: 'GET', url: `/api/reports/applications?from=${from}&to=${to}`, headers: bearer(hub.tokens.admin) });
    expect((await report('2026-11-26', '2026-11-27')).json()).toEqual({
      from: '2026-11-26',
      to: '2026-11-27',
      total: 6,
      withdrawn: 1,
      onTime: 1,
      late: 1,
      inProgressNotDue: 1,
      inProgressOverdue: 1,
      inProgressRequestedTwice: 1,
      onTimeRate: 0.4, // (1 on time + 1 not due) / (6 - 1 withdrawn)
    });
    expect((await report('2026-11-27', '2026-11-27')).json()).toMatchObject({ total: 5, inProgressOverdue: 0, onTimeRate: 0.5 });
    // Nothing counted: the rate is null, not 100 %.
    expect((await report('2026-10-01', '2026-10-31')).json()).toMatchObject({ total: 0, onTimeRate: null });
    expect((await report('2026-11-27', '2026-11-26')).json()).toMatchObject({ error: { code: 'request.invalid' } });
    const read = await hub.app.inject({ method: 'GET', url: `/api/applications/${overdue}`, headers: bearer(hub.tokens.staff) });
    expect(read.json()).toMatchObject({ status: 2, dueAt: '2026-11-27T10:00:00.000Z', timing: { verdict: 'overdue' } });
  });

  it('seeds the demo applications in every status from 1 to 10, each with its history', async () => {
    const before = hub.ctx.db.prepare<[], number>('SELECT count(*) FROM applications').pluck().get() ?? 0;
    const seeded = await seedDemoApplications(hub.ctx);
    const statuses = hub.ctx.db.prepare<[number], string>('SELECT DISTINCT status FROM applications WHERE id > ?').pluck().all(before);
    expect(seeded).toBe(11);
    expect(new Set(statuses)).toEqual(new Set(['registered', 'received', 'refused', 'processing', 'awaiting_documents', 'awaiting_payment', 'withdrawn', 'stopped', 'processed', 'returned']));
    const list = (await hub.app.inject({ method: 'GET', url: '/api/applications?limit=11', headers: bearer(hub.tokens.staff) })).json<{ entries: { id: number }[] }>();
    for (const { id } of list.entries) {
      const read = (await hub.app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: bearer(hub.tokens.staff) })).json<{ status: number; history: { status: number }[] }>();
      expect(read.history.at(-1)?.status).toBe(read.status);
      expect([1, 2]).toContain(read.history[0]?.status);
    }
  });
});
