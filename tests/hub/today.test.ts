import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Today = {
  businessDay: string;
  issued: number;
  served: number;
  noShow: number;
  cancelled: number;
  waiting: number;
  longestWaitSeconds: number | null;
  services: { serviceId: number; waiting: number; longestWaitSeconds: number | null; issued: number; served: number }[];
  counters: { open: number; paused: number; closed: number; serving: number };
};

/** GET /api/today: the current business day at a glance, for the console. */
describe('today at a glance', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const post = async (url: string, payload?: unknown, token = hub.tokens.staff) => {
    const reply = await hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
    expect(reply.statusCode, `${url} ${reply.body}`).toBeLessThan(300);
    return reply.json<{ id: number; label: string }>();
  };
  const issue = (serviceId: number) => post('/api/tickets', { serviceId });
  const today = async (token = hub.tokens.technician) => {
    const reply = await hub.app.inject({ method: 'GET', url: '/api/today', headers: bearer(token) });
    expect(reply.statusCode, reply.body).toBe(200);
    return reply.json<Today>();
  };
  const minutes = (n: number) => hub.clock.advance(n * 60_000);

  it('is all zeros on a fresh day, with every service and counter', async () => {
    const { a, b, c } = hub.centre;
    expect(await today()).toEqual({
      businessDay: '2026-11-27',
      issued: 0,
      served: 0,
      noShow: 0,
      cancelled: 0,
      waiting: 0,
      longestWaitSeconds: null,
      services: [a, b, c].map((service) => ({ serviceId: service.id, waiting: 0, longestWaitSeconds: null, issued: 0, served: 0 })),
      counters: { open: 3, paused: 0, closed: 0, serving: 0 },
    });
  });

  it('counts the tickets issued, called, finished, absent and cancelled, who waits and for how long, per service', async () => {
    const { a, b, c, counter1, counter2, counter3 } = hub.centre;
    const a1 = await issue(a.id); // 08:00
    await issue(a.id);
    minutes(2);
    const a3 = await issue(a.id); // 08:02
    await issue(b.id);
    await issue(b.id);
    const c1 = await issue(c.id);
    minutes(3); // 08:05
    expect((await post(`/api/counters/${counter1.id}/call-next`)).id).toBe(a1.id);
    await post(`/api/tickets/${a1.id}/finish`);
    expect((await post(`/api/counters/${counter1.id}/call-next`)).label).toBe('A002'); // held by counter 1
    const b1 = await post(`/api/counters/${counter2.id}/call-next`);
    await post(`/api/tickets/${b1.id}/no-show`);
    expect((await post(`/api/counters/${counter2.id}/call-next`)).label).toBe('B002'); // held by counter 2
    await post(`/api/tickets/${c1.id}/cancel`);
    await post(`/api/counters/${counter3.id}/pause`, { reason: 'meeting' });
    minutes(5); // 08:10: A003 has waited 8 minutes

    expect(await today()).toEqual({
      businessDay: '2026-11-27',
      issued: 6,
      served: 1,
      noShow: 1,
      cancelled: 1,
      waiting: 1,
      longestWaitSeconds: 480,
      services: [
        { serviceId: a.id, waiting: 1, longestWaitSeconds: 480, issued: 3, served: 1 },
        { serviceId: b.id, waiting: 0, longestWaitSeconds: null, issued: 2, served: 0 },
        { serviceId: c.id, waiting: 0, longestWaitSeconds: null, issued: 1, served: 0 },
      ],
      counters: { open: 2, paused: 1, closed: 0, serving: 2 },
    });

    // A transferred ticket waits in its new service (with its issue time) and stays issued where it was issued.
    await post(`/api/tickets/${a3.id}/transfer`, { serviceId: b.id });
    // A counter none of whose services is open now is closed.
    const off = await hub.app.inject({ method: 'PATCH', url: `/api/services/${b.id}`, headers: bearer(hub.tokens.admin), payload: { active: false } });
    expect(off.statusCode).toBe(200);
    minutes(1);
    const later = await today();
    expect(later.services).toEqual([
      { serviceId: a.id, waiting: 0, longestWaitSeconds: null, issued: 3, served: 1 },
      { serviceId: b.id, waiting: 1, longestWaitSeconds: 540, issued: 2, served: 0 },
      { serviceId: c.id, waiting: 0, longestWaitSeconds: null, issued: 1, served: 0 },
    ]);
    expect(later).toMatchObject({ issued: 6, waiting: 1, longestWaitSeconds: 540, counters: { open: 1, paused: 1, closed: 1, serving: 2 } });
    expect(later.counters.open + later.counters.paused + later.counters.closed).toBe(3);
  });

  it('starts again at midnight in the centre time zone', async () => {
    await issue(hub.centre.a.id);
    hub.clock.set('2026-11-27T16:59:00.000Z'); // 23:59 in Hanoi
    await hub.signIn();
    expect(await today()).toMatchObject({ businessDay: '2026-11-27', issued: 1, waiting: 1, longestWaitSeconds: 15 * 3600 + 59 * 60 });
    hub.clock.set('2026-11-27T17:00:00.000Z'); // 00:00 on the 28th
    expect(await today()).toMatchObject({ businessDay: '2026-11-28', issued: 0, waiting: 0, longestWaitSeconds: null });
  });

  it('is for the administrator and the technician', async () => {
    expect((await today(hub.tokens.admin)).businessDay).toBe('2026-11-27');
    const reply = await hub.app.inject({ method: 'GET', url: '/api/today', headers: bearer(hub.tokens.staff) });
    expect([reply.statusCode, reply.json().error.code]).toEqual([403, 'auth.forbidden']);
  });
});
