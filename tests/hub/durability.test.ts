import { fdatasync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/**
 * A change is answered, and its event published, only once it is on disk. The fdatasync is
 * replaced by a gate the test opens (a stand-in because the order of an fsync and an answer
 * cannot be observed from outside otherwise); the group-commit test uses the real fdatasync.
 */
describe('durable before acknowledged', () => {
  let hub: TestHub;
  afterEach(() => hub.close());

  /** Syncs at once until `hold` is set; then each sync waits for the test to release it. */
  function gatedSync() {
    const gate = {
      hold: false,
      waiting: [] as { release: (error?: Error) => void }[],
      sync: (fd: number) =>
        new Promise<void>((resolve, reject) => {
          const release = (error?: Error) => (error ? reject(error) : fdatasync(fd, (e) => (e ? reject(e) : resolve())));
          if (gate.hold) gate.waiting.push({ release });
          else release();
        }),
    };
    return gate;
  }

  async function listen(): Promise<{ socket: WebSocket; messages: unknown[] }> {
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const address = hub.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const socket = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: bearer(hub.tokens.staff) });
    const messages: unknown[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data));
      if (message.type !== 'heartbeat') messages.push(message);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    return { socket, messages };
  }

  it('holds the answer and the event until the WAL is synced', async () => {
    const gate = gatedSync();
    hub = await createTestHub({ sync: gate.sync });
    const { socket, messages } = await listen();
    gate.hold = true;
    let answered = false;
    const reply = hub.app
      .inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } })
      .then((r) => {
        answered = true;
        return r;
      });
    await expect.poll(() => gate.waiting.length).toBe(1);
    // Committed (visible to the hub) but not yet acknowledged, nor announced.
    expect(hub.ctx.queueStore.listTickets({ businessDay: '2026-11-27' })).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    expect(messages).toEqual([]);

    gate.waiting.shift()?.release();
    expect((await reply).statusCode).toBe(201);
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatchObject({ type: 'ticket.issued', seq: 1 });
    socket.terminate();
  });

  it('answers 503 when the disk refuses the sync, and publishes the event once a later sync succeeds', async () => {
    const gate = gatedSync();
    hub = await createTestHub({ sync: gate.sync });
    const { socket, messages } = await listen();
    gate.hold = true;
    const first = hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } });
    await expect.poll(() => gate.waiting.length).toBe(1);
    gate.waiting.shift()?.release(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    const failed = await first;
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error.code).toBe('hub.unavailable');
    expect(messages).toEqual([]);

    const second = hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } });
    await expect.poll(() => gate.waiting.length).toBe(1);
    gate.waiting.shift()?.release();
    expect((await second).statusCode).toBe(201);
    await expect.poll(() => messages.length).toBe(2);
    expect(messages.map((m) => (m as { seq: number }).seq)).toEqual([1, 2]);
    socket.terminate();
  });

  it('shares one fdatasync among changes that arrive together (group commit)', async () => {
    hub = await createTestHub();
    const before = hub.ctx.commits.syncCount;
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.b.id } })),
    );
    expect(replies.every((r) => r.statusCode === 201)).toBe(true);
    const syncs = hub.ctx.commits.syncCount - before;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThan(40);
  });

  it('does not sync for answers that changed nothing', async () => {
    hub = await createTestHub();
    await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter2.id}/pause`, headers: bearer(hub.tokens.staff) });
    const before = hub.ctx.commits.syncCount;
    await hub.app.inject({ method: 'POST', url: `/api/tickets/999/recall`, headers: bearer(hub.tokens.staff) });
    await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(hub.tokens.staff) });
    expect(hub.ctx.commits.syncCount).toBe(before);
  });
});
