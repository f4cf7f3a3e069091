import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** The business day through the API: numbering restarts at local midnight, yesterday's unserved are cancelled. */
describe('day rollover in the centre time zone', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(() => hub.close());

  const issue = () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } }).then((r) => r.json());
  const state = () => hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(hub.tokens.staff) }).then((r) => r.json());

  it('restarts numbering at midnight in Hanoi (17:00 UTC), and lists only the new day', async () => {
    hub.clock.set('2026-11-27T16:58:00.000Z'); // 23:58 in Hanoi
    await hub.signIn();
    expect((await issue()).label).toBe('A001');
    expect((await issue()).label).toBe('A002');
    expect((await state()).businessDay).toBe('2026-11-27');

    hub.clock.set('2026-11-27T17:00:30.000Z'); // 00:00:30 on the 28th in Hanoi, still the 27th in UTC
    expect((await state()).businessDay).toBe('2026-11-28');
    const first = await issue();
    expect(first).toMatchObject({ label: 'A001', businessDay: '2026-11-28' });
    const today = await hub.app.inject({ method: 'GET', url: '/api/tickets', headers: bearer(hub.tokens.staff) });
    expect(today.json().map((t: { label: string }) => t.label)).toEqual(['A001']);
    expect((await state()).services[0].waiting).toBe(1);
  });

  it('an admin can end the day early: every unserved ticket cancelled, with a day.closed event', async () => {
    await issue();
    await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter1.id}/call-next`, headers: bearer(hub.tokens.staff) });
    const closed = await hub.app.inject({ method: 'POST', url: '/api/day/close', headers: bearer(hub.tokens.admin) });
    expect(closed.json()).toEqual({ cancelled: 2 });
    expect((await state()).services.every((s: { waiting: number }) => s.waiting === 0)).toBe(true);
    expect((await state()).counters[0].ticket).toBeNull();
    const [message] = hub.ctx.queueStore.events.messagesSince(hub.ctx.queueStore.lastSeq() - 1, 1);
    expect(JSON.parse(message ?? '{}')).toMatchObject({ type: 'day.closed', businessDay: '2026-11-28', cancelled: 2 });
  });

  it('keeps unserved tickets into the next day when an admin says so', async () => {
    const patched = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: { unservedAtClose: 'keep' } });
    expect(patched.json()).toMatchObject({ unservedAtClose: 'keep', timeZone: 'Asia/Ho_Chi_Minh' });
    const late = await issue();
    hub.clock.set('2026-11-29T01:00:00.000Z');
    await hub.signIn();
    const next = await issue();
    expect(next.label).toBe('A001');
    const waiting = await hub.app.inject({ method: 'GET', url: '/api/tickets?status=waiting', headers: bearer(hub.tokens.staff) });
    expect(waiting.json().map((t: { id: number }) => t.id)).toEqual([late.id, next.id]);
  });
});
