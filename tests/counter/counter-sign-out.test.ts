import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInCounter as signedInCounterAt } from '../support/counter-station.js';
import { createTestHub, type TestHub } from '../support/test-hub.js';
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
    dir = tempDir('qms-counter-clock-');
  });
  afterEach(async () => {
    await stop();
    await hub.close();
    dir.cleanup();
  });

  async function signedInCounter(idleLogoutMinutes: number) {
    const counter = await signedInCounterAt(hub, dir.path, { idleLogoutMinutes });
    stop = counter.stop;
    return counter;
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
