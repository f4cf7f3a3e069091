import type {} from '@fastify/websocket';
import { HubClient } from '@qms/client';
import { FakeClock } from '@qms/core';
import { CredentialStore, HubLink } from '@qms/station';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/** Long enough for a request on loopback to arrive and be answered, had the link sent one. */
const settleMs = 300;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The link's timed rules on a FakeClock (its own; the hub keeps the test hub's), against the
 * hub's app on loopback: nothing waits for real time but the network.
 */
describe('hub link timing', () => {
  let hub: TestHub;
  let hubUrl: string;
  let dir: ReturnType<typeof tempDir>;
  let link: HubLink;
  let clock: FakeClock;
  /** Requests the link sent, by path (counted on its own client: a spy, nothing replaced). */
  let sent: Map<string, number>;

  beforeEach(async () => {
    // The hub replays at most two missed events; further behind, a reconnecting station gets a resync.
    hub = await createTestHub({ events: { maxBufferedBytes: 1024 * 1024, maxReplay: 2, heartbeatMs: 15_000 } });
    hubUrl = await hub.listen();
    dir = tempDir('qms-link-clock-');
    clock = new FakeClock('2026-11-27T01:00:00.000Z');
  });
  afterEach(async () => {
    link.stop();
    await hub.close();
    dir.cleanup();
  });

  function newLink(options: { refreshEveryMs?: number; pollMs?: number } = {}): HubLink {
    link = new HubLink({ hubUrl, kind: 'display', name: 'hall', credentials: new CredentialStore(dir.path), clock, ...options });
    sent = new Map();
    const request = link.client.request.bind(link.client);
    link.client.request = (method, path, ...rest) => {
      sent.set(path, (sent.get(path) ?? 0) + 1);
      return request(method, path, ...rest);
    };
    return link;
  }
  const count = (path: string) => sent.get(path) ?? 0;

  it('fetches /api/state again once refreshEveryMs has passed since the last one, not before, whatever the events', async () => {
    const { token, deviceId } = await hub.pairDevice('display');
    new CredentialStore(dir.path).save({ state: 'paired', hubUrl, deviceId, token });
    // 20 s: the event stream's 40 s of silence (no heartbeat comes in fake time) runs on the same clock.
    newLink({ refreshEveryMs: 20_000 }).start();
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('ready');
    expect(count('/api/state')).toBe(1);

    // An event changes the state without a fetch.
    const staff = new HubClient({ baseUrl: hubUrl, token: hub.tokens.staff });
    await staff.issueTicket(hub.centre.a.id);
    await expect.poll(() => link.state?.services.find((s) => s.id === hub.centre.a.id)?.waiting, { timeout: 5_000 }).toBe(1);

    await clock.advanceAsync(19_999);
    await pause(settleMs);
    expect(count('/api/state')).toBe(1);
    await clock.advanceAsync(1);
    await expect.poll(() => count('/api/state'), { timeout: 5_000 }).toBe(2);
    await pause(settleMs); // the answer arrives and the timer starts again from there

    // The period starts again from that fetch; an event in between does not move it.
    await clock.advanceAsync(5_000);
    await staff.issueTicket(hub.centre.a.id);
    await expect.poll(() => link.state?.services.find((s) => s.id === hub.centre.a.id)?.waiting, { timeout: 5_000 }).toBe(2);
    await clock.advanceAsync(14_999);
    await pause(settleMs);
    expect(count('/api/state')).toBe(2);
    await clock.advanceAsync(1);
    await expect.poll(() => count('/api/state'), { timeout: 5_000 }).toBe(3);
    expect(link.phase).toBe('ready');
  });

  it('reconnects after its backoff on the clock; too far behind, it takes the snapshot a resync brings', async () => {
    const { token, deviceId } = await hub.pairDevice('display');
    new CredentialStore(dir.path).save({ state: 'paired', hubUrl, deviceId, token });
    newLink({ refreshEveryMs: 20_000 }).start();
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('ready');
    expect(count('/api/state')).toBe(1);

    // The network drops the link's socket; meanwhile the queue moves on by more than the hub replays.
    for (const socket of hub.app.websocketServer.clients) socket.terminate();
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('reconnecting');
    const staff = new HubClient({ baseUrl: hubUrl, token: hub.tokens.staff });
    for (let i = 0; i < 3; i++) await staff.issueTicket(hub.centre.a.id);
    await staff.callNext(hub.centre.counter1.id);
    await pause(settleMs);
    expect(link.phase).toBe('reconnecting'); // the first attempt waits 200 ms on the fake clock

    await clock.advanceAsync(200);
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('ready');
    await expect.poll(() => count('/api/state'), { timeout: 5_000 }).toBe(2);
    const fresh = await staff.state();
    await expect.poll(() => link.state?.seq, { timeout: 5_000 }).toBe(fresh.seq);
    expect({ ...link.state, serverTime: null }).toStrictEqual({ ...fresh, serverTime: null });
  });

  it('asks whether the pairing was approved every pollMs, not more often', async () => {
    newLink({ pollMs: 2_000 }).start();
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('pairing');
    const polls = () => [...sent.keys()].filter((path) => path.startsWith('/api/devices/pair/')).reduce((sum, path) => sum + count(path), 0);
    await expect.poll(polls, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => clock.pending, { timeout: 5_000 }).toBe(1); // the answer came: the link sleeps
    await clock.advanceAsync(1_999);
    await pause(settleMs);
    expect(polls()).toBe(1);
    await clock.advanceAsync(1);
    await expect.poll(polls, { timeout: 5_000 }).toBe(2);
    await expect.poll(() => clock.pending, { timeout: 5_000 }).toBe(1);
    await clock.advanceAsync(2_000);
    await expect.poll(polls, { timeout: 5_000 }).toBe(3);
  });
});
