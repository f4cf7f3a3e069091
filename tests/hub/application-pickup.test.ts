import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceInput } from '../support/centre.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

const AN = '001203012345';
const BINH = '079190000123';

/**
 * The kiosk's part of applications: a citizen's own applications by their scanned CCCD, and the
 * results-pickup ticket taken with the receipt's code and secret.
 */
describe('applications at the kiosk: by CCCD, and results pickup', () => {
  let hub: TestHub;
  let kiosk: string;
  let counter: string;
  let resultsId: number;
  let procedureId: number;
  const logLines: string[] = [];

  const receive = async (fullName: string, idNumber?: string) => {
    const reply = await hub.app.inject({
      method: 'POST',
      url: '/api/applications',
      headers: bearer(hub.tokens.staff),
      payload: { procedureId, applicant: { fullName, ...(idNumber ? { idNumber } : {}) } },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json<{ id: number; code: string; secret: string; dueAt: string }>();
  };
  const move = async (id: number, ...statuses: number[]) => {
    for (const status of statuses) {
      const reply = await hub.app.inject({ method: 'POST', url: `/api/applications/${id}/status`, headers: bearer(hub.tokens.staff), payload: { status } });
      expect(reply.statusCode, reply.body).toBe(200);
    }
  };
  const byCitizen = (idNumber: string, token = kiosk) => hub.app.inject({ method: 'POST', url: '/api/applications/by-citizen', headers: bearer(token), payload: { idNumber } });
  const pickup = (code: string, secret: string, token = kiosk, remoteAddress = '10.0.0.1') =>
    hub.app.inject({ method: 'POST', url: '/api/applications/pickup', headers: bearer(token), payload: { code, secret }, remoteAddress });

  beforeAll(async () => {
    hub = await createTestHub({ logger: pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) }) });
    kiosk = (await hub.pairDevice('kiosk')).token;
    const results = await hub.ctx.queue.call('createService', serviceInput('tra-ket-qua', 'R', { name: 'Trả kết quả', nameEn: 'Results', position: 3 }));
    resultsId = results.id;
    const resultsCounter = await hub.ctx.queue.call('createCounter', { number: 7, name: 'Quầy 7', serviceIds: [resultsId], status: 'open' });
    counter = (await hub.pairDevice('counter', resultsCounter.id)).token;
    const procedure = await hub.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: bearer(hub.tokens.admin),
      payload: { code: '1.001193', name: 'Đăng ký khai sinh', serviceId: hub.centre.b.id, processingDays: 3, level: 'mot-phan' },
    });
    procedureId = procedure.json().id;
  });
  afterAll(() => hub.close());

  describe('by CCCD', () => {
    it("lists only that citizen's applications, found by the digest, each as the lookup shows it", async () => {
      const first = await receive('Nguyễn Văn An', AN);
      hub.clock.advance(60_000);
      const second = await receive('Nguyễn Văn An', AN);
      await receive('Trần Thị Bình', BINH);
      await receive('Lê Văn Cường');
      await move(second.id, 4);
      const reply = await byCitizen(AN);
      expect(reply.statusCode, reply.body).toBe(200);
      const { applications } = reply.json<{ applications: Record<string, unknown>[] }>();
      expect(applications.map((a) => a.code)).toEqual([second.code, first.code]);
      expect(applications[0]).toEqual({
        code: second.code,
        status: 4,
        statusName: { vi: 'Đang xử lý', en: 'Being processed' },
        receivedAt: expect.any(String),
        dueAt: second.dueAt,
        procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
        applicantName: 'N*** V** A*',
      });
      expect((await byCitizen(BINH)).json().applications).toHaveLength(1);
      expect((await byCitizen('001203099999')).json()).toEqual({ applications: [] });
    });

    it('takes the number only in the body, 12 digits, and never writes it to the log or the audit', async () => {
      const short = await byCitizen('00120301234');
      expect(short.statusCode).toBe(400);
      expect(short.json().error.code).toBe('request.invalid');
      const audit = (await hub.app.inject({ method: 'GET', url: '/api/audit?action=application.looked_up_by_citizen', headers: bearer(hub.tokens.admin) })).json<{
        entries: { action: string; actor: { type: string }; details: { found: number } }[];
      }>();
      expect(audit.entries.length).toBeGreaterThanOrEqual(3);
      expect(audit.entries[0]).toMatchObject({ action: 'application.looked_up_by_citizen', actor: { type: 'device' }, details: { found: 0 } });
      const db = new Database(join(hub.dataDir, 'qms.db'), { readonly: true });
      const auditRows = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
      db.close();
      for (const text of [logLines.join('\n'), auditRows]) {
        expect(text).not.toContain(AN);
        expect(text).not.toContain(BINH);
        expect(text).not.toContain('00120301234');
      }
    });

    it('is for kiosks (and the admin): staff, counters and nobody are refused', async () => {
      expect((await byCitizen(AN, hub.tokens.staff)).json().error.code).toBe('auth.forbidden');
      expect((await byCitizen(AN, counter)).json().error.code).toBe('auth.forbidden');
      expect((await hub.app.inject({ method: 'POST', url: '/api/applications/by-citizen', payload: { idNumber: AN } })).json().error.code).toBe('auth.missing_token');
      expect((await byCitizen(AN, hub.tokens.admin)).statusCode).toBe(200);
    });
  });

  describe('results pickup', () => {
    let ready: { id: number; code: string; secret: string };

    it('is off until a results field is set: 409 application.pickup_off', async () => {
      ready = await receive('Phạm Thị Dung', '001190000777');
      await move(ready.id, 4, 9);
      const reply = await pickup(ready.code, ready.secret, kiosk, '10.1.0.1');
      expect(reply.statusCode, reply.body).toBe(409);
      expect(reply.json().error.code).toBe('application.pickup_off');
      const unknown = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { applications: { resultsServiceId: 9999 } } });
      expect(unknown.statusCode).toBe(400);
      const set = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { applications: { resultsServiceId: resultsId } } });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().applications.resultsServiceId).toBe(resultsId);
    });

    it('refuses an application that is not ready with 409 application.not_ready and its status', async () => {
      const pending = await receive('Hoàng Văn Em');
      await move(pending.id, 4);
      const reply = await pickup(pending.code, pending.secret, kiosk, '10.1.0.2');
      expect(reply.statusCode, reply.body).toBe(409);
      expect(reply.json().error).toMatchObject({ code: 'application.not_ready', details: { status: 4, statusName: { vi: 'Đang xử lý', en: 'Being processed' } } });
      expect((await hub.app.inject({ method: 'GET', url: `/api/tickets?serviceId=${resultsId}`, headers: bearer(hub.tokens.staff) })).json()).toEqual([]);
    });

    it('issues a ticket in the results field for a processed application, answered like an issue', async () => {
      const reply = await pickup(ready.code, ready.secret.toLowerCase(), kiosk, '10.1.0.3');
      expect(reply.statusCode, reply.body).toBe(201);
      expect(reply.json()).toMatchObject({
        label: 'R001',
        serviceId: resultsId,
        status: 'waiting',
        ahead: 0,
        replayed: false,
        application: {
          code: ready.code,
          status: 9,
          statusName: { vi: 'Đã xử lý xong', en: expect.any(String) },
          procedure: { name: 'Đăng ký khai sinh' },
          applicantName: 'P*** T** D***',
          dueAt: expect.any(String),
        },
      });
    });

    it('gives the same waiting ticket for the same application again (idempotent), and a new one once that ticket is gone', async () => {
      const first = (await pickup(ready.code, ready.secret, kiosk, '10.1.0.4')).json();
      const again = await pickup(ready.code, ready.secret, hub.tokens.staff, '10.1.0.4');
      expect(again.statusCode).toBe(201);
      expect(again.json()).toMatchObject({ id: first.id, label: 'R001', replayed: true });
      const tickets = (await hub.app.inject({ method: 'GET', url: `/api/tickets?serviceId=${resultsId}`, headers: bearer(hub.tokens.staff) })).json<unknown[]>();
      expect(tickets).toHaveLength(1);
      // Cancelled (the citizen left): scanning the receipt again gives a new number.
      expect((await hub.app.inject({ method: 'POST', url: `/api/tickets/${first.id}/cancel`, headers: bearer(hub.tokens.staff) })).statusCode).toBe(200);
      const next = (await pickup(ready.code, ready.secret, kiosk, '10.1.0.4')).json();
      expect(next).toMatchObject({ label: 'R002', replayed: false });
      const audit = (await hub.app.inject({ method: 'GET', url: '/api/audit?action=application.pickup_issued', headers: bearer(hub.tokens.admin) })).json<{ entries: unknown[] }>();
      expect(audit.entries).toHaveLength(2);
      expect(audit.entries[0]).toMatchObject({ ticketId: next.id, details: { applicationId: ready.id, code: ready.code, label: 'R002' } });
    });

    it('shows the application on the ticket to staff and the results counter, not to kiosks or displays; handing over sets 10', async () => {
      const ticket = (await hub.app.inject({ method: 'GET', url: `/api/tickets?serviceId=${resultsId}&status=waiting`, headers: bearer(hub.tokens.staff) })).json<{ id: number }[]>()[0];
      const detail = (token: string) => hub.app.inject({ method: 'GET', url: `/api/tickets/${ticket?.id}`, headers: bearer(token) });
      const expected = { id: ready.id, code: ready.code, status: 9, procedureName: 'Đăng ký khai sinh', applicantName: 'Phạm Thị Dung' };
      expect((await detail(hub.tokens.staff)).json().application).toEqual(expected);
      expect((await detail(counter)).json().application).toEqual(expected);
      expect((await detail(kiosk)).json().application).toBeUndefined();
      expect((await detail(hub.tokens.technician)).json().application).toBeUndefined();
      const display = (await hub.pairDevice('display')).token;
      expect((await detail(display)).json().application).toBeUndefined();
      // An ordinary ticket has none.
      const plain = (await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } })).json<{ id: number }>();
      expect((await hub.app.inject({ method: 'GET', url: `/api/tickets/${plain.id}`, headers: bearer(hub.tokens.staff) })).json().application).toBeUndefined();
      await move(ready.id, 10);
      expect((await detail(hub.tokens.staff)).json().application.status).toBe(10);
      // Handed over: no more pickup.
      const after = await pickup(ready.code, ready.secret, kiosk, '10.1.0.5');
      expect(after.json().error).toMatchObject({ code: 'application.not_ready', details: { status: 10 } });
    });

    it('answers a wrong code and a wrong secret with the same 404 as the lookup', async () => {
      const wrongSecret = ready.secret === '222222' ? '333333' : '222222';
      const bySecret = await pickup(ready.code, wrongSecret, kiosk, '10.1.0.6');
      const byCode = await pickup('UBND-261127-0999', ready.secret, kiosk, '10.1.0.6');
      const lookup = await hub.app.inject({ method: 'GET', url: `/api/applications/lookup?code=${ready.code}&secret=${wrongSecret}`, remoteAddress: '10.1.0.6' });
      for (const reply of [bySecret, byCode]) {
        expect(reply.statusCode).toBe(404);
        expect(reply.body).toBe(lookup.body);
      }
    });

    it('allows 10 attempts a minute per address, then 429 with Retry-After', async () => {
      for (let i = 0; i < 10; i++) expect((await pickup(ready.code, '222222', kiosk, '10.1.0.7')).statusCode).toBe(404);
      const refused = await pickup(ready.code, ready.secret, kiosk, '10.1.0.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('application.too_many_lookups');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      hub.clock.advance(61_000);
      expect((await pickup(ready.code, '222222', kiosk, '10.1.0.7')).statusCode).toBe(404);
    });

    it('is for kiosks and staff: counters, displays, technicians and nobody are refused', async () => {
      expect((await pickup(ready.code, ready.secret, counter, '10.1.0.8')).json().error.code).toBe('auth.forbidden');
      expect((await pickup(ready.code, ready.secret, hub.tokens.technician, '10.1.0.8')).json().error.code).toBe('auth.forbidden');
      const nobody = await hub.app.inject({ method: 'POST', url: '/api/applications/pickup', payload: { code: ready.code, secret: ready.secret } });
      expect(nobody.json().error.code).toBe('auth.missing_token');
    });
  });
});
