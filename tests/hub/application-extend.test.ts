import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** The test hub's clock starts on Friday 27 Nov 2026, 08:00 in Hanoi (01:00 UTC). */
const FRIDAY_8 = '2026-11-27T01:00:00.000Z';
/** One working day from Friday morning: Monday 30 Nov, 17:00 in Hanoi. */
const MONDAY_17 = '2026-11-30T10:00:00.000Z';
const WEDNESDAY_17 = '2026-12-02T10:00:00.000Z';
const THURSDAY_17 = '2026-12-03T10:00:00.000Z';

interface Detail {
  id: number;
  code: string;
  secret: string;
  status: number;
  dueAt: string;
  originalDueAt: string;
  timing: { verdict: string };
  extensions: { at: string; by: string; fromDueAt: string; toDueAt: string; reason: string }[];
}

describe('late applications: a new promised date with an apology', () => {
  let hub: TestHub;
  let procedureId: number;

  const post = (url: string, payload: unknown, token = hub.tokens.staff) => hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
  const get = (url: string, token = hub.tokens.staff) => hub.app.inject({ method: 'GET', url, headers: bearer(token) });
  const at = async (instant: string) => {
    hub.clock.set(instant);
    await hub.signIn();
  };
  const receive = async () => {
    const reply = await post('/api/applications', { procedureId, applicant: { fullName: 'Trần Thị Bình' } });
    expect(reply.statusCode, reply.body).toBe(201);
    return reply.json<Detail>();
  };
  const move = async (id: number, status: number) => expect((await post(`/api/applications/${id}/status`, { status })).statusCode).toBe(200);
  const extend = (id: number, dueAt: string, reason = 'Cần xác minh thêm với UBND xã nơi cư trú trước đây', token?: string) => post(`/api/applications/${id}/extend`, { dueAt, reason }, token);

  beforeAll(async () => {
    hub = await createTestHub();
    const procedure = await post('/api/procedures', { code: '1.001193', name: 'Đăng ký khai sinh', serviceId: hub.centre.b.id, processingDays: 1, level: 'mot-phan' }, hub.tokens.admin);
    procedureId = procedure.json<{ id: number }>().id;
  });
  afterAll(() => hub.close());

  it('shows the citizen the new date, keeps the original promise for the verdict, and the report still counts it late', async () => {
    await at(FRIDAY_8);
    const application = await receive();
    expect(application.dueAt).toBe(MONDAY_17);
    await move(application.id, 4);

    await at('2026-11-30T09:00:00.000Z'); // Monday 16:00: about to be late
    const extended = await extend(application.id, WEDNESDAY_17);
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json()).toMatchObject({
      dueAt: WEDNESDAY_17,
      originalDueAt: MONDAY_17,
      timing: { verdict: 'in_time' },
      extensions: [{ at: '2026-11-30T09:00:00.000Z', by: 'staff1', fromDueAt: MONDAY_17, toDueAt: WEDNESDAY_17, reason: 'Cần xác minh thêm với UBND xã nơi cư trú trước đây' }],
    });

    // The citizen's lookup, the list and the detail all promise the new date.
    const lookup = await hub.app.inject({ method: 'GET', url: `/api/applications/lookup?code=${application.code}&secret=${application.secret}` });
    expect(lookup.json()).toMatchObject({ dueAt: WEDNESDAY_17 });
    const list = (await get('/api/applications')).json<{ entries: { id: number; dueAt: string }[] }>();
    expect(list.entries.find((entry) => entry.id === application.id)?.dueAt).toBe(WEDNESDAY_17);
    expect((await get(`/api/applications/${application.id}`, hub.tokens.technician)).json()).toMatchObject({ dueAt: WEDNESDAY_17, originalDueAt: MONDAY_17 });

    // Past the original promise (Monday 17:00) the verdict is overdue, though the new date is still ahead.
    await at('2026-12-01T01:00:00.000Z'); // Tuesday 08:00
    expect((await get(`/api/applications/${application.id}`)).json()).toMatchObject({ dueAt: WEDNESDAY_17, timing: { verdict: 'overdue' } });
    await move(application.id, 9);
    const done = (await get(`/api/applications/${application.id}`)).json<Detail>();
    expect(done.timing.verdict).toBe('late');

    const report = await get('/api/reports/applications?from=2026-11-27&to=2026-11-27', hub.tokens.admin);
    expect(report.json()).toMatchObject({ total: 1, onTime: 0, late: 1, inProgressNotDue: 0, onTimeRate: 0 });

    // Finished: no more extensions.
    const again = await extend(application.id, THURSDAY_17);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'application.finished', details: { status: 9 } } });

    // Audited with both dates (not the reason, nor the applicant).
    const audit = (await get('/api/audit?action=application.extended', hub.tokens.admin)).json<{ entries: { action: string; actor: { name: string }; details: Record<string, unknown> }[] }>();
    expect(audit.entries).toEqual([
      expect.objectContaining({
        action: 'application.extended',
        actor: expect.objectContaining({ name: 'staff1' }),
        details: { applicationId: application.id, code: application.code, fromDueAt: MONDAY_17, toDueAt: WEDNESDAY_17 },
      }),
    ]);
  });

  it('takes a second extension from the date promised by the first', async () => {
    await at(FRIDAY_8);
    const application = await receive();
    await at('2026-11-30T08:00:00.000Z');
    expect((await extend(application.id, WEDNESDAY_17)).statusCode).toBe(200);
    const second = await extend(application.id, THURSDAY_17, 'Chờ kết quả xác minh');
    expect(second.json<Detail>().extensions.map((e) => [e.fromDueAt, e.toDueAt])).toEqual([
      [MONDAY_17, WEDNESDAY_17],
      [WEDNESDAY_17, THURSDAY_17],
    ]);
    expect(second.json<Detail>().dueAt).toBe(THURSDAY_17);
  });

  it('refuses a date not later than the promised one, a date in the past, an empty reason, an unknown application, a withdrawn one', async () => {
    await at(FRIDAY_8);
    const application = await receive();
    await at('2026-11-30T02:00:00.000Z'); // Monday 09:00

    const notLater = await extend(application.id, MONDAY_17);
    expect(notLater.statusCode).toBe(400);
    expect(notLater.json()).toMatchObject({ error: { code: 'application.extension_invalid', details: { currentDueAt: MONDAY_17 } } });
    const earlier = await extend(application.id, '2026-11-30T05:00:00.000Z');
    expect(earlier.json()).toMatchObject({ error: { code: 'application.extension_invalid' } });
    const past = await extend(application.id, '2026-11-29T10:00:00.000Z');
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ error: { code: 'application.extension_invalid' } });

    for (const body of [{ dueAt: WEDNESDAY_17, reason: '   ' }, { dueAt: WEDNESDAY_17 }, { dueAt: 'thứ tư', reason: 'x' }, { dueAt: WEDNESDAY_17, reason: 'x'.repeat(501) }]) {
      const reply = await post(`/api/applications/${application.id}/extend`, body);
      expect(reply.statusCode, JSON.stringify(body)).toBe(400);
      expect(reply.json().error.code).toBe('request.invalid');
    }
    expect((await extend(99_999, WEDNESDAY_17)).json()).toMatchObject({ error: { code: 'application.not_found' } });
    expect((await extend(application.id, WEDNESDAY_17, 'x', hub.tokens.technician)).statusCode).toBe(403);
    // Nothing of the refused ones was kept.
    expect((await get(`/api/applications/${application.id}`)).json<Detail>().extensions).toEqual([]);

    await move(application.id, 7); // withdrawn by the citizen
    const withdrawn = await extend(application.id, WEDNESDAY_17);
    expect(withdrawn.statusCode).toBe(409);
    expect(withdrawn.json()).toMatchObject({ error: { code: 'application.finished', details: { status: 7 } } });
  });
});
