import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

/** Who served a ticket (tickets.served_by), through the API on the hub's real SQLite. */
describe('served by', () => {
  let hub: TestHub;
  /** The counter station of counter 1, acting without a clerk. */
  let station: string;
  /** A second clerk. */
  let clerk2: string;
  let staffId: number;
  let clerk2Id: number;
  beforeEach(async () => {
    hub = await createTestHub();
    station = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
    await hub.ctx.access.createUser({ username: 'clerk2', role: 'staff', password: PASSWORD });
    const login = (username: string) => hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    const second = (await login('clerk2')).json<{ token: string; user: { id: number } }>();
    clerk2 = second.token;
    clerk2Id = second.user.id;
    staffId = (await login('staff1')).json<{ user: { id: number } }>().user.id;
  });
  afterEach(() => hub.close());

  const post = (url: string, token = hub.tokens.staff, payload?: unknown) => hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
  const get = async (id: number) => (await hub.app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(hub.tokens.staff) })).json<{ servedBy: number | null; status: string }>();
  const issue = async (serviceId = hub.centre.a.id) => (await post('/api/tickets', hub.tokens.staff, { serviceId })).json<{ id: number; label: string; servedBy: number | null }>();
  const stored = (id: number) => (hub.ctx.db.prepare('SELECT served_by AS servedBy FROM tickets WHERE id = ?').get(id) as { servedBy: number | null }).servedBy;
  const counter1 = () => hub.centre.counter1.id;

  it('is null at issue, the calling clerk on call-next, overwritten by the clerk who starts and who finishes', async () => {
    const ticket = await issue();
    expect(ticket.servedBy).toBeNull();
    const called = (await post(`/api/counters/${counter1()}/call-next`)).json<{ id: number; servedBy: number | null }>();
    expect(called).toMatchObject({ id: ticket.id, servedBy: staffId });
    expect(stored(ticket.id)).toBe(staffId);
    expect((await post(`/api/tickets/${ticket.id}/start`, clerk2)).json()).toMatchObject({ status: 'serving', servedBy: clerk2Id });
    expect((await post(`/api/tickets/${ticket.id}/finish`)).json()).toMatchObject({ status: 'done', servedBy: staffId });
    expect(await get(ticket.id)).toMatchObject({ status: 'done', servedBy: staffId });
    expect(stored(ticket.id)).toBe(staffId);
  });

  it('a station without a clerk calls with null and keeps the clerk on start and finish; call-ticket names its caller', async () => {
    const first = await issue();
    const second = await issue();
    expect((await post(`/api/counters/${counter1()}/call-next`, station)).json()).toMatchObject({ id: first.id, servedBy: null });
    const byLabel = (await post(`/api/counters/${counter1()}/call-ticket`, clerk2, { label: second.label })).json();
    expect(byLabel).toMatchObject({ id: second.id, status: 'called', servedBy: clerk2Id });
    // Calling finished the held ticket: the clerk who pressed is who finished it.
    expect(await get(first.id)).toMatchObject({ status: 'done', servedBy: clerk2Id });
    await post(`/api/tickets/${second.id}/start`, station);
    expect((await post(`/api/tickets/${second.id}/finish`, station)).json()).toMatchObject({ status: 'done', servedBy: clerk2Id });
  });

  it('is null again once the ticket waits again: transfer and requeue', async () => {
    const moved = await issue();
    await post(`/api/counters/${counter1()}/call-next`);
    expect((await post(`/api/tickets/${moved.id}/transfer`, hub.tokens.staff, { serviceId: hub.centre.b.id })).json()).toMatchObject({ status: 'waiting', servedBy: null });
    expect(stored(moved.id)).toBeNull();

    const absent = await issue();
    expect((await post(`/api/counters/${counter1()}/call-ticket`, hub.tokens.staff, { label: absent.label })).json()).toMatchObject({ id: absent.id, servedBy: staffId });
    await post(`/api/tickets/${absent.id}/recall`);
    await post(`/api/tickets/${absent.id}/recall`);
    const noShow = await post(`/api/tickets/${absent.id}/no-show`);
    expect(noShow.json()).toMatchObject({ status: 'no_show', servedBy: staffId });
    expect((await post(`/api/tickets/${absent.id}/requeue`)).json()).toMatchObject({ status: 'waiting', servedBy: null });
    expect(stored(absent.id)).toBeNull();
  });
});
