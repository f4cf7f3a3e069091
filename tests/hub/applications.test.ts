import { APPLICATION_STATUS_INFO, type ApplicationStatus, nextStatuses } from '@qms/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** The test hub's clock starts on Friday 27 Nov 2026, 08:00 in Hanoi (01:00 UTC). */
const FRIDAY_8 = '2026-11-27T01:00:00.000Z';

interface Received {
  id: number;
  code: string;
  secret: string;
  status: number;
  dueAt: string;
  receivedAt: string;
  timing: { verdict: string; pausedWorkingDays: number };
  history: { from: number | null; status: number; by: string; note: string | null }[];
}

const code = (status: ApplicationStatus) => APPLICATION_STATUS_INFO[status].code;

describe('applications: receive, move, read', () => {
  let hub: TestHub;
  let procedureId: number;

  const post = (url: string, payload: unknown, token = hub.tokens.staff) => hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
  const receive = async (body: Record<string, unknown> = {}) => {
    const reply = await post('/api/applications', { procedureId, applicant: { fullName: 'Nguyễn Văn An' }, ...body });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json<Received>();
  };
  /** Sets the fake clock and signs the users in again (a session ends after its idle time). */
  const at = async (instant: string) => {
    hub.clock.set(instant);
    await hub.signIn();
  };
  const move = (id: number, status: ApplicationStatus, note?: string) => post(`/api/applications/${id}/status`, note === undefined ? { status: code(status) } : { status: code(status), note });

  beforeAll(async () => {
    hub = await createTestHub();
    const procedure = await hub.app.inject({
      method: 'POST',
      url: '/api/procedures',
      headers: bearer(hub.tokens.admin),
      payload: { code: '1.001193', name: 'Đăng ký khai sinh', serviceId: hub.centre.b.id, processingDays: 3, level: 'mot-phan' },
    });
    procedureId = procedure.json<{ id: number }>().id;
  });
  afterAll(() => hub.close());

  it('receives an application: status 2, the code of the day, the due date three working days later at 17:00', async () => {
    await at(FRIDAY_8);
    const first = await receive({ applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678' }, documents: [{ name: 'Tờ khai', original: 1 }] });
    expect(first).toMatchObject({
      status: 2,
      statusName: { vi: 'Được tiếp nhận', en: 'Received' },
      code: 'UBND-261127-0001',
      receivedAt: FRIDAY_8,
      // Fri 27 counts (before the cut-off): Mon 30, Tue 1, Wed 2 Dec; 17:00 in Hanoi is 10:00 UTC.
      dueAt: '2026-12-02T10:00:00.000Z',
      procedure: { id: procedureId, code: '1.001193', name: 'Đăng ký khai sinh' },
      applicant: { fullName: 'Nguyễn Văn An', phone: '0912345678', address: null, idMasked: null },
      documents: [{ name: 'Tờ khai', original: 1, copies: null }],
      channel: 'counter',
      timing: { verdict: 'in_time', pausedWorkingDays: 0 },
      history: [{ from: null, status: 2, by: 'staff1', note: null }],
    });
    expect(first.secret).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/);
    expect((await receive()).code).toBe('UBND-261127-0002');
  });

  it('numbers each day from 1, and never gives two receipts arriving together the same sequence', async () => {
    await at('2026-11-28T02:00:00.000Z'); // Saturday
    const together = await Promise.all(Array.from({ length: 6 }, () => receive()));
    expect(together.map((a) => a.code).sort()).toEqual(['0001', '0002', '0003', '0004', '0005', '0006'].map((n) => `UBND-261128-${n}`));
    // Received on a Saturday: counts from Monday 30; 3 days: Tue, Wed, Thu.
    expect(together[0]?.dueAt).toBe('2026-12-03T10:00:00.000Z');
  });

  it('counts a receipt after the cut-off from the next working day, and skips a holiday', async () => {
    const patch = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { applications: { holidays: ['2026-12-01'], centreCode: 'XAAN' } } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().applications).toEqual({ centreCode: 'XAAN', cutoff: '16:00', officeEnd: '17:00', holidays: ['2026-12-01'], resultsServiceId: null });
    await at('2026-11-27T10:00:00.000Z'); // Friday 17:00
    // 16:00:00 is still in time: Fri counts; Mon 30, (Tue 1 off), Wed 2, Thu 3.
    const inTime = await receive({ receivedAt: '2026-11-27T09:00:00.000Z' });
    expect(inTime.code).toBe('XAAN-261127-0003');
    expect(inTime.dueAt).toBe('2026-12-03T10:00:00.000Z');
    // 16:00:01: counts from Monday 30; Wed 2, Thu 3, Fri 4.
    const late = await receive({ receivedAt: '2026-11-27T09:00:01.000Z' });
    expect(late.dueAt).toBe('2026-12-04T10:00:00.000Z');
    const future = await post('/api/applications', { procedureId, applicant: { fullName: 'X' }, receivedAt: '2026-11-27T10:00:01.000Z' });
    expect(future.json()).toMatchObject({ error: { code: 'request.invalid' } });
    const bad = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { applications: { holidays: ['2026-02-30'] } } });
    expect(bad.json()).toMatchObject({ error: { code: 'config.invalid' } });
    await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { applications: { holidays: [], centreCode: 'UBND' } } });
  });

  it('refuses an unknown procedure (404) and a malformed CCCD (400)', async () => {
    await at(FRIDAY_8);
    expect((await post('/api/applications', { procedureId: 9999, applicant: { fullName: 'X' } })).json()).toMatchObject({ error: { code: 'procedure.not_found' } });
    expect((await post('/api/applications', { procedureId, applicant: { fullName: 'X', idNumber: '12345' } })).json()).toMatchObject({ error: { code: 'request.invalid' } });
  });

  it('allows every move of the national rules from a received application, records it and audits it', async () => {
    await at('2026-11-30T02:00:00.000Z');
    // How to reach each status that has moves, from received (2).
    const paths: Partial<Record<ApplicationStatus, ApplicationStatus[]>> = {
      received: [],
      processing: ['processing'],
      awaiting_documents: ['awaiting_documents'],
      awaiting_payment: ['awaiting_payment'],
      processed: ['processing', 'processed'],
    };
    let moves = 0;
    for (const [from, path] of Object.entries(paths) as [ApplicationStatus, ApplicationStatus[]][]) {
      for (const to of nextStatuses(from)) {
        const { id } = await receive();
        for (const step of path) expect((await move(id, step)).statusCode).toBe(200);
        const reply = await move(id, to, `to ${to}`);
        expect(reply.statusCode, `${from} → ${to}: ${reply.body}`).toBe(200);
        expect(reply.json<Received>().status).toBe(code(to));
        expect(reply.json<Received>().history.at(-1)).toEqual({ from: code(from), status: code(to), at: '2026-11-30T02:00:00.000Z', by: 'staff1', note: `to ${to}` });
        moves++;
      }
    }
    expect(moves).toBe(17);
    const audit = await hub.app.inject({ method: 'GET', url: '/api/audit?action=application.&limit=500', headers: bearer(hub.tokens.admin) });
    const actions = audit.json<{ entries: { action: string; actor: { name: string } }[] }>().entries.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'application.status_changed').length).toBeGreaterThanOrEqual(17);
    expect(actions).toContain('application.received');
  });

  it('refuses a move the rules do not allow with 409, naming both statuses in words', async () => {
    const { id } = await receive();
    const reply = await move(id, 'processed');
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.code).toBe('application.wrong_transition');
    expect(reply.json().error.message).toContain('Được tiếp nhận');
    expect(reply.json().error.message).toContain('Đã xử lý xong');
    expect((await move(id, 'refused')).statusCode).toBe(409); // 3 only from 1
    expect((await post('/api/applications/99999/status', { status: 4 })).json()).toMatchObject({ error: { code: 'application.not_found' } });
  });

  it('moves the due date later by the working days spent waiting for documents (5)', async () => {
    await at(FRIDAY_8);
    const { id, dueAt } = await receive();
    expect(dueAt).toBe('2026-12-02T10:00:00.000Z');
    await at('2026-11-27T03:00:00.000Z'); // Fri 10:00: documents requested
    await move(id, 'awaiting_documents');
    await at('2026-11-30T02:00:00.000Z'); // Mon 09:00: still waiting, Friday counts already
    expect((await hub.app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: bearer(hub.tokens.staff) })).json()).toMatchObject({
      dueAt: '2026-12-03T10:00:00.000Z',
      timing: { pausedWorkingDays: 1, documentRequests: 1 },
    });
    await move(id, 'processing');
    const read = (await hub.app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: bearer(hub.tokens.staff) })).json<Received>();
    expect(read.dueAt).toBe('2026-12-03T10:00:00.000Z');
    expect(read.history.map((change) => change.status)).toEqual([2, 5, 4]);
  });

  it('lists newest first, filtered and paged', async () => {
    const all = (await hub.app.inject({ method: 'GET', url: '/api/applications?limit=500', headers: bearer(hub.tokens.staff) })).json<{ entries: Received[]; next: number | null }>();
    const ids = all.entries.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page = (await hub.app.inject({ method: 'GET', url: '/api/applications?limit=2', headers: bearer(hub.tokens.staff) })).json<{ entries: Received[]; next: number }>();
    expect(page.entries.map((a) => a.id)).toEqual(ids.slice(0, 2));
    const older = (await hub.app.inject({ method: 'GET', url: `/api/applications?limit=2&before=${page.next}`, headers: bearer(hub.tokens.staff) })).json<{ entries: Received[] }>();
    expect(older.entries.map((a) => a.id)).toEqual(ids.slice(2, 4));
    const saturday = (await hub.app.inject({ method: 'GET', url: '/api/applications?from=2026-11-28&to=2026-11-28&limit=500', headers: bearer(hub.tokens.staff) })).json<{ entries: Received[] }>();
    expect(saturday.entries.map((a) => a.code).every((c) => c.startsWith('UBND-261128-'))).toBe(true);
    expect(saturday.entries).toHaveLength(6);
    const returned = (await hub.app.inject({ method: 'GET', url: '/api/applications?status=10', headers: bearer(hub.tokens.staff) })).json<{ entries: Received[] }>();
    expect(returned.entries.length).toBeGreaterThan(0);
    expect(returned.entries.every((a) => a.status === 10)).toBe(true);
    const byCode = (await hub.app.inject({ method: 'GET', url: '/api/applications?q=xaan-261127-0003', headers: bearer(hub.tokens.staff) })).json<{ entries: Received[] }>();
    expect(byCode.entries.map((a) => a.code)).toEqual(['XAAN-261127-0003']);
    const byName = (await hub.app.inject({ method: 'GET', url: '/api/applications?q=nguyen%20an&limit=1', headers: bearer(hub.tokens.staff) })).json<{ entries: Received[] }>();
    expect(byName.entries).toHaveLength(1);
  });
});
