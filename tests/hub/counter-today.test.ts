import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

type Today = { businessDay: string; counter: { served: number; serviceMeanSeconds: number | null }; staff: { userId: number; served: number; serviceMeanSeconds: number | null } | null };

/** GET /api/counters/{id}/today: the day's figures of a counter and of its clerk, on the hub's real SQLite with a fake clock. */
describe('counter today', () => {
  let hub: TestHub;
  let station: string;
  let clerk2: string;
  let staffId: number;
  beforeEach(async () => {
    hub = await createTestHub();
    station = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
    await hub.ctx.access.createUser({ username: 'clerk2', role: 'staff', password: PASSWORD });
    const login = (username: string) => hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    clerk2 = (await login('clerk2')).json<{ token: string }>().token;
    staffId = (await login('staff1')).json<{ user: { id: number } }>().user.id;
  });
  afterEach(() => hub.close());

  const post = (url: string, token = hub.tokens.staff, payload?: unknown) => hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
  const today = (counterId: number, token = hub.tokens.staff) => hub.app.inject({ method: 'GET', url: `/api/counters/${counterId}/today`, headers: bearer(token) });
  const error = (reply: { statusCode: number; json: () => unknown }) => [reply.statusCode, (reply.json() as { error: { code: string } }).error.code];
  /** Issues one ticket, calls it at the counter, lets `serviceMs` pass (after a start `startAfterMs` after the call, if given), finishes it. */
  const serve = async (counterId: number, token: string, serviceMs: number, startAfterMs?: number) => {
    await post('/api/tickets', hub.tokens.staff, { serviceId: counterId === hub.centre.counter2.id ? hub.centre.b.id : hub.centre.a.id });
    const called = (await post(`/api/counters/${counterId}/call-next`, token)).json<{ id: number }>();
    if (startAfterMs !== undefined) {
      hub.clock.advance(startAfterMs);
      await post(`/api/tickets/${called.id}/start`, token);
    }
    hub.clock.advance(serviceMs);
    expect((await post(`/api/tickets/${called.id}/finish`, token)).json()).toMatchObject({ status: 'done' });
    return called.id;
  };

  it('counts the tickets finished at the counter and by the calling clerk, with the mean service time in whole seconds', async () => {
    const empty = await today(hub.centre.counter1.id);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ businessDay: '2026-11-27', counter: { served: 0, serviceMeanSeconds: null }, staff: { userId: staffId, served: 0, serviceMeanSeconds: null } });

    await serve(hub.centre.counter1.id, hub.tokens.staff, 100_000); // called → finished: 100 s
    await serve(hub.centre.counter1.id, hub.tokens.staff, 201_400, 60_000); // started 60 s after the call, finished 201.4 s after the start
    await serve(hub.centre.counter1.id, clerk2, 30_000); // another clerk at the same counter
    await serve(hub.centre.counter2.id, hub.tokens.staff, 50_000); // the same clerk at another counter
    // A ticket still held, one no-show and one cancelled are not served.
    await post('/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id });
    await post('/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id });
    const absent = (await post(`/api/counters/${hub.centre.counter1.id}/call-next`)).json<{ id: number }>();
    await post(`/api/tickets/${absent.id}/no-show`);
    await post(`/api/counters/${hub.centre.counter1.id}/call-next`);

    const mine = (await today(hub.centre.counter1.id)).json<Today>();
    // Counter 1: 100, 201.4 and 30 s → 110.47 → 110. Staff1: 100, 201.4 and 50 s → 117.13 → 117.
    expect(mine).toEqual({ businessDay: '2026-11-27', counter: { served: 3, serviceMeanSeconds: 110 }, staff: { userId: staffId, served: 3, serviceMeanSeconds: 117 } });
    expect((await today(hub.centre.counter2.id, clerk2)).json<Today>()).toMatchObject({ counter: { served: 1, serviceMeanSeconds: 50 }, staff: { served: 1, serviceMeanSeconds: 30 } });
    // A station has no clerk: staff is null.
    expect((await today(hub.centre.counter1.id, station)).json()).toEqual({ businessDay: '2026-11-27', counter: { served: 3, serviceMeanSeconds: 110 }, staff: null });

    // The next business day starts from nothing.
    hub.clock.advance(24 * 3600_000);
    await hub.signIn();
    expect((await today(hub.centre.counter1.id)).json<Today>()).toMatchObject({
      businessDay: '2026-11-28',
      counter: { served: 0, serviceMeanSeconds: null },
      staff: { served: 0, serviceMeanSeconds: null },
    });
  });

  it('lets a counter station read only its own counter, and refuses other callers', async () => {
    expect(error(await today(hub.centre.counter2.id, station))).toEqual([403, 'counter.not_yours']);
    expect(error(await today(4242))).toEqual([404, 'counter.not_found']);
    expect(error(await today(0))).toEqual([400, 'request.invalid']);
    expect(error(await today(hub.centre.counter1.id, (await hub.pairDevice('display')).token))).toEqual([403, 'auth.forbidden']);
    expect(error(await today(hub.centre.counter1.id, (await hub.pairDevice('kiosk')).token))).toEqual([403, 'auth.forbidden']);
    expect(error(await today(hub.centre.counter1.id, hub.tokens.technician))).toEqual([403, 'auth.forbidden']);
    expect(error(await hub.app.inject({ method: 'GET', url: `/api/counters/${hub.centre.counter1.id}/today` }))).toEqual([401, 'auth.missing_token']);
  });
});
