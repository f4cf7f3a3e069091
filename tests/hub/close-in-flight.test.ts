import { request as httpRequest, Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/**
 * Stopping the hub while a request is being answered: the answer goes out and its keep-alive
 * connection ends with it, so the close does not wait for the keep-alive timeout (72 s). The
 * queue worker's fdatasync is held by the test gate to keep the request in flight (fault injection:
 * a request cannot be held in the middle otherwise).
 */
describe('closing with a request in flight', () => {
  let hub: TestHub | undefined;
  afterEach(async () => {
    await hub?.close();
  });

  it('answers it and closes its connection, and the close ends at once', async () => {
    const gate = new Int32Array(new SharedArrayBuffer(8));
    hub = await createTestHub({ syncGate: gate.buffer as SharedArrayBuffer });
    const base = new URL(await hub.listen());
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    Atomics.store(gate, 0, 1); // hold each fdatasync
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const body = JSON.stringify({ serviceId: hub?.centre.a.id });
      const req = httpRequest(
        {
          host: base.hostname,
          port: base.port,
          path: '/api/tickets',
          method: 'POST',
          agent,
          headers: { ...bearer(hub?.tokens.staff ?? ''), 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    await expect.poll(() => hub?.ctx.queueStore.listTickets({ businessDay: '2026-11-27' }).length).toBe(1);

    const started = Date.now();
    const closed = hub.app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    Atomics.store(gate, 0, 0);
    Atomics.notify(gate, 0);
    expect(await answer).toEqual({ status: 201, connection: 'close' });
    await closed;
    expect(Date.now() - started).toBeLessThan(10_000);
    agent.destroy();
  });
});
