import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

type Json = Record<string, unknown>;

/** Citizens' ratings through the API, with the fake clock: once, after the finish, within the window, on the scale. */
describe('ratings API', () => {
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
  const rate = (ticketId: number, score: number, token = station) => post(`/api/tickets/${ticketId}/rating`, token, { score });
  const error = (reply: { statusCode: number; json: () => unknown }) => [reply.statusCode, (reply.json() as { error: { code: string } }).error.code];
  /** A ticket issued, called and finished at counter 1 now. */
  const served = async () => {
    await post('/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id });
    const called = (await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station)).json<{ id: number }>();
    return (await post(`/api/tickets/${called.id}/finish`, station)).json<{ id: number; finishedAt: string }>();
  };
  const ratingRows = () => hub.ctx.db.prepare('SELECT ticket_id AS ticketId, score, levels FROM ticket_ratings ORDER BY ticket_id').all();

  it('takes one rating from the counter station within 2 minutes of the finish; GET /api/tickets/{id} and ticket.rated carry it', async () => {
    const ticket = await served();
    expect((await get(`/api/tickets/${ticket.id}`)).json()).toMatchObject({ id: ticket.id, rating: null });
    const seq = hub.ctx.queueStore.lastSeq();
    hub.clock.advance(120_000);
    const at = hub.clock.now().toISOString();
    const reply = await rate(ticket.id, 4);
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ id: ticket.id, status: 'done', rating: { score: 4, at } });
    expect((await get(`/api/tickets/${ticket.id}`, station)).json()).toMatchObject({ rating: { score: 4, at } });
    const events = hub.ctx.queueStore.events.messagesSince(seq, 10).map((message) => JSON.parse(message) as Json);
    expect(events).toEqual([
      {
        seq: seq + 1,
        type: 'ticket.rated',
        at,
        ticket: expect.objectContaining({ id: ticket.id, status: 'done' }),
        counterId: hub.centre.counter1.id,
        rating: { score: 4, at },
        queues: [expect.objectContaining({ serviceId: hub.centre.a.id }), expect.objectContaining({ serviceId: hub.centre.b.id }), expect.objectContaining({ serviceId: hub.centre.c.id })],
      },
    ]);
    expect(error(await rate(ticket.id, 3, hub.tokens.staff))).toEqual([409, 'rating.already_given']);
    expect(ratingRows()).toEqual([{ ticketId: ticket.id, score: 4, levels: 4 }]);
  });

  it('refuses after the window, before the finish, off the scale, and from another counter station', async () => {
    const late = await served();
    hub.clock.advance(120_001);
    expect(error(await rate(late.id, 4))).toEqual([409, 'rating.closed']);
    const fresh = await served();
    expect(error(await rate(fresh.id, 5))).toEqual([400, 'rating.invalid_score']); // the default scale has 4 levels
    expect(error(await rate(fresh.id, 0))).toEqual([400, 'request.invalid']);
    const other = (await hub.pairDevice('counter', hub.centre.counter2.id)).token;
    expect(error(await rate(fresh.id, 4, other))).toEqual([403, 'counter.not_yours']);
    expect(error(await rate(fresh.id, 4, (await hub.pairDevice('display')).token))).toEqual([403, 'auth.forbidden']);
    await post('/api/tickets', hub.tokens.staff, { serviceId: hub.centre.a.id });
    const called = (await post(`/api/counters/${hub.centre.counter1.id}/call-next`, station)).json<{ id: number }>();
    expect(error(await rate(called.id, 4))).toEqual([409, 'ticket.wrong_state']);
    expect(error(await rate(4242, 4))).toEqual([404, 'ticket.not_found']);
    expect(ratingRows()).toEqual([]);
  });

  it('takes its scale and window from the settings, and gives stations the scale in vi and en', async () => {
    const settings = (await get('/api/settings', station)).json<Json>();
    expect(settings).toMatchObject({ ratingScale: 4, ratingWindowSeconds: 120 });
    expect(settings.ratingLabels).toEqual([
      { score: 4, vi: 'Rất hài lòng', en: 'Very satisfied' },
      { score: 3, vi: 'Hài lòng', en: 'Satisfied' },
      { score: 2, vi: 'Bình thường', en: 'Neutral' },
      { score: 1, vi: 'Không hài lòng', en: 'Dissatisfied' },
    ]);
    const patch = (payload: Json) => hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload });
    const five = await patch({ ratingScale: 5, ratingWindowSeconds: 30 });
    expect(five.json()).toMatchObject({ ratingScale: 5, ratingWindowSeconds: 30 });
    expect(five.json<{ ratingLabels: { score: number }[] }>().ratingLabels.map((label) => label.score)).toEqual([5, 4, 3, 2, 1]);
    const first = await served();
    hub.clock.advance(30_000);
    expect((await rate(first.id, 5)).json()).toMatchObject({ rating: { score: 5 } });
    const second = await served();
    hub.clock.advance(30_001);
    expect(error(await rate(second.id, 4))).toEqual([409, 'rating.closed']);

    expect((await patch({ ratingScale: 3 })).json()).toMatchObject({ ratingScale: 3, ratingLabels: [{ score: 3, vi: 'Hài lòng', en: 'Satisfied' }, { score: 2 }, { score: 1 }] });
    const third = await served();
    expect(error(await rate(third.id, 4))).toEqual([400, 'rating.invalid_score']);
    expect(ratingRows()).toEqual([{ ticketId: first.id, score: 5, levels: 5 }]);
  });
});
