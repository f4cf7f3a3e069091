import { TicketLiveMessageSchema } from '@qms/protocol';
import Ajv from 'ajv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

interface Feed {
  socket: WebSocket;
  /** The ticket messages so far (heartbeats aside). */
  messages: Record<string, unknown>[];
  next(count: number): Promise<Record<string, unknown>[]>;
  closed: Promise<{ code: number; reason: string }>;
}

/**
 * The live feed of one ticket for the page its QR code opens (GET /api/tickets/{id}/live?label=): on
 * a real hub (SQLite file, queue worker) listening on loopback, with real WebSocket clients.
 */
describe("a ticket's live feed for the citizen's phone", () => {
  let hub: TestHub;
  let base: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    hub = await createTestHub();
    base = (await hub.listen()).replace('http://', 'ws://');
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await hub.close();
  });

  const citizen = { name: 'TRẦN THỊ MAI', idMasked: '036******789' };
  const issue = (serviceId = hub.centre.a.id) =>
    hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId, citizen } }).then((r) => r.json<{ id: number; label: string }>());
  const post = (url: string) => hub.app.inject({ method: 'POST', url, headers: bearer(hub.tokens.staff) });
  const callNext = () => post(`/api/counters/${hub.centre.counter1.id}/call-next`);

  function follow(ticketId: number, label: string): Feed {
    const socket = new WebSocket(`${base}/api/tickets/${ticketId}/live?label=${encodeURIComponent(label)}`);
    sockets.push(socket);
    socket.on('error', () => undefined); // refused upgrades end up here; the tests read 'unexpected-response'
    const messages: Record<string, unknown>[] = [];
    let waiter: { count: number; resolve: (m: Record<string, unknown>[]) => void } | undefined;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type === 'heartbeat') return;
      messages.push(message);
      if (waiter && messages.length >= waiter.count) waiter.resolve(messages.slice(0, waiter.count));
    });
    return {
      socket,
      messages,
      closed: new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }))),
      next: (count) =>
        new Promise((resolve, reject) => {
          if (messages.length >= count) return resolve(messages.slice(0, count));
          waiter = { count, resolve };
          setTimeout(() => reject(new Error(`only ${messages.length} of ${count} messages: ${JSON.stringify(messages)}`)), 5_000).unref();
        }),
    };
  }

  /** The HTTP status of a refused upgrade (or 101 when it opened). */
  const upgradeStatus = (feed: Feed) =>
    new Promise<number>((resolve) => {
      feed.socket.once('open', () => resolve(101));
      feed.socket.once('unexpected-response', (request, response) => {
        request.destroy();
        resolve(response.statusCode ?? 0);
      });
    });

  it('opens only with the id and the label together: a wrong label, a wrong id, a plain GET', async () => {
    const a1 = await issue();
    const a2 = await issue();
    expect(await upgradeStatus(follow(a1.id, a2.label))).toBe(404);
    expect(await upgradeStatus(follow(a1.id + 100, a1.label))).toBe(404);
    expect(await upgradeStatus(follow(a1.id, 'a001'))).toBe(404);
    expect(await upgradeStatus(follow(a1.id, a1.label))).toBe(101);

    // Without the upgrade: the same 404 for any wrong pair, and 426 for the right one.
    const plain = (url: string) => hub.app.inject({ method: 'GET', url });
    const wrongLabel = await plain(`/api/tickets/${a1.id}/live?label=${a2.label}`);
    const wrongId = await plain(`/api/tickets/${a1.id + 100}/live?label=${a1.label}`);
    expect(wrongLabel.statusCode).toBe(404);
    expect(wrongLabel.json()).toEqual(wrongId.json());
    expect(wrongLabel.json().error.code).toBe('ticket.not_found');
    expect((await plain(`/api/tickets/${a1.id}/live?label=${a1.label}`)).json().error.code).toBe('request.upgrade_required');
    expect((await plain(`/api/tickets/${a1.id}/live`)).statusCode).toBe(400);
  });

  it("sends that ticket's state at once and after each change, in order, only that ticket's, and closes when it is done", async () => {
    const a1 = await issue();
    const a2 = await issue();
    const feed = follow(a2.id, a2.label);
    const [first] = await feed.next(1);
    expect(first).toEqual({
      type: 'ticket',
      label: 'A002',
      status: 'waiting',
      service: { vi: 'dat-dai', en: expect.any(String) },
      ahead: 1,
      estimatedWaitSeconds: expect.any(Number),
      counter: null,
      call: null,
      lines: expect.arrayContaining([{ vi: 'Số người chờ trước bạn: 1', en: 'People ahead of you: 1' }]),
    });

    await callNext(); // A001 to counter 1: one fewer ahead of A002
    await post(`/api/tickets/${a1.id}/finish`);
    // A ticket of another service changes nothing for A002: nothing is sent for it.
    await issue(hub.centre.c.id);
    await callNext(); // A002 now
    await post(`/api/tickets/${a2.id}/recall`);
    await post(`/api/tickets/${a2.id}/start`);
    await post(`/api/tickets/${a2.id}/finish`);
    const closed = await feed.closed;
    expect(closed).toEqual({ code: 1000, reason: 'ticket ended' });

    const steps = feed.messages.map((m) => [m.status, m.ahead, m.counter]);
    expect(steps).toEqual([
      ['waiting', 1, null],
      ['waiting', 0, null],
      ['called', null, 1],
      ['called', null, 1], // the recall: the same place, a new call
      ['serving', null, 1],
      ['done', null, null],
    ]);
    const calls = feed.messages.map((m) => m.call);
    expect(calls[2]).toEqual(expect.any(String));
    expect(calls[3]).toEqual(expect.any(String));
    expect(calls[3]).not.toBe(calls[2]);
    expect(feed.messages[2]?.lines).toEqual([{ vi: 'Mời đến Quầy 1', en: 'Please go to counter 1' }]);
    const valid = new Ajv({ strict: false }).compile(TicketLiveMessageSchema);
    for (const message of feed.messages) {
      expect(valid(message), JSON.stringify(valid.errors)).toBe(true);
      expect(Object.keys(message).sort()).toEqual(['ahead', 'call', 'counter', 'estimatedWaitSeconds', 'label', 'lines', 'service', 'status', 'type']);
    }
    // Nothing about the person, nor about the other tickets.
    const all = JSON.stringify(feed.messages);
    for (const secret of [citizen.name, citizen.idMasked, 'A001', 'C001', 'staff1']) expect(all).not.toContain(secret);
  });

  it('ends at once for a ticket already over, and when a waiting ticket is cancelled', async () => {
    const a1 = await issue();
    const a2 = await issue();
    await post(`/api/tickets/${a1.id}/cancel`);
    const over = follow(a1.id, a1.label);
    expect(await over.closed).toEqual({ code: 1000, reason: 'ticket ended' });
    expect(over.messages.map((m) => m.status)).toEqual(['cancelled']);

    const waiting = follow(a2.id, a2.label);
    await waiting.next(1);
    await post(`/api/tickets/${a2.id}/cancel`);
    expect(await waiting.closed).toEqual({ code: 1000, reason: 'ticket ended' });
    expect(waiting.messages.map((m) => m.status)).toEqual(['waiting', 'cancelled']);
  });

  it('ignores what the phone sends and takes at most 20 feeds from one address', async () => {
    const a1 = await issue();
    const feeds = Array.from({ length: 20 }, () => follow(a1.id, a1.label));
    expect(await Promise.all(feeds.map(upgradeStatus))).toEqual(Array.from({ length: 20 }, () => 101));
    const refused = await hub.app.inject({ method: 'GET', url: `/api/tickets/${a1.id}/live?label=${a1.label}`, remoteAddress: '127.0.0.1' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('ticket.too_many_feeds');
    expect(await upgradeStatus(follow(a1.id, a1.label))).toBe(429);

    feeds[0]?.socket.send(JSON.stringify({ type: 'ticket', status: 'done' }));
    await feeds[0]?.next(1);
    expect((await hub.app.inject({ method: 'GET', url: `/api/tickets/${a1.id}`, headers: bearer(hub.tokens.staff) })).json().status).toBe('waiting');

    // One closed: one more may open.
    feeds[1]?.socket.close();
    await feeds[1]?.closed;
    await new Promise((resolve) => setTimeout(resolve, 50)); // the hub sees the close
    expect(await upgradeStatus(follow(a1.id, a1.label))).toBe(101);
  });
});
