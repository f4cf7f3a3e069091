import { type AddressInfo, createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInCounter } from '../support/counter-station.js';
import { createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The hub answers a call and sends its event on the WebSocket at once; on a busy LAN (or a busy
 * station) the event can arrive after the answer. A "finish" pressed in between is the clerk's
 * next press on the ticket just called, not "no ticket at this counter". A TCP proxy between the
 * station and the hub holds back what the hub sends on WebSocket connections (plain HTTP passes
 * at once): the real link, the real hub, only the network made slow.
 */
describe('a counter press right after its own call', () => {
  let hub: TestHub;
  let dir: ReturnType<typeof tempDir>;
  let proxy: Server;
  const sockets = new Set<Socket>();
  let stop: () => Promise<void> = async () => undefined;
  const WEBSOCKET_DELAY_MS = 700;

  beforeEach(async () => {
    hub = await createTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    dir = tempDir('qms-counter-own-call-');
    const hubPort = (hub.app.server.address() as AddressInfo).port;
    proxy = createServer((station) => {
      const upstream = connect(hubPort, '127.0.0.1');
      for (const socket of [station, upstream]) {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      }
      let websocket = false;
      station.on('data', (chunk) => {
        websocket ||= /\r\nupgrade: websocket\r\n/i.test(chunk.toString('latin1'));
        upstream.write(chunk);
      });
      // The same delay for every chunk of a connection keeps them in order.
      upstream.on('data', (chunk) => (websocket ? setTimeout(() => station.write(chunk), WEBSOCKET_DELAY_MS) : station.write(chunk)));
      station.on('close', () => upstream.destroy());
      upstream.on('close', () => setTimeout(() => station.destroy(), websocket ? WEBSOCKET_DELAY_MS : 0));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => proxy.close(resolve));
    await hub.close();
    dir.cleanup();
  });

  it('finishes the ticket it has just called before the hub link has shown the call', async () => {
    const counter = await signedInCounter(hub, dir.path, { hubUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` });
    stop = counter.stop;
    const { agent } = counter;
    const { ticket } = await hub.ctx.queue.call('issue', { serviceId: hub.centre.a.id, issuedBy: 'test' });
    const called = await agent.act('call-next');
    expect(called.current?.label).toBe(ticket.label);
    // The event is still on its way: the link's state does not show the call yet.
    expect(agent.view().current).toBeNull();
    const finished = await agent.act('finish');
    expect(finished.current).toBeNull();
    expect(hub.ctx.queueStore.getTicket(ticket.id)?.status).toBe('done');
    // Then the link catches up: the call, then the finish, and the screen shows no ticket.
    await expect.poll(() => agent.view().counter?.status, { timeout: 5_000 }).toBe('open');
    await new Promise((resolve) => setTimeout(resolve, 2 * WEBSOCKET_DELAY_MS));
    expect(agent.view().current).toBeNull();
    // A second finish finds nothing to finish: the call is not remembered past its ticket.
    await expect(agent.act('finish')).rejects.toMatchObject({ code: 'counter.no_ticket' });
  });
});
