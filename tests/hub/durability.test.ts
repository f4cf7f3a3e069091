import { copyFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../support/temp-dir.js';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

/**
 * A change is answered, and its event published, only once it is on disk. The queue worker's
 * fdatasync is held back by a gate the test opens (fault injection: the order of an fsync and an
 * answer cannot be observed from outside otherwise); the group-commit test uses no gate.
 */
describe('durable before acknowledged', () => {
  let hub: TestHub;
  const dir = tempDir();
  afterEach(() => hub.close());
  afterAll(() => dir.cleanup());

  /** The queue worker's test gate: [0] = 1 holds each fdatasync, [1] = 1 fails the next one, [2] = 1 the next COMMIT. */
  function syncGate() {
    const buffer = new SharedArrayBuffer(12);
    const cells = new Int32Array(buffer);
    return {
      buffer,
      hold: () => Atomics.store(cells, 0, 1),
      release: () => {
        Atomics.store(cells, 0, 0);
        Atomics.notify(cells, 0);
      },
      failNext: () => Atomics.store(cells, 1, 1),
      failNextCommit: () => Atomics.store(cells, 2, 1),
    };
  }

  const issue = (serviceId: number) => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId } });
  /**
   * The changes sent while the worker is held in an fdatasync wait in its port, and run together
   * when the sync is let go: one batch (one transaction) the test can count on.
   */
  async function inOneBatch<T>(gate: ReturnType<typeof syncGate>, send: () => Promise<T>[]): Promise<{ held: Awaited<ReturnType<typeof issue>>; replies: T[] }> {
    gate.hold();
    const syncs = hub.ctx.queue.syncCount;
    const held = issue(hub.centre.b.id);
    // Its commit is in, its sync held: the worker thread waits in it.
    await expect.poll(() => hub.ctx.queueStore.listTickets({ businessDay: hub.ctx.queueStore.getSetting('business_day') ?? '' }).length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const pending = send();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hub.ctx.queue.syncCount).toBe(syncs);
    gate.release();
    return { held: await held, replies: await Promise.all(pending) };
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
    const gate = syncGate();
    hub = await createTestHub({ syncGate: gate.buffer });
    const { socket, messages } = await listen();
    gate.hold();
    let answered = false;
    const reply = hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } }).then((r) => {
      answered = true;
      return r;
    });
    // Committed (visible to the hub's own reads) but not yet acknowledged, nor announced.
    await expect.poll(() => hub.ctx.queueStore.listTickets({ businessDay: '2026-11-27' }).length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    expect(messages).toEqual([]);

    gate.release();
    expect((await reply).statusCode).toBe(201);
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatchObject({ type: 'ticket.issued', seq: hub.ctx.queueStore.lastSeq() });
    socket.terminate();
  });

  it('answers 503 when the disk refuses the sync, and stops changing anything until a restart', async () => {
    const gate = syncGate();
    hub = await createTestHub({ syncGate: gate.buffer });
    const { socket, messages } = await listen();
    gate.failNext();
    const failed = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } });
    expect(failed.statusCode).toBe(503);
    expect(failed.json().error.code).toBe('hub.unavailable');
    expect(messages).toEqual([]);

    // After a failed fsync the page cache cannot be trusted: no further change, a clear health answer.
    const second = await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } });
    expect(second.statusCode).toBe(503);
    expect(second.json().error.message).toMatch(/check the disk, then restart the hub/);
    const health = await hub.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'failed', reason: expect.stringMatching(/restart the hub/) });
    // Reading still works, and nothing was announced.
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(hub.tokens.staff) })).statusCode).toBe(200);
    expect(messages).toEqual([]);
    socket.terminate();
  });

  it('runs the changes that arrive together in one transaction: when its COMMIT fails, none of them happened, all answer 503, and the hub stops changing anything', async () => {
    const gate = syncGate();
    hub = await createTestHub({ syncGate: gate.buffer });
    const { socket, messages } = await listen();
    expect((await issue(hub.centre.a.id)).statusCode).toBe(201);
    await expect.poll(() => messages.length).toBe(1);
    const { held, replies } = await inOneBatch(gate, () => {
      gate.failNextCommit();
      return Array.from({ length: 5 }, () => issue(hub.centre.a.id));
    });
    expect(held.statusCode).toBe(201);
    expect(replies.map((r) => [r.statusCode, r.json().error.code])).toEqual(Array(5).fill([503, 'hub.unavailable']));
    // On disk: the two answered tickets, not one of the five; and no event announced for them.
    expect(hub.ctx.queueStore.listTickets({ businessDay: '2026-11-27' }).map((t) => t.label)).toEqual(['A001', 'B001']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(messages.map((m) => (m as { type: string }).type)).toEqual(['ticket.issued', 'ticket.issued']);
    // The engine's memory may be ahead of the disk after that: no further change until a restart.
    const after = await issue(hub.centre.a.id);
    expect(after.statusCode).toBe(503);
    expect(after.json().error.message).toMatch(/check the disk, then restart the hub/);
    expect((await hub.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(503);
    socket.terminate();
  });

  it('undoes a change that fails inside a batch alone: the day rolled over once, the others committed', async () => {
    const gate = syncGate();
    hub = await createTestHub({ syncGate: gate.buffer });
    hub.clock.set('2026-11-27T16:30:00.000Z'); // 23:30 in Hanoi
    await hub.signIn();
    expect((await issue(hub.centre.a.id)).statusCode).toBe(201);
    // The next day's first changes: each first rolls the day over (yesterday's unserved cancelled,
    // a day.closed event), then one of them fails (no such field) and is undone, with its rollover.
    const { replies } = await inOneBatch(gate, () => {
      hub.clock.set('2026-11-27T17:30:00.000Z'); // 00:30 on the 28th
      return [issue(9999), issue(hub.centre.a.id), issue(9998), issue(hub.centre.a.id)];
    });
    expect(replies.map((r) => r.statusCode)).toEqual([404, 201, 404, 201]);
    expect(replies.filter((r) => r.statusCode === 201).map((r) => r.json().label)).toEqual(['A001', 'A002']);
    expect(hub.ctx.queueStore.getSetting('business_day')).toBe('2026-11-28');
    const events = hub.ctx.queueStore.events.messagesSince(0, 100).map((m) => (JSON.parse(m) as { type: string }).type);
    expect(events.filter((type) => type === 'day.closed')).toHaveLength(1);
    expect(events.slice(-3)).toEqual(['day.closed', 'ticket.issued', 'ticket.issued']);
    const tickets = hub.ctx.queueStore.listTickets({ businessDay: '2026-11-27' });
    expect(tickets.map((t) => [t.label, t.businessDay, t.status])).toEqual([
      ['A001', '2026-11-27', 'cancelled'],
      ['B001', '2026-11-27', 'cancelled'],
      ['A001', '2026-11-28', 'waiting'],
      ['A002', '2026-11-28', 'waiting'],
    ]);
  });

  it('shares one fdatasync among changes that arrive together (group commit)', async () => {
    hub = await createTestHub();
    const before = hub.ctx.queue.syncCount;
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.b.id } })),
    );
    expect(replies.every((r) => r.statusCode === 201)).toBe(true);
    const syncs = hub.ctx.queue.syncCount - before;
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThan(40);
  });

  it('checkpoints the WAL into the database file in the background', async () => {
    hub = await createTestHub();
    const file = `${hub.dataDir}/qms.db`;
    const before = statSync(file).size;
    for (let i = 0; i < 20; i++) {
      await Promise.all(Array.from({ length: 20 }, () => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.b.id } })));
    }
    // The main connection never checkpoints (wal_autocheckpoint=0): the growth is the worker's doing.
    expect(hub.ctx.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await expect.poll(() => statSync(file).size, { timeout: 5_000 }).toBeGreaterThan(before);
  });

  it("checkpoints the main connection's own writes too, with no queue change since (a hub left idle checkpoints nothing)", async () => {
    hub = await createTestHub();
    const tokensInTheFile = () => {
      // The database file alone, without its WAL: what the checkpoints copied so far.
      const copy = join(dir.path, `copy-${Date.now()}-${Math.random()}.db`);
      copyFileSync(`${hub.dataDir}/qms.db`, copy);
      const db = new Database(copy, { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.b.id } });
    const tokens = (hub.ctx.db.prepare('SELECT count(*) AS n FROM tokens').get() as { n: number }).n;
    await expect.poll(tokensInTheFile, { timeout: 5_000 }).toBe(tokens);
    // Only logins now: rows written by the main connection, which never checkpoints.
    for (let i = 0; i < 3; i++) {
      const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff1', password: PASSWORD } });
      expect(login.statusCode).toBe(200);
    }
    await expect.poll(tokensInTheFile, { timeout: 5_000 }).toBe(tokens + 3);
  });

  it('does not sync for answers that changed nothing', async () => {
    hub = await createTestHub();
    await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter2.id}/pause`, headers: bearer(hub.tokens.staff) });
    const before = hub.ctx.queue.syncCount;
    await hub.app.inject({ method: 'POST', url: `/api/tickets/999/recall`, headers: bearer(hub.tokens.staff) });
    await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(hub.tokens.staff) });
    expect(hub.ctx.queue.syncCount).toBe(before);
  });
});
