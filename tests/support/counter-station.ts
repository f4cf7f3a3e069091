import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeClock } from '@qms/core';
import { type CounterAgent, counterStation } from '@qms/counter';
import { createStation, loadStationConfig } from '@qms/station';
import { expect } from 'vitest';
import { bearer, type TestHub } from './test-hub.js';

/**
 * A counter station in this process (on a fake clock), paired and approved for counter 1 of the
 * test hub's app listening on loopback, with staff1 signed in by PIN 4321 (set here). `settings`
 * are the rest of its station.json (a printer, a scanner), `log` gets its log lines, `hubUrl`
 * reaches the hub another way (through a proxy); `stop` is the caller's to call.
 */
export async function signedInCounter(
  hub: TestHub,
  configDir: string,
  options: { idleLogoutMinutes?: number; hubUrl?: string; settings?: Record<string, unknown>; log?: (level: string, message: string) => void } = {},
): Promise<{ agent: CounterAgent; clock: FakeClock; stop: () => Promise<void> }> {
  await hub.ctx.access.setPin('staff1', '4321');
  const clock = new FakeClock('2026-11-27T01:00:00Z');
  writeFileSync(join(configDir, 'station.json'), JSON.stringify({ ...options.settings, counter: { idleLogoutMinutes: options.idleLogoutMinutes ?? 720 } }));
  const hubUrl = options.hubUrl ?? `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
  const station = createStation(counterStation, loadStationConfig(configDir, counterStation.section, { hubUrl }), { clock, ...(options.log ? { log: options.log } : {}) });
  station.start();
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
  return { agent, clock, stop: () => station.stop() };
}
