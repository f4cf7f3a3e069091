import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { HubClient } from '@qms/client';
import type { StateDto } from '@qms/protocol';
import { CredentialStore, HubLink } from '@qms/station';
import { ADMIN_PASSWORD, startHubProcess, type HubProcess } from '../tests/support/hub-process.js';
import { BENCH_DIR, createBenchCentre, type Report } from './hub-bench.js';
import { NaiveStation } from './naive-station.js';

const STATIONS = 30;
const CALLS = 100;
/**
 * Between two call-next: clerks call seconds apart, and the refetching stations wait 50 ms for more
 * events before they fetch, so calls closer than that would share fetches.
 */
const CALL_EVERY_MS = 75;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The /api/state requests the hub received so far, read from its own log: at debug level the hub
 * logs every request it answered with its route pattern (app.ts, onResponse). Nothing in the hub
 * or in the stations is changed to count them.
 */
function stateRequests(hub: HubProcess): number {
  let count = 0;
  for (const line of hub.stderr().split('\n')) {
    if (!line.includes('"/api/state"')) continue;
    const entry = JSON.parse(line) as { msg?: string; route?: string };
    if (entry.msg === 'request' && entry.route === '/api/state') count++;
  }
  return count;
}

/** Once the hub has logged a request sent now, it has logged every request answered before it. */
async function logCaughtUp(hub: HubProcess, admin: HubClient): Promise<void> {
  const marks = () =>
    hub
      .stderr()
      .split('\n')
      .filter((line) => line.includes('"route":"/api/health"')).length;
  const before = marks();
  await admin.request('GET', '/api/health');
  const deadline = Date.now() + 5_000;
  while (marks() === before) {
    if (Date.now() > deadline) throw new Error('the hub did not log its requests (QMS_LOG_LEVEL=debug?)');
    await sleep(10);
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Pairs the stations' devices once; both kinds of station use the same 30 tokens. */
export async function pairStations(hubUrl: string, admin: HubClient): Promise<{ deviceId: number; token: string }[]> {
  const devices = [];
  for (let i = 0; i < STATIONS; i++) {
    const station = new HubClient({ baseUrl: hubUrl });
    const pairing = await station.requestPairing('display', `bench ${i + 1}`);
    await admin.request('POST', '/api/devices/approve', { code: pairing.code });
    const answer = await station.pollPairing(pairing.deviceId, pairing.secret);
    if (!answer.token) throw new Error(`device ${pairing.deviceId} was not approved`);
    devices.push({ deviceId: pairing.deviceId, token: answer.token });
  }
  return devices;
}

/** 100 call-next, a little apart, round the counters. */
async function callHundred(admin: HubClient, counterIds: number[]): Promise<void> {
  for (let i = 0; i < CALLS; i++) {
    const ticket = await admin.callNext(counterIds[i % counterIds.length] ?? 0);
    if (!ticket) throw new Error('nobody left to call');
    await sleep(CALL_EVERY_MS);
  }
}

const shown = (state: StateDto | null) => state && { ...state, serverTime: null };

/**
 * 30 stations following a real hub process while counters call 100 citizens: how many /api/state
 * the hub answers, for HubLink (which applies the events) against, in the same run, stations that
 * fetch /api/state after every event (as HubLink did before).
 */
export async function stationsBench(report: Report): Promise<void> {
  const dir = join(BENCH_DIR, 'stations');
  rmSync(dir, { recursive: true, force: true });
  const hub = await startHubProcess(join(dir, 'hub'), { env: { QMS_LOG_LEVEL: 'debug' } });
  try {
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    // The benchmark's own look at /api/state (where the stations should be), taken off the counts.
    let own = 0;
    const hubState = () => {
      own++;
      return admin.state();
    };
    const centre = await createBenchCentre(admin);
    for (let i = 0; i < 2 * CALLS + 10; i += 10) await Promise.all(Array.from({ length: 10 }, () => admin.issueTicket(centre.serviceId)));
    const devices = await pairStations(hub.url, admin);

    // HubLink: each station pairs from its stored token, fetches /api/state once, then follows.
    await logCaughtUp(hub, admin);
    const beforeLinks = stateRequests(hub);
    const links = devices.map(({ deviceId, token }, i) => {
      const stationDir = join(dir, `station-${i + 1}`);
      mkdirSync(stationDir, { recursive: true });
      const credentials = new CredentialStore(stationDir);
      credentials.save({ state: 'paired', hubUrl: hub.url, deviceId, token });
      const link = new HubLink({ hubUrl: hub.url, kind: 'display', name: `bench ${i + 1}`, credentials });
      link.start();
      return link;
    });
    await until(() => links.every((link) => link.phase === 'ready'), 'the links to be ready');
    await logCaughtUp(hub, admin);
    const linkStart = stateRequests(hub) - beforeLinks;
    own = 0;
    await callHundred(admin, centre.counterIds);
    const fresh = await hubState();
    await until(() => links.every((link) => link.state?.seq === fresh.seq), 'the links to take in every event');
    const matching = links.filter((link) => isDeepStrictEqual(shown(link.state), shown(fresh))).length;
    await logCaughtUp(hub, admin);
    const linkCalls = stateRequests(hub) - beforeLinks - linkStart - own;
    for (const link of links) link.stop();

    // The reference: the same stations fetching /api/state after every event.
    await logCaughtUp(hub, admin);
    const beforeNaive = stateRequests(hub);
    const naive = devices.map(({ token }) => new NaiveStation(new HubClient({ baseUrl: hub.url, token })));
    await Promise.all(naive.map((station) => station.start()));
    await sleep(100);
    await until(() => naive.every((station) => station.idle), 'the naive stations to settle');
    await logCaughtUp(hub, admin);
    const naiveStart = stateRequests(hub) - beforeNaive;
    own = 0;
    await callHundred(admin, centre.counterIds);
    const naiveSeq = (await hubState()).seq;
    await sleep(100);
    await until(() => naive.every((station) => station.idle && station.state?.seq === naiveSeq), 'the naive stations to catch up');
    await logCaughtUp(hub, admin);
    const naiveCalls = stateRequests(hub) - beforeNaive - naiveStart - own;
    for (const station of naive) station.stop();

    report({
      name: 'stations.state_requests_for_100_calls',
      value: linkCalls,
      unit: 'requests',
      reference: { name: 'stations.state_requests_for_100_calls_refetching_after_every_event', value: naiveCalls, unit: 'requests' },
      stations: STATIONS,
      calls: CALLS,
      callEveryMs: CALL_EVERY_MS,
      atStart: { hubLink: linkStart, refetching: naiveStart },
      linksMatchingApiState: `${matching}/${STATIONS}`,
      note: '/api/state requests the hub answered (its debug log) while counters called 100 citizens, with 30 stations following',
    });
  } finally {
    await hub.stop();
  }
}
