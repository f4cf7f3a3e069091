import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** The fixed contract of the LAN API, through app.inject on a real SQLite file. */
describe('hub API contract', () => {
  let hub: TestHub;
  let staff: Record<string, string>;

  beforeAll(async () => {
    hub = await createTestHub();
    staff = bearer(hub.tokens.staff);
  });
  afterAll(() => hub.close());

  const post = (url: string, payload?: unknown, headers = staff) => hub.app.inject({ method: 'POST', url, payload: payload as never, headers });
  const get = (url: string, headers = staff) => hub.app.inject({ method: 'GET', url, headers });

  it('GET /api/health answers without a token', async () => {
    const reply = await hub.app.inject({ method: 'GET', url: '/api/health' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ status: 'ok', businessDay: '2026-11-27', timeZone: 'Asia/Ho_Chi_Minh' });
  });

  it('POST /api/auth/login gives a token and the user; 401 on a wrong password', async () => {
    const ok = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff1', password: 'test-password-1' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), user: { id: expect.any(Number), username: 'staff1', role: 'staff' } });
    const bad = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff1', password: 'nope' } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toEqual({ error: { code: 'auth.invalid_credentials', message: 'wrong user name or password' } });
  });

  it('GET /api/services and /api/counters list the configuration', async () => {
    const services = (await get('/api/services')).json();
    expect(services).toHaveLength(3);
    expect(services[0]).toMatchObject({ id: hub.centre.a.id, code: 'dat-dai', name: 'dat-dai', prefix: 'A', rangeStart: 1, rangeEnd: 999, active: true });
    const counters = (await get('/api/counters')).json();
    expect(counters[0]).toEqual({ id: hub.centre.counter1.id, number: 1, name: 'Quầy 1', serviceIds: [hub.centre.a.id, hub.centre.b.id], status: 'open', pauseReason: null });
  });

  it('POST /api/tickets issues a ticket (201) with label, times in UTC, people ahead and wait', async () => {
    const reply = await post('/api/tickets', { serviceId: hub.centre.a.id });
    expect(reply.statusCode).toBe(201);
    const ticket = reply.json();
    expect(ticket).toMatchObject({
      id: expect.any(Number),
      label: 'A001',
      serviceId: hub.centre.a.id,
      priority: 'normal',
      status: 'waiting',
      counterId: null,
      issuedAt: '2026-11-27T01:00:00.000Z',
      calledAt: null,
      ahead: 0,
      estimatedWaitSeconds: 0,
    });
    const elderly = await post('/api/tickets', { serviceId: hub.centre.a.id, priority: 'elderly' });
    expect(elderly.json()).toMatchObject({ label: 'A002', priority: 'elderly', ahead: 0 });
  });

  it('an Idempotency-Key makes a retried press return the same ticket', async () => {
    const headers = { ...staff, 'idempotency-key': 'kiosk-press-42' };
    const first = await post('/api/tickets', { serviceId: hub.centre.b.id }, headers);
    const retry = await post('/api/tickets', { serviceId: hub.centre.b.id }, headers);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
  });

  it('GET /api/tickets lists the day, filtered by status and service; GET /api/tickets/{id} gives one', async () => {
    const all = (await get('/api/tickets')).json();
    expect(all.map((t: { label: string }) => t.label)).toEqual(['A001', 'A002', 'B001']);
    const waitingA = (await get(`/api/tickets?status=waiting&serviceId=${hub.centre.a.id}`)).json();
    expect(waitingA.map((t: { label: string }) => t.label)).toEqual(['A001', 'A002']);
    // Empty parameters are no filter at all.
    expect((await get('/api/tickets?status=&serviceId=')).json()).toHaveLength(3);
    const one = await get(`/api/tickets/${all[0].id}`);
    expect(one.json()).toMatchObject({ label: 'A001', ahead: 1 }); // the elderly ticket goes first
  });

  it('POST /api/counters/{id}/call-next calls the best ticket, then 204 when none waits', async () => {
    const first = await post(`/api/counters/${hub.centre.counter2.id}/call-next`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ label: 'B001', status: 'called', counterId: hub.centre.counter2.id, calledAt: '2026-11-27T01:00:00.000Z' });
    const none = await post(`/api/counters/${hub.centre.counter2.id}/call-next`);
    expect(none.statusCode).toBe(204);
    expect(none.body).toBe('');
    const elderlyFirst = await post(`/api/counters/${hub.centre.counter1.id}/call-next`);
    expect(elderlyFirst.json()).toMatchObject({ label: 'A002', priority: 'elderly' });
  });

  it('recall, start, finish answer 200 with the ticket, and 409 when the state forbids it', async () => {
    const [called] = (await get('/api/tickets?status=called')).json();
    expect(called.label).toBe('A002');
    expect((await post(`/api/tickets/${called.id}/recall`)).json()).toMatchObject({ status: 'called', recallCount: 1 });
    expect((await post(`/api/tickets/${called.id}/start`)).json()).toMatchObject({ status: 'serving', startedAt: expect.any(String) });
    const wrong = await post(`/api/tickets/${called.id}/no-show`);
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error.code).toBe('ticket.wrong_state');
    expect((await post(`/api/tickets/${called.id}/finish`)).json()).toMatchObject({ status: 'done', finishedAt: expect.any(String) });
  });

  it('no-show and cancel', async () => {
    const called = (await post(`/api/counters/${hub.centre.counter1.id}/call-next`)).json();
    expect(called.label).toBe('A001');
    expect((await post(`/api/tickets/${called.id}/no-show`)).json().status).toBe('no_show');
    const waiting = (await post('/api/tickets', { serviceId: hub.centre.c.id })).json();
    expect((await post(`/api/tickets/${waiting.id}/cancel`)).json().status).toBe('cancelled');
    expect((await post(`/api/tickets/${waiting.id}/cancel`)).statusCode).toBe(409);
  });

  it('POST /api/tickets/{id}/transfer puts the ticket in another queue, keeping its issue time', async () => {
    hub.clock.advanceMinutes(3);
    const ticket = (await post('/api/tickets', { serviceId: hub.centre.a.id })).json();
    const called = (await post(`/api/counters/${hub.centre.counter3.id}/call-next`)).json();
    expect(called.id).toBe(ticket.id);
    const moved = await post(`/api/tickets/${ticket.id}/transfer`, { serviceId: hub.centre.b.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'waiting', serviceId: hub.centre.b.id, issuedAt: ticket.issuedAt, counterId: null, label: ticket.label });
  });

  it('GET /api/state gives seq, queues, counters with their ticket, and recent calls', async () => {
    const state = (await get('/api/state')).json();
    expect(state.seq).toBeGreaterThan(0);
    expect(state.services.map((s: { id: number; waiting: number }) => [s.id, s.waiting])).toEqual([
      [hub.centre.a.id, 0],
      [hub.centre.b.id, 1],
      [hub.centre.c.id, 0],
    ]);
    expect(state.counters).toHaveLength(3);
    expect(state.counters[0]).toMatchObject({ id: hub.centre.counter1.id, ticket: null });
    expect(state.recentCalls[0]).toMatchObject({ label: expect.any(String), calledAt: expect.any(String) });
  });

  it('404 with a stable code for unknown ids and routes', async () => {
    expect((await get('/api/tickets/424242')).json()).toEqual({ error: { code: 'ticket.not_found', message: 'no ticket with id 424242' } });
    expect((await post('/api/counters/99/call-next')).statusCode).toBe(404);
    expect((await post('/api/tickets', { serviceId: 999 })).json().error.code).toBe('service.not_found');
    expect((await post('/api/tickets/1/transfer', { serviceId: 999 })).json().error.code).toBe('service.not_found');
    const route = await get('/api/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.json().error.code).toBe('route.not_found');
  });

  it('serves an OpenAPI document listing the contract routes', async () => {
    const reply = await hub.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(reply.statusCode).toBe(200);
    const doc = reply.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/services',
      '/api/counters',
      '/api/tickets',
      '/api/tickets/{id}',
      '/api/counters/{id}/call-next',
      '/api/tickets/{id}/recall',
      '/api/tickets/{id}/start',
      '/api/tickets/{id}/finish',
      '/api/tickets/{id}/no-show',
      '/api/tickets/{id}/cancel',
      '/api/tickets/{id}/transfer',
      '/api/state',
      '/api/events',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.components.schemas.Ticket.properties.label).toBeDefined();
  });
});
