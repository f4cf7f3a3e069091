import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Json = Record<string, unknown>;

/** The hub side of the counter caller through the API: calls out of order, pause reasons, the no-show rules. */
describe('counter caller API', () => {
  let hub: TestHub;
  /** The counter station of counter 1. */
  let station: string;
  beforeEach(async () => {
    hub = await createTestHub();
    station = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
  });
  afterEach(() => hub.close());

  const post = (url: string, token = hub.tokens.staff, payload?: unknown) => hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
  const get = (url: string, token = hub.tokens.staff) => hub.app.inject({ method: 'GET', url, headers: bearer(token) });
  const issue = async (serviceId = hub.centre.a.id) => (await post('/api/tickets', hub.tokens.staff, { serviceId })).json<{ id: number; label: string }>();
  const callTicket = (counterId: number, label: string, token = hub.tokens.staff) => post(`/api/counters/${counterId}/call-ticket`, token, { label });
  /** The events published after seq, as stations receive them. */
  const eventsSince = (seq: number) => hub.ctx.queueStore.events.messagesSince(seq, 100).map((message) => JSON.parse(message) as Json);
  const auditSince = async (id: number) => (await get('/api/audit', hub.tokens.technician)).json<{ entries: (Json & { id: number })[] }>().entries.filter((entry) => entry.id > id);
  const lastAuditId = async () => (await get('/api/audit?limit=1', hub.tokens.technician)).json<{ entries: { id: number }[] }>().entries[0]?.id ?? 0;
  const error = (reply: { statusCode: number; json: () => unknown }) => [reply.statusCode, (reply.json() as { error: { code: string } }).error.code];

  it('call-ticket calls a ticket of today by its label, finishing the held one; the audit log names the station or the clerk', async () => {
    const a1 = await issue();
    const a2 = await issue();
    const a3 = await issue();
    await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station);
    const seq = hub.ctx.queueStore.lastSeq();
    const audited = await lastAuditId();

    const reply = await callTicket(hub.centre.counter1.id, 'a003', station);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ id: a3.id, label: 'A003', status: 'called', counterId: hub.centre.counter1.id, calledAt: '2026-11-27T01:00:00.000Z' });
    expect((await get(`/api/tickets/${a1.id}`)).json()).toMatchObject({ status: 'done' });
    expect(eventsSince(seq).map((event) => [event.type, (event.ticket as Json).label])).toEqual([
      ['ticket.finished', 'A001'],
      ['ticket.called', 'A003'],
    ]);

    expect((await callTicket(hub.centre.counter3.id, a2.label)).json()).toMatchObject({ id: a2.id, counterId: hub.centre.counter3.id });
    expect(await auditSince(audited)).toEqual([
      expect.objectContaining({ action: 'ticket.called_out_of_order', actor: { type: 'user', id: expect.any(Number), name: 'staff1' }, ticketId: a2.id, counterId: hub.centre.counter3.id }),
      expect.objectContaining({
        action: 'ticket.called_out_of_order',
        actor: { type: 'device', id: expect.any(Number), name: 'counter test' },
        ticketId: a3.id,
        counterId: hub.centre.counter1.id,
        details: { label: 'A003', serviceId: hub.centre.a.id, from: 'waiting' },
      }),
    ]);
  });

  it('call-ticket refuses with stable codes and changes nothing', async () => {
    await issue();
    await issue();
    await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station); // counter 1 holds A001
    const seq = hub.ctx.queueStore.lastSeq();
    const audited = await lastAuditId();
    expect(error(await callTicket(hub.centre.counter1.id, 'B001', station))).toEqual([404, 'ticket.not_found']);
    expect(error(await callTicket(hub.centre.counter3.id, 'A001'))).toEqual([409, 'ticket.wrong_state']);
    expect(error(await callTicket(hub.centre.counter3.id, 'A002', station))).toEqual([403, 'counter.not_yours']);
    expect(error(await callTicket(4242, 'A002'))).toEqual([404, 'counter.not_found']);
    await post(`/api/counters/${hub.centre.counter3.id}/pause`);
    const paused = hub.ctx.queueStore.lastSeq();
    expect(error(await callTicket(hub.centre.counter3.id, 'A002'))).toEqual([409, 'counter.paused']);
    expect(hub.ctx.queueStore.lastSeq()).toBe(paused);
    expect(eventsSince(seq).map((event) => event.type)).toEqual(['counter.paused']);
    expect((await auditSince(audited)).map((entry) => entry.action)).toEqual(['counter.paused']);
    expect((await get('/api/tickets?status=waiting')).json<{ label: string }[]>().map((t) => t.label)).toEqual(['A002']);
  });

  it('pause takes an optional reason: /api/state, /api/counters and counter.paused carry it, opening clears it', async () => {
    const id = hub.centre.counter1.id;
    const counterIn = async (url: string) => (await get(url)).json<Json[] | { counters: Json[] }>();
    const stateCounter = async () => ((await counterIn('/api/state')) as { counters: Json[] }).counters.find((c) => c.id === id);
    expect(await stateCounter()).toMatchObject({ status: 'open', pauseReason: null });
    const seq = hub.ctx.queueStore.lastSeq();

    const paused = await post(`/api/counters/${id}/pause`, station, { reason: 'system_fault' });
    expect(paused.json()).toMatchObject({ id, status: 'paused', pauseReason: 'system_fault' });
    expect(await stateCounter()).toMatchObject({ status: 'paused', pauseReason: 'system_fault' });
    expect(((await counterIn('/api/counters')) as Json[]).find((c) => c.id === id)).toMatchObject({ pauseReason: 'system_fault' });
    expect(eventsSince(seq)).toEqual([expect.objectContaining({ type: 'counter.paused', counter: expect.objectContaining({ id, status: 'paused', pauseReason: 'system_fault' }) })]);

    expect((await post(`/api/counters/${id}/open`, station)).json()).toMatchObject({ status: 'open', pauseReason: null });
    expect(await stateCounter()).toMatchObject({ status: 'open', pauseReason: null });
    // Backward compatible: no body, or an empty JSON body, pauses without a reason.
    expect((await post(`/api/counters/${id}/pause`)).json()).toMatchObject({ status: 'paused', pauseReason: null });
    await post(`/api/counters/${id}/open`);
    const empty = await hub.app.inject({ method: 'POST', url: `/api/counters/${id}/pause`, headers: { ...bearer(hub.tokens.staff), 'content-type': 'application/json' }, payload: '' });
    expect(empty.json()).toMatchObject({ status: 'paused', pauseReason: null });
    expect(error(await post(`/api/counters/${id}/pause`, hub.tokens.staff, { reason: 'lunch' }))).toEqual([400, 'request.invalid']);
    expect(
      hub.ctx.db
        .prepare('SELECT reason, ended_at IS NOT NULL AS ended FROM counter_pauses WHERE counter_id = ? ORDER BY id')
        .all(id)
        .map((row) => Object.values(row as Json)),
    ).toEqual([
      ['system_fault', 1],
      [null, 1],
      [null, 0],
    ]);
  });

  it('no-show rules come from PATCH /api/settings: recalls first, then a requeue within noShowRecallMinutes', async () => {
    const patched = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { minRecallsBeforeNoShow: 1, noShowRecallMinutes: 20 } });
    expect(patched.json()).toMatchObject({ minRecallsBeforeNoShow: 1, noShowRecallMinutes: 20 });
    const a1 = await issue();
    const a2 = await issue();
    await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station);
    expect(error(await post(`/api/tickets/${a1.id}/no-show`, station))).toEqual([409, 'ticket.recall_first']);
    await post(`/api/tickets/${a1.id}/recall`, station);
    expect((await post(`/api/tickets/${a1.id}/no-show`, station)).json()).toMatchObject({ status: 'no_show', recallCount: 1 });

    expect(error(await post(`/api/tickets/${a2.id}/requeue`))).toEqual([409, 'ticket.wrong_state']);
    const other = (await hub.pairDevice('counter', hub.centre.counter3.id)).token;
    expect(error(await post(`/api/tickets/${a1.id}/requeue`, other))).toEqual([403, 'counter.not_yours']);
    hub.clock.advanceMinutes(20);
    const back = await post(`/api/tickets/${a1.id}/requeue`, station);
    expect(back.json()).toMatchObject({ id: a1.id, status: 'waiting', counterId: null, calledAt: null, finishedAt: null, issuedAt: '2026-11-27T01:00:00.000Z', recallCount: 1 });
    expect((await get(`/api/tickets/${a1.id}`)).json()).toMatchObject({ ahead: 0 }); // before A002: its original issue time
    expect((await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station)).json()).toMatchObject({ id: a1.id });
    await post(`/api/tickets/${a1.id}/recall`, station);
    await post(`/api/tickets/${a1.id}/no-show`, station);
    hub.clock.advanceMinutes(21);
    expect(error(await post(`/api/tickets/${a1.id}/requeue`))).toEqual([409, 'ticket.requeue_closed']);
    expect(error(await callTicket(hub.centre.counter1.id, a1.label))).toEqual([409, 'ticket.wrong_state']);
  });
});
