import { isDeepStrictEqual } from 'node:util';
import { HubClient, HubError } from '@qms/client';
import { PAUSE_REASONS, type Priority } from '@qms/core';
import type { StateDto, TicketDto } from '@qms/protocol';
import { CredentialStore, HubLink } from '@qms/station';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/** A small seeded generator, so a failing mix can be replayed (the seed is in the test's name). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** What a station shows: everything /api/state answers but the instant it answered. */
const shown = ({ serverTime: _serverTime, ...rest }: StateDto) => rest;

/**
 * The hub link keeps its state from the events alone, and that state is what a fresh /api/state
 * answers, whatever the clerks do: a real hub (SQLite, queue worker, HTTP and WebSocket on
 * loopback) driven through a random mix of every ticket and counter action.
 */
describe('hub link state', () => {
  let hub: TestHub;
  let hubUrl: string;
  let dir: ReturnType<typeof tempDir>;
  let link: HubLink;
  let staff: HubClient;
  let admin: HubClient;
  /** Every /api/state the link fetched. */
  let snapshots: number;

  beforeEach(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
    dir = tempDir('qms-link-');
    staff = new HubClient({ baseUrl: hubUrl, token: hub.tokens.staff });
    admin = new HubClient({ baseUrl: hubUrl, token: hub.tokens.admin });
  });
  afterEach(async () => {
    link.stop();
    await hub.close();
    dir.cleanup();
  });

  async function startLink(): Promise<void> {
    const { token, deviceId } = await hub.pairDevice('display');
    const credentials = new CredentialStore(dir.path);
    credentials.save({ state: 'paired', hubUrl, deviceId, token });
    // An hour: no refresh by the clock during the test, every change has to come from the events.
    link = new HubLink({ hubUrl, kind: 'display', name: 'hall', credentials, refreshEveryMs: 3_600_000 });
    snapshots = 0;
    // Counted on the link's own client (the EventStream fetches through it too): a spy, nothing replaced.
    const fetchState = link.client.state.bind(link.client);
    link.client.state = () => {
      snapshots++;
      return fetchState();
    };
    link.start();
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('ready');
  }

  /** The hub's answer now, once the link has taken in every event up to it, compared field by field. */
  async function expectSameAsHub(step: string): Promise<StateDto> {
    const fresh = await staff.state();
    await expect.poll(() => link.state?.seq, { timeout: 5_000, message: `${step}: the link did not reach seq ${fresh.seq}` }).toBe(fresh.seq);
    expect(shown(link.state as StateDto), step).toStrictEqual(shown(fresh));
    return fresh;
  }

  const refusal = (error: unknown) => {
    // A clerk pressing a button the state does not allow (a paused counter, a full range ...): no change, which is fine.
    if (error instanceof HubError && error.status >= 400 && error.status < 500) return null;
    throw error;
  };

  /** One random clerk or kiosk action; returns what it was, for the failure message. */
  async function randomAction(next: () => number, counts: { calledTransfers: number; configChanges: number }): Promise<string> {
    const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
    const services = [hub.centre.a.id, hub.centre.b.id, hub.centre.c.id];
    const counters = [hub.centre.counter1.id, hub.centre.counter2.id, hub.centre.counter3.id];
    const tickets = await staff.tickets();
    const inStatus = (...statuses: TicketDto['status'][]) => tickets.filter((t) => statuses.includes(t.status));
    const roll = next() * 100;
    if (roll < 24) {
      const serviceId = pick(services) ?? hub.centre.a.id;
      const priority = pick<Priority>(['normal', 'normal', 'normal', 'elderly', 'child']) ?? 'normal';
      await staff.issueTicket(serviceId, { priority }).catch(refusal);
      return `issue ${serviceId} ${priority}`;
    }
    if (roll < 48) {
      const counterId = pick(counters) ?? hub.centre.counter1.id;
      await staff.callNext(counterId).catch(refusal);
      return `call-next ${counterId}`;
    }
    if (roll < 86) {
      const [action, candidates] =
        roll < 54
          ? (['recall', inStatus('called')] as const)
          : roll < 60
            ? (['start', inStatus('called')] as const)
            : roll < 70
              ? (['finish', inStatus('called', 'serving')] as const)
              : roll < 74
                ? (['no-show', inStatus('called')] as const)
                : roll < 78
                  ? (['cancel', inStatus('waiting', 'called')] as const)
                  : (['transfer', inStatus('waiting', 'called', 'serving')] as const);
      const ticket = pick(candidates);
      if (!ticket) return `${action}: no ticket for it`;
      if (action === 'transfer') {
        const serviceId = pick(services.filter((id) => id !== ticket.serviceId)) ?? hub.centre.a.id;
        const moved = await staff.transfer(ticket.id, serviceId).catch(refusal);
        if (moved && ticket.calledAt !== null) counts.calledTransfers++;
        return `transfer ${ticket.label} (${ticket.status}) to ${serviceId}`;
      }
      await staff.act(ticket.id, action).catch(refusal);
      return `${action} ${ticket.label}`;
    }
    if (roll < 97) {
      const counterId = pick(counters) ?? hub.centre.counter1.id;
      const counter = (await staff.counters()).find((c) => c.id === counterId);
      const to = counter?.status === 'open' ? 'pause' : 'open';
      // A pause now and then says why (the mirror must carry the reason as /api/state does).
      const reason = to === 'pause' ? pick([...PAUSE_REASONS, undefined]) : undefined;
      await staff.request('POST', `/api/counters/${counterId}/${to}`, reason ? { reason } : undefined).catch(refusal);
      return `${to} counter ${counterId}${reason ? ` (${reason})` : ''}`;
    }
    // An administrator changes a field's typical service time: only a snapshot can tell the new estimates.
    const serviceId = pick(services) ?? hub.centre.a.id;
    await admin.request('PATCH', `/api/services/${serviceId}`, { defaultServiceSeconds: 60 + Math.floor(next() * 600) });
    counts.configChanges++;
    return `defaultServiceSeconds of ${serviceId}`;
  }

  it('fetches /api/state when a transfer takes back a call and the older calls are unknown to it', async () => {
    for (let i = 0; i < 12; i++) await staff.issueTicket(hub.centre.a.id);
    const called: TicketDto[] = [];
    for (let i = 0; i < 11; i++) {
      hub.clock.advance(60_000);
      called.push((await staff.callNext(hub.centre.counter1.id)) as TicketDto);
    }
    // The link knows the 10 latest calls; the 11th (the first call) only the hub knows.
    await startLink();
    expect(link.state?.recentCalls.map((t) => t.label)).toEqual(
      called
        .slice(1)
        .reverse()
        .map((t) => t.label),
    );
    await staff.transfer(called[10]?.id ?? 0, hub.centre.b.id);
    await expectSameAsHub('transfer of the latest call');
    expect(link.state?.recentCalls.at(-1)?.label).toBe(called[0]?.label);
    expect(snapshots).toBe(2);
    // New calls are known from their events: a call taken back now is replaced without a snapshot.
    hub.clock.advance(60_000);
    const latest = (await staff.callNext(hub.centre.counter3.id)) as TicketDto;
    await staff.callNext(hub.centre.counter1.id);
    await staff.transfer(latest.id, hub.centre.c.id);
    await expectSameAsHub('transfer after new calls');
    expect(snapshots).toBe(2);
  });

  for (const seed of [1, 2, 3]) {
    it(`matches /api/state after every step of a random mix of actions (seed ${seed})`, async () => {
      const next = random(seed);
      // A morning already under way: more calls than /api/state lists, so the link starts with a cut list.
      for (let i = 0; i < 14; i++) await staff.issueTicket(i % 2 === 0 ? hub.centre.a.id : hub.centre.b.id);
      for (let i = 0; i < 12; i++) {
        hub.clock.advance(60_000);
        await staff.callNext(i % 2 === 0 ? hub.centre.counter1.id : hub.centre.counter2.id);
      }
      await startLink();
      const counts = { calledTransfers: 0, configChanges: 0 };
      let previous = await expectSameAsHub('start');
      let moved = 0;
      const steps = 120;
      for (let step = 0; step < steps; step++) {
        // Service times of a few seconds to a few minutes, so medians and estimates move.
        hub.clock.advance(Math.floor(next() * 240_000));
        const action = await randomAction(next, counts);
        const fresh = await expectSameAsHub(`step ${step}: ${action}`);
        const { seq: _a, ...before } = shown(previous);
        const { seq: _b, ...after } = shown(fresh);
        if (!isDeepStrictEqual(before, after)) moved++;
        previous = fresh;
      }
      // Most steps changed what a station shows: the comparisons above could each have failed.
      expect(moved).toBeGreaterThan(steps / 2);
      // The day closed early by an administrator: a snapshot, then events again.
      await admin.request('POST', '/api/day/close');
      await expectSameAsHub('day closed');
      await staff.issueTicket(hub.centre.a.id);
      await expectSameAsHub('issue after the day closed');
      // Many clerks at once: events arrive in bursts.
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 3 === 0 ? staff.issueTicket(hub.centre.b.id) : staff.callNext(hub.centre.counter1.id).catch(refusal)).catch(refusal)));
      await expectSameAsHub('burst');
      // /api/state was fetched at start, after each configuration change and the closed day, and at
      // most once per call taken back by a transfer (when the list of calls ran short): not per event.
      expect(snapshots).toBeGreaterThanOrEqual(2 + counts.configChanges);
      expect(snapshots).toBeLessThanOrEqual(2 + counts.configChanges + counts.calledTransfers);
    });
  }
});
