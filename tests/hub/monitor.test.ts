import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Monitor = {
  at: string;
  businessDay: string;
  targetMinutes: number;
  services: { id: number; waiting: number; longestWaitSeconds: number | null; countersOpen: number; open: boolean }[];
  counters: {
    id: number;
    number: number;
    status: string;
    pauseReason: string | null;
    pausedSince: string | null;
    ticket: { label: string; status: string; since: string } | null;
    idleSince: string | null;
  }[];
  ticketsPerHour: { hour: number; issued: number; served: number }[];
  alarms: ({ kind: 'wait_over_target'; serviceId: number; waitedSeconds: number } | { kind: 'no_counter'; serviceId: number; waiting: number })[];
};

/** GET /api/monitor with a fake clock: the floor now and its alarms. */
describe('floor monitor', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub(); // 2026-11-27 08:00 in Hà Nội
  });
  afterEach(() => hub.close());

  const post = async (url: string, payload?: unknown, token = hub.tokens.staff) => {
    const reply = await hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
    expect(reply.statusCode, `${url} ${reply.body}`).toBeLessThan(300);
    return reply.json<{ id: number; label: string }>();
  };
  const monitor = async (token = hub.tokens.admin) => {
    const reply = await hub.app.inject({ method: 'GET', url: '/api/monitor', headers: bearer(token) });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<Monitor>();
  };
  const minutes = (n: number) => hub.clock.advance(n * 60_000);
  const counter = (m: Monitor, id: number) => m.counters.find((c) => c.id === id);

  it('is quiet on a fresh day: every field and counter, nobody waiting, no alarm', async () => {
    const m = await monitor();
    expect(m).toMatchObject({ businessDay: '2026-11-27', targetMinutes: 15, alarms: [], ticketsPerHour: [] });
    expect(m.services.map((s) => [s.id, s.waiting, s.longestWaitSeconds])).toEqual([
      [hub.centre.a.id, 0, null],
      [hub.centre.b.id, 0, null],
      [hub.centre.c.id, 0, null],
    ]);
    expect(m.services.find((s) => s.id === hub.centre.a.id)?.countersOpen).toBe(2);
    expect(m.counters.map((c) => [c.number, c.status, c.ticket, c.idleSince])).toEqual([
      [1, 'open', null, null],
      [2, 'open', null, null],
      [3, 'open', null, null],
    ]);
  });

  it('alarms when the longest wait passes the target (not at it), and the target is a setting', async () => {
    await post('/api/tickets', { serviceId: hub.centre.b.id });
    minutes(15);
    let m = await monitor();
    expect(m.services.find((s) => s.id === hub.centre.b.id)).toMatchObject({ waiting: 1, longestWaitSeconds: 900 });
    expect(m.alarms).toEqual([]);
    hub.clock.advance(1000);
    m = await monitor();
    expect(m.alarms).toEqual([{ kind: 'wait_over_target', serviceId: hub.centre.b.id, waitedSeconds: 901, targetSeconds: 900 }]);
    const patched = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { waitTargetMinutes: 30 } });
    expect(patched.statusCode, patched.body).toBe(200);
    m = await monitor();
    expect(m.targetMinutes).toBe(30);
    expect(m.alarms).toEqual([]);
    expect(m.ticketsPerHour).toEqual([{ hour: 8, issued: 1, served: 0 }]);
  });

  it('alarms when citizens wait in a field whose counters are all paused, with the pause and its reason', async () => {
    const { c, counter3 } = hub.centre; // field C is served by counter 3 only
    await post(`/api/counters/${counter3.id}/pause`, { reason: 'meeting' });
    const pausedAt = hub.clock.now().toISOString();
    minutes(2);
    await post('/api/tickets', { serviceId: c.id });
    const m = await monitor();
    expect(m.alarms).toEqual([{ kind: 'no_counter', serviceId: c.id, waiting: 1 }]);
    expect(counter(m, counter3.id)).toMatchObject({ status: 'paused', pauseReason: 'meeting', pausedSince: pausedAt });
    expect(m.services.find((s) => s.id === c.id)?.countersOpen).toBe(0);
    await post(`/api/counters/${counter3.id}/open`);
    const after = await monitor();
    expect(counter(after, counter3.id), JSON.stringify(after.counters)).toMatchObject({ status: 'open', pausedSince: null });
    expect(after.alarms).toEqual([]);
  });

  it('shows what each counter holds since when, and since when it is idle', async () => {
    const { counter1 } = hub.centre;
    const ticket = await post('/api/tickets', { serviceId: hub.centre.a.id });
    minutes(3);
    await post(`/api/counters/${counter1.id}/call-next`);
    const calledAt = hub.clock.now().toISOString();
    let m = await monitor();
    expect(counter(m, counter1.id)).toMatchObject({ ticket: { label: ticket.label, status: 'called', since: calledAt }, idleSince: null });
    minutes(1);
    await post(`/api/tickets/${ticket.id}/start`);
    const startedAt = hub.clock.now().toISOString();
    minutes(4);
    m = await monitor();
    expect(counter(m, counter1.id)?.ticket).toMatchObject({ status: 'serving', since: startedAt });
    await post(`/api/tickets/${ticket.id}/finish`);
    const finishedAt = hub.clock.now().toISOString();
    minutes(2);
    m = await monitor();
    expect(counter(m, counter1.id)).toMatchObject({ ticket: null, idleSince: finishedAt });
    expect(m.ticketsPerHour).toEqual([{ hour: 8, issued: 1, served: 1 }]);
  });

  it('is the admin’s and the technician’s, not a clerk’s', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/api/monitor', headers: bearer(hub.tokens.staff) })).statusCode).toBe(403);
    await monitor(hub.tokens.technician);
  });
});
