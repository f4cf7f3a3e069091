import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeClock } from '@qms/core';
import { CITIZEN_TTL_MS, ISSUE_RETRY_MS, type KioskAgent, SCAN_ERROR_MS, kioskStation } from '@qms/kiosk';
import { createStation, loadStationConfig } from '@qms/station';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Hưng Yên|20042021';

/** The kiosk's timed rules on a fake clock: nobody waits 90 seconds for a test. */
describe('kiosk timed rules', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: FakeClock;
  let hub: Server;
  let hubUrl: string;
  /** What the stand-in hub received: it is down (503) for every press. */
  const presses: { key: string | undefined; at: number }[] = [];

  beforeEach(async () => {
    dir = tempDir('qms-kiosk-clock-');
    clock = new FakeClock('2026-11-27T01:00:00Z');
    presses.length = 0;
    // A hub that is there but cannot take changes (as after a failed disk flush): 503 hub.unavailable.
    hub = createServer((request, response) => {
      presses.push({ key: request.headers['idempotency-key'] as string | undefined, at: clock.now().getTime() });
      response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'hub.unavailable', message: 'the hub refuses changes until restarted' } }));
    });
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => hub.close(resolve));
    dir.cleanup();
  });

  function kiosk() {
    const station = createStation(kioskStation, loadStationConfig(dir.path, kioskStation.section, { hubUrl }), { clock });
    return station.agent as KioskAgent;
  }

  it('forgets a scanned citizen after 90 s without a ticket, and an unreadable scan after 6 s', () => {
    const agent = kiosk();
    agent.scan(CCCD);
    expect(agent.view().citizen).toEqual({ name: 'Nguyễn Văn An', idMasked: '001******345' });
    clock.advance(CITIZEN_TTL_MS - 1);
    expect(agent.view().citizen).not.toBeNull();
    clock.advance(1);
    expect(agent.view().citizen).toBeNull();

    agent.scan('0012030|x|y|z|Nam|a|b');
    expect(agent.view().scanError).toMatch(/12 digits/);
    clock.advance(SCAN_ERROR_MS - 1);
    expect(agent.view().scanError).not.toBeNull();
    clock.advance(1);
    expect(agent.view().scanError).toBeNull();
  });

  it('a second scan starts the 90 s again', () => {
    const agent = kiosk();
    agent.scan(CCCD);
    clock.advance(60_000);
    agent.scan(CCCD);
    clock.advance(60_000);
    expect(agent.view().citizen).not.toBeNull();
    clock.advance(30_000);
    expect(agent.view().citizen).toBeNull();
  });

  it('keeps trying a press with the same key while the hub cannot take it, and gives up after a minute', async () => {
    const agent = kiosk();
    const started = clock.now().getTime();
    let outcome: unknown;
    void agent.issue({ serviceId: 1, priority: 'normal', key: 'press-clock-0001' }).then(
      (value) => (outcome = value),
      (error) => (outcome = error),
    );
    // Time passes in steps; each step lets the real HTTP answer arrive before the next.
    while (outcome === undefined && clock.now().getTime() - started <= ISSUE_RETRY_MS + 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await clock.advanceAsync(500);
    }
    expect(outcome).toMatchObject({ code: 'hub.unreachable' });
    expect(presses.length).toBeGreaterThan(5);
    expect(new Set(presses.map((p) => p.key))).toEqual(new Set(['press-clock-0001']));
    // Not before a minute, and not much after: the last try was made past the deadline.
    const last = presses[presses.length - 1]?.at ?? 0;
    expect(last - started).toBeGreaterThanOrEqual(ISSUE_RETRY_MS);
    expect(last - started).toBeLessThan(ISSUE_RETRY_MS + 2_500);
  });
});
