import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Reply = { statusCode: number; body: string; json: () => unknown };

/** The rating pad as its own device (kind `rating`), tied to a counter: approval, its counter's open rating, its one rating. */
describe('rating pad devices', () => {
  let hub: TestHub;
  /** The rating pad of counter 1. */
  let pad: string;
  beforeEach(async () => {
    hub = await createTestHub();
    pad = (await hub.pairDevice('rating', hub.centre.counter1.id)).token;
  });
  afterEach(() => hub.close());

  const post = (url: string, token = hub.tokens.staff, payload?: unknown) => hub.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as never });
  const get = (url: string, token = hub.tokens.staff) => hub.app.inject({ method: 'GET', url, headers: bearer(token) });
  const prompt = (token = pad, counterId = hub.centre.counter1.id) => get(`/api/counters/${counterId}/rating`, token);
  const error = (reply: Reply) => [reply.statusCode, (reply.json() as { error: { code: string } }).error.code];
  /** A ticket issued, called by the staff user at the counter and finished there now. */
  const served = async (counterId = hub.centre.counter1.id, serviceId = hub.centre.a.id) => {
    await post('/api/tickets', hub.tokens.staff, { serviceId });
    const called = (await post(`/api/counters/${counterId}/call-next`)).json<{ id: number }>();
    return (await post(`/api/tickets/${called.id}/finish`)).json<{ id: number; label: string; finishedAt: string }>();
  };

  it('is approved only with a counter, with a stable code and a message a technician can act on', async () => {
    const request = (await hub.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { kind: 'rating', name: 'Máy tính bảng quầy 2' } })).json<{ code: string }>();
    const approve = (payload: Record<string, unknown>) => post('/api/devices/approve', hub.tokens.technician, payload);
    const refused = await approve({ code: request.code });
    expect(error(refused)).toEqual([400, 'device.counter_required']);
    expect((refused.json() as { error: { message: string } }).error.message).toContain(`qms devices approve ${request.code} --counter N`);
    const approved = await approve({ code: request.code, counterId: hub.centre.counter2.id });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ kind: 'rating', status: 'approved', counterId: hub.centre.counter2.id });
    // Other kinds are not tied to a counter.
    const display = (await hub.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { kind: 'display', name: 'Màn hình' } })).json<{ code: string }>();
    expect(error(await approve({ code: display.code, counterId: hub.centre.counter1.id }))).toEqual([400, 'request.invalid']);
  });

  it("shows the counter's last finished ticket with its clerk while it may be rated, takes one rating from the pad, then nothing", async () => {
    expect((await prompt()).statusCode).toBe(204);
    const ticket = await served();
    const open = await prompt();
    expect(open.statusCode).toBe(200);
    expect(open.json()).toEqual({
      ticketId: ticket.id,
      label: ticket.label,
      clerk: 'staff1',
      counterNumber: 1,
      closesAt: new Date(Date.parse(ticket.finishedAt) + 120_000).toISOString(),
      scale: [
        { score: 4, vi: 'Rất hài lòng', en: 'Very satisfied' },
        { score: 3, vi: 'Hài lòng', en: 'Satisfied' },
        { score: 2, vi: 'Bình thường', en: 'Neutral' },
        { score: 1, vi: 'Không hài lòng', en: 'Dissatisfied' },
      ],
    });
    // Staff and the counter's own station read it too.
    expect((await prompt(hub.tokens.staff)).json()).toMatchObject({ ticketId: ticket.id });
    const station = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
    expect((await prompt(station)).json()).toMatchObject({ ticketId: ticket.id });

    const rated = await post(`/api/tickets/${ticket.id}/rating`, pad, { score: 4 });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ id: ticket.id, rating: { score: 4 } });
    expect((await get(`/api/tickets/${ticket.id}`)).json()).toMatchObject({ rating: { score: 4 } });
    expect(error(await post(`/api/tickets/${ticket.id}/rating`, pad, { score: 1 }))).toEqual([409, 'rating.already_given']);
    expect((await prompt()).statusCode).toBe(204);
  });

  it('closes after the window, names no clerk when a station served alone, and ignores other counters', async () => {
    await served();
    hub.clock.advance(120_001);
    expect((await prompt()).statusCode).toBe(204);

    // Finished at counter 2: counter 1's pad stays locked, and may not rate it.
    const elsewhere = await served(hub.centre.counter2.id, hub.centre.b.id);
    expect((await prompt()).statusCode).toBe(204);
    expect(error(await post(`/api/tickets/${elsewhere.id}/rating`, pad, { score: 3 }))).toEqual([403, 'counter.not_yours']);
    expect(error(await prompt(pad, hub.centre.counter2.id))).toEqual([403, 'counter.not_yours']);

    const station = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
    await post('/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id });
    const called = (await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station)).json<{ id: number }>();
    await post(`/api/tickets/${called.id}/finish`, station);
    expect((await prompt()).json()).toMatchObject({ ticketId: called.id, clerk: null });
  });

  it('does nothing else: no counter work, no tickets, no other counters; other devices may not read the prompt', async () => {
    await post('/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id });
    expect(error(await post(`/api/counters/${hub.centre.counter1.id}/call-next`, pad))).toEqual([403, 'auth.forbidden']);
    expect(error(await get('/api/tickets', pad))).toEqual([403, 'auth.forbidden']);
    expect(error(await get('/api/tickets/1', pad))).toEqual([403, 'auth.forbidden']);
    expect(error(await get(`/api/counters/${hub.centre.counter1.id}/today`, pad))).toEqual([403, 'auth.forbidden']);
    expect(error(await prompt((await hub.pairDevice('display')).token))).toEqual([403, 'auth.forbidden']);
    expect(error(await prompt(hub.tokens.technician))).toEqual([403, 'auth.forbidden']);
    expect(error(await prompt(pad, 4242))).toEqual([404, 'counter.not_found']);
    expect((await get('/api/settings', pad)).statusCode).toBe(200);
  });

  it('serves the pad page, its script and its style without a token', async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/pad' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="/pad/pad.js">');
    const script = await hub.app.inject({ method: 'GET', url: '/pad/pad.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('/api/counters/');
    expect((await hub.app.inject({ method: 'GET', url: '/pad/pad.css' })).body).toContain('.rating');
  });
});
