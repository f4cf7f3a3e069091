import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { TicketFeeds } from '../../apps/hub/src/citizen-pages/ticket-feeds.js';
import type { TicketPublicState } from '../../apps/hub/src/citizen-pages/ticket-state.js';

const waiting = (ahead: number): TicketPublicState => ({
  type: 'ticket',
  label: 'A002',
  status: 'waiting',
  service: { vi: 'Đất đai', en: 'Land' },
  ahead,
  estimatedWaitSeconds: ahead * 300,
  counter: null,
  call: null,
  lines: [],
});

/**
 * The feeds' own upkeep, on real WebSockets over loopback (a ws server stands for the hub's route):
 * heartbeats, a phone that stopped answering dropped, only changes sent, the limits per address and
 * in all. The state comes from a function here instead of the database: what is read is the hub
 * test's business (tests/hub/ticket-live.test.ts); this one is about the sockets.
 */
describe('the ticket feeds on their sockets', () => {
  let server: WebSocketServer | undefined;
  let feeds: TicketFeeds | undefined;
  const clients: WebSocket[] = [];

  afterEach(async () => {
    feeds?.close();
    for (const client of clients.splice(0)) client.terminate();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** A server whose connections become feeds of ticket 1, each from the address `?from=` gives. */
  async function serve(state: () => TicketPublicState | undefined, limits = { perAddress: 2, total: 3, heartbeatMs: 100 }): Promise<string> {
    feeds = new TicketFeeds(() => state(), pino({ level: 'silent' }), limits);
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server.on('connection', (socket, request) => feeds?.attach(socket, 1, new URL(request.url ?? '/', 'http://x').searchParams.get('from') ?? 'a'));
    await new Promise((resolve) => server?.once('listening', resolve));
    return `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  function connect(url: string): { socket: WebSocket; messages: Record<string, unknown>[]; closed: Promise<number> } {
    const socket = new WebSocket(url);
    clients.push(socket);
    const messages: Record<string, unknown>[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    socket.on('error', () => undefined);
    return { socket, messages, closed: new Promise((resolve) => socket.on('close', (code) => resolve(code))) };
  }
  const until = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  };

  it('sends the state at once, then only what changed, and heartbeats between', async () => {
    let state = waiting(2);
    const url = await serve(() => state);
    const phone = connect(url);
    await until(() => phone.messages.length >= 1, 'the first state');
    feeds?.refreshAll(); // nothing changed: nothing sent
    state = waiting(1);
    feeds?.refreshAll();
    await until(() => phone.messages.filter((m) => m.type === 'heartbeat').length >= 2, 'two heartbeats');
    expect(phone.messages.filter((m) => m.type === 'ticket').map((m) => m.ahead)).toEqual([2, 1]);
  });

  it('drops a phone that stopped answering pings (gone from the Wi-Fi without a close)', async () => {
    const url = await serve(() => waiting(0));
    const phone = connect(url);
    await until(() => phone.messages.length >= 1, 'the first state');
    expect(feeds?.size).toBe(1);
    // The phone's side stops reading: no more pongs.
    (phone.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    await until(() => feeds?.size === 0, 'the feed dropped');
  });

  it('takes at most perAddress feeds from one address and total in all; a closed one frees its place', async () => {
    const url = await serve(() => waiting(0));
    const [a1, a2, a3] = [connect(`${url}/?from=a`), connect(`${url}/?from=a`), connect(`${url}/?from=a`)];
    expect(await a3?.closed).toBe(1013);
    await until(() => (a1?.messages.length ?? 0) >= 1 && (a2?.messages.length ?? 0) >= 1, 'two feeds');
    expect(feeds?.admits('a')).toBe(false);
    expect(feeds?.admits('b')).toBe(true);
    const b1 = connect(`${url}/?from=b`);
    await until(() => b1.messages.length >= 1, 'the third feed');
    expect(feeds?.admits('c')).toBe(false); // 3 in all
    a1?.socket.close();
    await until(() => feeds?.admits('a') === true, 'a place freed');
  });

  it('ends the feed with 1000 "ticket ended" once the ticket is over, or gone', async () => {
    let state: TicketPublicState | undefined = waiting(0);
    const url = await serve(() => state);
    const phone = connect(url);
    await until(() => phone.messages.length >= 1, 'the first state');
    state = { ...waiting(0), status: 'no_show', ahead: null, estimatedWaitSeconds: null };
    feeds?.refreshAll();
    expect(await phone.closed).toBe(1000);
    expect(phone.messages.map((m) => m.status)).toEqual(['waiting', 'no_show']);

    state = undefined;
    const late = connect(url);
    expect(await late.closed).toBe(1000);
    expect(late.messages).toEqual([]);
  });
});
