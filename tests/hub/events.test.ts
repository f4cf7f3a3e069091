import { EventStream, HubClient } from '@qms/client';
import type { QueueEvent } from '@qms/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

interface Feed {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  /** Resolves with the messages once `count` of them (heartbeats aside) have arrived. */
  next(count: number): Promise<Record<string, unknown>[]>;
  closed: Promise<{ code: number; reason: string }>;
}

describe('live events over WebSocket', () => {
  let hub: TestHub;
  let base: string;
  /** The seq after the test centre was set up (its configuration changes are events too). */
  let s0: number;
  const feeds: Feed[] = [];

  beforeEach(async () => {
    hub = await createTestHub({ events: { maxBufferedBytes: 64 * 1024, maxReplay: 1_000, heartbeatMs: 200 } });
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hub.app.server.address();
    base = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    s0 = hub.ctx.queueStore.lastSeq();
  });
  afterEach(async () => {
    for (const feed of feeds.splice(0)) feed.socket.terminate();
    await hub.close();
  });

  function subscribe(query = '', token: string | null = hub.tokens.staff, viaQuery = false): Feed {
    const search = new URLSearchParams(query);
    if (token && viaQuery) search.set('token', token);
    const url = `ws://${base}/api/events${search.size ? `?${search}` : ''}`;
    const socket = new WebSocket(url, { headers: token && !viaQuery ? bearer(token) : {} });
    const errors: Error[] = [];
    socket.on('error', (error) => errors.push(error)); // refused upgrades and terminations end up here
    const messages: Record<string, unknown>[] = [];
    let waiter: { count: number; resolve: (m: Record<string, unknown>[]) => void } | undefined;
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type === 'heartbeat') return;
      messages.push(message);
      if (waiter && messages.length >= waiter.count) waiter.resolve(messages.slice(0, waiter.count));
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    const feed: Feed = {
      socket,
      messages,
      closed,
      next: (count) =>
        new Promise((resolve, reject) => {
          if (messages.length >= count) return resolve(messages.slice(0, count));
          waiter = { count, resolve };
          setTimeout(() => reject(new Error(`only ${messages.length} of ${count} messages: ${JSON.stringify(messages)}`)), 5_000).unref();
        }),
    };
    feeds.push(feed);
    return feed;
  }

  const opened = (feed: Feed) =>
    new Promise<void>((resolve, reject) => {
      feed.socket.once('open', () => resolve());
      feed.socket.once('unexpected-response', (request, response) => {
        request.destroy(); // ws leaves a refused upgrade's request open for whoever listens here
        reject(new Error(`HTTP ${response.statusCode}`));
      });
    });

  const issue = (serviceId = hub.centre.a.id) => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId } }).then((r) => r.json());
  const callNext = (counterId = hub.centre.counter1.id) => hub.app.inject({ method: 'POST', url: `/api/counters/${counterId}/call-next`, headers: bearer(hub.tokens.staff) });

  it('publishes every change with an increasing seq: issued, then called with ticket and counter', async () => {
    const feed = subscribe();
    await opened(feed);
    const ticket = await issue();
    await callNext();
    const [issued, called] = await feed.next(2);
    expect(issued).toMatchObject({
      seq: s0 + 1,
      type: 'ticket.issued',
      at: '2026-11-27T01:00:00.000Z',
      ticket: { id: ticket.id, label: 'A001' },
      // A, then B and C: they share a counter with A, so their estimates move with A's count.
      queues: [{ serviceId: hub.centre.a.id, waiting: 1 }, { serviceId: hub.centre.b.id }, { serviceId: hub.centre.c.id }],
    });
    expect(called).toMatchObject({ seq: s0 + 2, type: 'ticket.called', counterId: hub.centre.counter1.id, ticket: { id: ticket.id, status: 'called', counterId: hub.centre.counter1.id } });
  });

  it('replays what a reconnecting client missed, in order, then continues live', async () => {
    await issue();
    await issue();
    await callNext();
    const feed = subscribe(`since=${s0 + 1}`);
    await opened(feed);
    await issue(hub.centre.b.id);
    const messages = await feed.next(3);
    expect(messages.map((m) => [m.seq, m.type])).toEqual([
      [s0 + 2, 'ticket.issued'],
      [s0 + 3, 'ticket.called'],
      [s0 + 4, 'ticket.issued'],
    ]);
  });

  it('sends nothing old to a client that is up to date, and a resync for a seq it does not know', async () => {
    await issue();
    const current = subscribe(`since=${s0 + 1}`);
    await opened(current);
    await issue();
    expect((await current.next(1))[0]).toMatchObject({ seq: s0 + 2, type: 'ticket.issued' });

    const ahead = subscribe('since=500');
    expect((await ahead.next(1))[0]).toMatchObject({ type: 'resync', seq: s0 + 2, reason: 'unknown_seq' });
  });

  it('sends a resync when the missed events are no longer kept', async () => {
    for (let i = 0; i < 5; i++) await issue();
    hub.ctx.queueStore.events.pruneKeeping(2);
    const tooOld = subscribe(`since=${s0 + 1}`);
    expect((await tooOld.next(1))[0]).toMatchObject({ type: 'resync', seq: s0 + 5, reason: 'too_old' });
    const justKept = subscribe(`since=${s0 + 3}`);
    expect((await justKept.next(2)).map((m) => m.seq)).toEqual([s0 + 4, s0 + 5]);
  });

  it('refuses the upgrade without a valid token, and takes ?token= from browsers', async () => {
    await expect(opened(subscribe('', null))).rejects.toThrow('HTTP 401');
    await expect(opened(subscribe('', 'bogus'))).rejects.toThrow('HTTP 401');
    const browser = subscribe('', hub.tokens.staff, true);
    await opened(browser);
    await issue();
    expect((await browser.next(1))[0]).toMatchObject({ type: 'ticket.issued' });
  });

  it('sends heartbeats, and closes the feed of a revoked device', async () => {
    const { token, deviceId } = await hub.pairDevice('display');
    const socket = new WebSocket(`ws://${base}/api/events`, { headers: bearer(token) });
    const heartbeat = new Promise<Record<string, unknown>>((resolve) =>
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'heartbeat') resolve(message);
      }),
    );
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    expect(await heartbeat).toMatchObject({ type: 'heartbeat', lastSeq: s0, at: expect.any(String) });
    expect(await heartbeat).not.toHaveProperty('seq');
    await hub.app.inject({ method: 'POST', url: `/api/devices/${deviceId}/revoke`, headers: bearer(hub.tokens.technician) });
    expect(await closed).toBe(4001);
  });

  it('drops a client that stops reading, and keeps serving the others in full', async () => {
    const slow = subscribe();
    const good = subscribe();
    await Promise.all([opened(slow), opened(good)]);
    // The slow client stops reading from its TCP socket.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const count = 300;
    for (let i = 0; i < count; i++) {
      await issue(i % 2 === 0 ? hub.centre.a.id : hub.centre.b.id);
      await callNext(i % 2 === 0 ? hub.centre.counter1.id : hub.centre.counter2.id);
    }
    // Each issue and each call is an event, and every call but each counter's first also finishes a ticket.
    const messages = await good.next(count * 3 - 2);
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: messages.length }, (_, i) => s0 + i + 1));
    expect(hub.ctx.events.size).toBe(1);
    (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    // The close frame (4008) waits behind the unread data; the hard close that follows may arrive first (1006).
    expect([4008, 1006]).toContain((await slow.closed).code);
  });

  it('the typed client resumes after a broken link and delivers each event once, in order', async () => {
    const client = new HubClient({ baseUrl: `http://${base}`, token: hub.tokens.staff });
    const seen: QueueEvent[] = [];
    let snapshots = 0;
    const stream = new EventStream(client, { onEvent: (event) => seen.push(event), onSnapshot: () => snapshots++ }, { minBackoffMs: 20 });
    await stream.start();
    for (let round = 0; round < 5; round++) {
      await issue();
      // Break every live link from the hub side, then keep changing things while the client is away.
      for (const socket of hub.ctx.events['subscribers' as never] as Set<{ socket: WebSocket }>) socket.socket.terminate();
      await issue(hub.centre.b.id);
      await callNext();
    }
    // 5 rounds of 2 issues and a call; every call after the first also finishes the ticket before it.
    await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(19);
    expect(seen.map((event) => event.seq)).toEqual(Array.from({ length: 19 }, (_, i) => s0 + i + 1));
    expect(seen.filter((event) => event.type === 'ticket.called')).toHaveLength(5);
    expect(snapshots).toBe(1);
    stream.close();
  });
});
