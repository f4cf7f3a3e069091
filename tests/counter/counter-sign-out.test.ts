import type { AddressInfo } from 'node:net';
import { FakeClock } from '@qms/core';
import { type CounterAgent, counterStation } from '@qms/counter';
import { createStation, loadStationConfig } from '@qms/station';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * A clerk is signed out after the idle time, on the station's clock (a fake one here: nobody waits
 * half an hour for a test); the counter station runs on the platform against the hub's app on loopback.
 */
describe('counter sign-out', () => {
  let hub: TestHub;
  let dir: ReturnType<typeof tempDir>;
  let stop: () => Promise<void> = async () => undefined;

  beforeEach(async () => {
    hub = await createTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    await hub.ctx.access.setPin('staff1', '4321');
    dir = tempDir('qms-counter-clock-');
  });
  afterEach(async () => {
    await stop();
    await hub.close();
    dir.cleanup();
  });

  async function signedInCounter(idleLogoutMinutes: number) {
    const clock = new FakeClock('2026-11-27T01:00:00Z');
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ counter: { idleLogoutMinutes } }));
    const hubUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    const station = createStation(counterStation, loadStationConfig(dir.path, counterStation.section, { hubUrl }), { clock });
    station.start();
    stop = () => station.stop();
    await expect.poll(() => station.link.pairingCode, { timeout: 5_000 }).toMatch(/^\d{6}$/);
    const approved = await hub.app.inject({
      method: 'POST',
      url: '/api/devices/approve',
      headers: bearer(hub.tokens.technician),
      payload: { code: station.link.pairingCode, counterId: hub.centre.counter1.id },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    await expect.poll(() => station.link.phase === 'ready' && station.link.state !== null, { timeout: 5_000 }).toBe(true);
    const agent = station.agent as CounterAgent;
    await agent.login({ username: 'staff1', secret: '4321' });
    expect(agent.view().clerk?.username).toBe('staff1');
    return { agent, clock };
  }

  it('signs the clerk out after the idle time without a press, and a press starts it again', async () => {
    const { agent, clock } = await signedInCounter(10);
    clock.advance(9 * 60_000);
    await agent.act('pause');
    clock.advance(9 * 60_000);
    expect(agent.view().clerk).not.toBeNull();
    clock.advance(60_000);
    await expect.poll(() => agent.view().clerk).toBeNull();
    await expect(agent.act('resume')).rejects.toMatchObject({ code: 'counter.not_signed_in' });
  });

  it('signs the clerk out when the business day turns', async () => {
    const { agent } = await signedInCounter(720);
    // Midnight in Hanoi (17:00 UTC): the hub rolls the day over and says so.
    hub.clock.set('2026-11-27T17:05:00Z');
    await hub.ctx.queue.call('rollover');
    await expect.poll(() => agent.view().clerk, { timeout: 5_000 }).toBeNull();
  });
});
