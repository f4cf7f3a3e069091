import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

type Entry = { id: number; at: string; actor: { type: string; id: number | null; name: string }; action: string; ticketId: number | null; counterId: number | null; details: Record<string, unknown> };
type Page = { entries: Entry[]; next: number | null };

/** GET /api/audit: who did what, newest first, paged; written with each change, for people and stations alike. */
describe('audit log API', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const send = (method: 'POST' | 'PATCH', url: string, token: string, payload?: unknown) => hub.app.inject({ method, url, headers: bearer(token), payload: payload as never });
  const page = async (query = '', token = hub.tokens.technician) => (await hub.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: bearer(token) })).json<Page>();
  /** Entries newer than the id, newest first. */
  const since = async (id: number) => (await page('?limit=500')).entries.filter((entry) => entry.id > id);
  const latestId = async () => (await page('?limit=1')).entries[0]?.id ?? 0;

  it('records the test centre set up by the hub itself, then the sign-ins of its users, newest first', async () => {
    const { entries } = await page();
    expect(entries.map((entry) => entry.action)).toEqual([
      'user.login',
      'user.login',
      'user.login',
      'user.created',
      'user.created',
      'user.created',
      'counter.created',
      'counter.created',
      'counter.created',
      'service.created',
      'service.created',
      'service.created',
    ]);
    expect(entries.slice(0, 3).map((entry) => entry.actor.name)).toEqual(['staff1', 'technician1', 'admin1']);
    expect(entries.slice(3).every((entry) => entry.actor.type === 'system' && entry.actor.name === 'hub')).toBe(true);
    expect(entries[6]).toMatchObject({ action: 'counter.created', counterId: hub.centre.counter3.id, details: { number: 3, serviceIds: [hub.centre.c.id, hub.centre.a.id] } });
  });

  it('pages with limit and before, handing the cursor of the next page', async () => {
    const all = (await page('?limit=500')).entries;
    expect(all).toHaveLength(12);
    const first = await page('?limit=4');
    expect(first.entries).toEqual(all.slice(0, 4));
    expect(first.next).toBe(all[3]?.id);
    const second = await page(`?limit=4&before=${first.next}`);
    expect(second.entries).toEqual(all.slice(4, 8));
    const last = await page(`?limit=4&before=${second.next}`);
    expect(last).toEqual({ entries: all.slice(8), next: null });
    expect((await page(`?limit=1&before=${all.at(-1)?.id}`)).entries).toEqual([]);
  });

  it('records configuration, users and devices with the name of whoever did it, and no secret', async () => {
    const mark = await latestId();
    const admin = hub.tokens.admin;
    expect((await send('PATCH', `/api/services/${hub.centre.b.id}`, admin, { nameEn: 'Civil status' })).statusCode).toBe(200);
    expect((await send('PATCH', `/api/counters/${hub.centre.counter2.id}`, admin, { name: 'Quầy 2 – Hộ tịch' })).statusCode).toBe(200);
    expect((await send('PATCH', '/api/settings', admin, { maxWaitMinutes: 30, ratingScale: 5 })).statusCode).toBe(200);
    expect((await send('POST', '/api/users', admin, { username: 'quay9', role: 'staff', password: 'secret-password-9', displayName: 'Lê Thị Hoa' })).statusCode).toBe(201);
    expect((await send('POST', '/api/users/quay9/pin', admin, { pin: '864209' })).statusCode).toBe(200);
    expect((await send('POST', '/api/users/quay9/password', admin, { password: 'another-secret-9' })).statusCode).toBe(200);
    const { deviceId } = await hub.pairDevice('counter', hub.centre.counter2.id); // approved by technician1
    expect((await send('POST', `/api/devices/${deviceId}/revoke`, admin)).statusCode).toBe(200);
    // A refused change records nothing.
    expect((await send('PATCH', '/api/services/4242', admin, { nameEn: 'x' })).statusCode).toBe(404);
    expect((await send('POST', '/api/users', admin, { username: 'quay9', role: 'staff', password: 'secret-password-9' })).statusCode).toBe(409);

    const entries = await since(mark);
    const admin1 = { type: 'user', id: expect.any(Number), name: 'admin1' };
    expect(entries.map(({ action, actor, counterId, details }) => ({ action, actor, counterId, details }))).toEqual([
      { action: 'device.revoked', actor: admin1, counterId: hub.centre.counter2.id, details: { deviceId, kind: 'counter', name: 'counter test', was: 'approved' } },
      {
        action: 'device.approved',
        actor: { type: 'user', id: expect.any(Number), name: 'technician1' },
        counterId: hub.centre.counter2.id,
        details: { deviceId, kind: 'counter', name: 'counter test' },
      },
      { action: 'user.password_set', actor: admin1, counterId: null, details: { userId: expect.any(Number), username: 'quay9' } },
      { action: 'user.pin_set', actor: admin1, counterId: null, details: { userId: expect.any(Number), username: 'quay9' } },
      { action: 'user.created', actor: admin1, counterId: null, details: { userId: expect.any(Number), username: 'quay9', role: 'staff' } },
      { action: 'settings.updated', actor: admin1, counterId: null, details: { changes: { maxWaitMinutes: { from: 45, to: 30 }, ratingScale: { from: 4, to: 5 } } } },
      { action: 'counter.updated', actor: admin1, counterId: hub.centre.counter2.id, details: { number: 2, changes: { name: 'Quầy 2 – Hộ tịch' } } },
      { action: 'service.updated', actor: admin1, counterId: null, details: { serviceId: hub.centre.b.id, code: 'ho-tich', changes: { nameEn: 'Civil status' } } },
    ]);
    const text = JSON.stringify(hub.ctx.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['secret-password-9', 'another-secret-9', '864209', PASSWORD]) expect(text).not.toContain(secret);
  });

  it('names a clerk by display name, and records pauses, transfers, cancellations and a closed day', async () => {
    await send('POST', '/api/users', hub.tokens.admin, { username: 'quay1', role: 'staff', password: 'secret-password-1', displayName: 'Nguyễn Thị Lan' });
    await send('POST', '/api/users/quay1/pin', hub.tokens.admin, { pin: '2468' });
    const clerk = (await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'quay1', pin: '2468' } })).json<{ token: string }>().token;
    const mark = await latestId();
    const citizen = { name: 'PHẠM VĂN ĐỨC', idMasked: '038******771' };
    const a1 = (await send('POST', '/api/tickets', clerk, { serviceId: hub.centre.a.id, citizen })).json<{ id: number }>();
    const a2 = (await send('POST', '/api/tickets', clerk, { serviceId: hub.centre.a.id })).json<{ id: number }>();
    await send('POST', `/api/counters/${hub.centre.counter1.id}/pause`, clerk, { reason: 'break' });
    await send('POST', `/api/counters/${hub.centre.counter1.id}/open`, clerk);
    await send('POST', `/api/counters/${hub.centre.counter1.id}/call-next`, clerk);
    await send('POST', `/api/tickets/${a1.id}/transfer`, clerk, { serviceId: hub.centre.b.id });
    await send('POST', `/api/tickets/${a2.id}/cancel`, clerk);
    await send('POST', '/api/day/close', hub.tokens.admin);

    const entries = await since(mark);
    expect(entries.map((entry) => [entry.action, entry.actor.name, entry.ticketId])).toEqual([
      ['day.closed', 'admin1', null],
      ['ticket.cancelled', 'Nguyễn Thị Lan', a2.id],
      ['ticket.transferred', 'Nguyễn Thị Lan', a1.id],
      ['counter.resumed', 'Nguyễn Thị Lan', null],
      ['counter.paused', 'Nguyễn Thị Lan', null],
    ]);
    expect(entries[4]).toMatchObject({ counterId: hub.centre.counter1.id, details: { number: 1, reason: 'break' }, at: hub.clock.now().toISOString() });
    expect(entries[0]).toMatchObject({ details: { businessDay: '2026-11-27', cancelled: 1 } });
    const text = JSON.stringify(entries);
    for (const personal of ['PHẠM', 'ĐỨC', '038', '771']) expect(text).not.toContain(personal);
  });

  it('is for the administrator and the technician, and refuses a bad page', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/api/audit', headers: bearer(hub.tokens.staff) })).statusCode).toBe(403);
    expect((await page('', hub.tokens.admin)).entries.length).toBeGreaterThan(0);
    for (const query of ['?limit=0', '?limit=501', '?before=0', '?before=x', '?after=3']) {
      const reply = await hub.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: bearer(hub.tokens.technician) });
      expect([reply.statusCode, reply.json().error.code], query).toEqual([400, 'request.invalid']);
    }
  });
});
