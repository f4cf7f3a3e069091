import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

type Entry = { id: number; at: string; actor: { type: string; id: number | null; name: string }; action: string; details: Record<string, unknown> };
type Page = { entries: Entry[]; next: number | null };

/** GET /api/audit filtered by business day, actor and action (or group), paged with the filters; sign-ins recorded. */
describe('audit log filters and sign-ins', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const send = (method: 'POST' | 'PATCH', url: string, token: string, payload?: unknown) => hub.app.inject({ method, url, headers: bearer(token), payload: payload as never });
  const audit = (query: string) => hub.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: bearer(hub.tokens.technician) });
  const page = async (query: string) => {
    const reply = await audit(query);
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<Page>();
  };
  const actions = async (query: string) => (await page(query)).entries.map((entry) => entry.action);
  const login = (payload: Record<string, unknown>, remoteAddress = '10.0.0.7') => hub.app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress });
  const pauseAndOpen = async (counterId: number, token = hub.tokens.staff) => {
    expect((await send('POST', `/api/counters/${counterId}/pause`, token, { reason: 'break' })).statusCode).toBe(200);
    expect((await send('POST', `/api/counters/${counterId}/open`, token)).statusCode).toBe(200);
  };

  it('records a failed and a good sign-in with the method and the address, never the secret', async () => {
    await send('POST', '/api/users', hub.tokens.admin, { username: 'quay1', role: 'staff', password: 'secret-password-1', displayName: 'Nguyễn Thị Lan' });
    await send('POST', '/api/users/quay1/pin', hub.tokens.admin, { pin: '2468' });
    expect((await login({ username: 'quay1', password: 'wrong-password-1' })).statusCode).toBe(401);
    expect((await login({ username: 'quay1', pin: '1357' })).statusCode).toBe(401);
    expect((await login({ username: 'nobody', password: 'guess-1234' }, '10.0.0.8')).statusCode).toBe(401);
    expect((await login({ username: 'staff1', pin: '2468' })).statusCode).toBe(401); // staff1 has no PIN
    expect((await login({ username: 'quay1', pin: '2468' }, '10.0.0.9')).statusCode).toBe(200);

    const entries = (await page('?action=user.&limit=5')).entries;
    expect(entries.map(({ action, actor, details }) => ({ action, actor, details }))).toEqual([
      { action: 'user.login', actor: { type: 'user', id: expect.any(Number), name: 'Nguyễn Thị Lan' }, details: { userId: expect.any(Number), username: 'quay1', method: 'pin', address: '10.0.0.9' } },
      { action: 'user.login_failed', actor: { type: 'user', id: expect.any(Number), name: 'staff1' }, details: { username: 'staff1', method: 'pin', address: '10.0.0.7', reason: 'no_pin' } },
      { action: 'user.login_failed', actor: { type: 'system', id: null, name: 'sign-in' }, details: { username: 'nobody', method: 'password', address: '10.0.0.8', reason: 'unknown_user' } },
      { action: 'user.login_failed', actor: { type: 'user', id: expect.any(Number), name: 'Nguyễn Thị Lan' }, details: { username: 'quay1', method: 'pin', address: '10.0.0.7', reason: 'wrong_pin' } },
      {
        action: 'user.login_failed',
        actor: { type: 'user', id: expect.any(Number), name: 'Nguyễn Thị Lan' },
        details: { username: 'quay1', method: 'password', address: '10.0.0.7', reason: 'wrong_password' },
      },
    ]);
    const text = JSON.stringify(hub.ctx.db.prepare('SELECT * FROM audit_log').all());
    for (const secret of ['wrong-password-1', '1357', 'guess-1234', '2468', PASSWORD]) expect(text).not.toContain(secret);
    // A sign-in refused while the name is locked (429) is not recorded: a flood cannot fill the log.
    for (let i = 0; i < 5; i++) await login({ username: 'technician1', password: 'wrong' });
    const locked = await login({ username: 'technician1', password: 'wrong' });
    expect(locked.statusCode).toBe(429);
    expect((await page('?action=user.login_failed&actor=technician1&limit=100')).entries).toHaveLength(5);
  });

  it('filters by action, a group of actions, or the configuration changes', async () => {
    await pauseAndOpen(hub.centre.counter1.id);
    const ticket = (await send('POST', '/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id })).json<{ id: number }>();
    await send('POST', `/api/tickets/${ticket.id}/cancel`, hub.tokens.staff);
    await send('PATCH', `/api/services/${hub.centre.b.id}`, hub.tokens.admin, { nameEn: 'Civil status' });
    await send('PATCH', '/api/settings', hub.tokens.admin, { maxWaitMinutes: 30 });
    await hub.pairDevice('display');

    expect(await actions('?action=counter.paused')).toEqual(['counter.paused']);
    expect(await actions('?action=counter.')).toEqual(['counter.resumed', 'counter.paused', 'counter.created', 'counter.created', 'counter.created']);
    expect(await actions('?action=ticket.')).toEqual(['ticket.cancelled']);
    expect(await actions('?action=device.')).toEqual(['device.approved']);
    expect(await actions('?action=config.')).toEqual([
      'settings.updated',
      'service.updated',
      'counter.created',
      'counter.created',
      'counter.created',
      'service.created',
      'service.created',
      'service.created',
    ]);
    expect(await actions('?action=user.')).toEqual(['user.login', 'user.login', 'user.login', 'user.created', 'user.created', 'user.created']);
    expect(await actions('?action=user.password_set')).toEqual([]);
  });

  it('filters by actor: the name recorded, or a user name', async () => {
    await send('POST', '/api/users', hub.tokens.admin, { username: 'quay1', role: 'staff', password: 'secret-password-1', displayName: 'Nguyễn Thị Lan' });
    const clerk = (await login({ username: 'quay1', password: 'secret-password-1' })).json<{ token: string }>().token;
    await pauseAndOpen(hub.centre.counter2.id, clerk);
    await pauseAndOpen(hub.centre.counter3.id);
    const { deviceId } = await hub.pairDevice('counter', hub.centre.counter1.id);
    expect(deviceId).toBeGreaterThan(0);

    expect(await actions(`?actor=${encodeURIComponent('Nguyễn Thị Lan')}`)).toEqual(['counter.resumed', 'counter.paused', 'user.login']);
    expect(await actions('?actor=quay1')).toEqual(['counter.resumed', 'counter.paused', 'user.login']);
    expect(await actions('?actor=admin1')).toEqual(['user.created', 'user.login']);
    expect(await actions('?actor=technician1&action=device.')).toEqual(['device.approved']);
    expect(await actions('?actor=hub&action=service.')).toEqual(['service.created', 'service.created', 'service.created']);
    expect(await actions('?actor=Nguy')).toEqual([]); // exact, not a search
  });

  it("filters by the centre's business day, midnight to midnight in its time zone", async () => {
    // Friday 27 November, 23:59 in Hanoi (16:59 UTC), then Saturday 28th, 00:00 and 08:00.
    hub.clock.set('2026-11-27T16:59:00.000Z');
    await hub.signIn();
    await pauseAndOpen(hub.centre.counter1.id);
    hub.clock.set('2026-11-27T17:00:00.000Z');
    await pauseAndOpen(hub.centre.counter2.id);
    hub.clock.set('2026-11-28T01:00:00.000Z');
    await pauseAndOpen(hub.centre.counter3.id);

    const friday = (await page('?day=2026-11-27&action=counter.paused')).entries;
    expect(friday.map((entry) => [entry.at, entry.details.number])).toEqual([['2026-11-27T16:59:00.000Z', 1]]);
    const saturday = (await page('?day=2026-11-28&action=counter.paused')).entries;
    expect(saturday.map((entry) => [entry.at, entry.details.number])).toEqual([
      ['2026-11-28T01:00:00.000Z', 3],
      ['2026-11-27T17:00:00.000Z', 2],
    ]);
    expect((await page('?day=2026-11-27')).entries.length).toBe(9 + 3 + 3 + 2); // set-up, sign-ins at 08:00 and 23:59, one pause
    expect((await page('?day=2026-11-26')).entries).toEqual([]);
  });

  it('pages through a filter with before, as without one', async () => {
    for (let i = 0; i < 5; i++) {
      await pauseAndOpen(hub.centre.counter1.id);
      await hub.signIn();
    }
    const all = (await page('?action=counter.paused&limit=500')).entries;
    expect(all).toHaveLength(5);
    const seen: Entry[] = [];
    let query = '?action=counter.paused&limit=2';
    for (let pages = 0; pages < 5; pages++) {
      const { entries, next } = await page(query);
      seen.push(...entries);
      if (next === null) break;
      expect(next).toBe(entries.at(-1)?.id);
      query = `?action=counter.paused&limit=2&before=${next}`;
    }
    expect(seen).toEqual(all);
    // Sign-ins came between the pauses: a page of the filter holds only its own entries, and as many as asked.
    expect((await page('?action=counter.paused&limit=2')).entries.map((entry) => entry.action)).toEqual(['counter.paused', 'counter.paused']);
    expect((await page(`?action=user.login&actor=staff1&limit=3&before=${all[1]?.id}`)).entries.every((entry) => entry.id < (all[1]?.id ?? 0) && entry.actor.name === 'staff1')).toBe(true);
  });

  it('refuses a filter it cannot read, with a message that says why', async () => {
    for (const [query, message] of [
      ['?day=2026-02-30', /not a date of the calendar/],
      ['?day=27-11-2026', /day/],
      ['?day=2026-11-27T00:00', /day/],
      ['?action=tick', /action/],
      ['?action=ticket', /action/],
      [`?actor=${'x'.repeat(121)}`, /actor/],
    ] as const) {
      const reply = await audit(query);
      expect([reply.statusCode, reply.json().error.code], query).toEqual([400, 'request.invalid']);
      expect(reply.json().error.message, query).toMatch(message);
    }
    // Empty parameters, as forms send them, are no filter.
    expect((await page('?day=&actor=&action=')).entries.length).toBe(12);
  });
});
