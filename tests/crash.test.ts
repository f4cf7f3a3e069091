import { HubClient } from '@qms/client';
import type { TicketDto } from '@qms/protocol';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from './support/hub-process.js';
import { tempDir } from './support/temp-dir.js';

/**
 * The power cut: kill -9 the hub in the middle of a burst of issues. Every ticket the hub
 * acknowledged (201) must be there after a restart, no label twice, and numbering goes on.
 */
describe('crash during a burst of issues', () => {
  const dir = tempDir();
  let hub: HubProcess | undefined;

  afterAll(async () => {
    await hub?.stop();
    dir.cleanup();
  });

  it('keeps every acknowledged ticket and continues the numbering', async () => {
    hub = await startHubProcess(dir.path, { args: ['--demo'] });
    const client = new HubClient({ baseUrl: hub.url, timeoutMs: 5_000 });
    await client.login('admin', ADMIN_PASSWORD);
    const services = await client.services();

    const acknowledged: TicketDto[] = [];
    let failures = 0;
    let stop = false;
    // Sixteen stations pressing as fast as the hub answers.
    const burst = Array.from({ length: 16 }, async (_, worker) => {
      for (let i = 0; !stop; i++) {
        try {
          acknowledged.push(await client.issueTicket(services[(worker + i) % services.length]!.id));
        } catch {
          failures++; // connection reset by the kill: not acknowledged, so nothing is promised
          if (stop) return;
        }
      }
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (acknowledged.length >= 300) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    await hub.kill9();
    stop = true;
    await Promise.all(burst);
    const acked = [...acknowledged];
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(failures).toBeGreaterThan(0); // the kill did land in the middle of requests

    // The database is intact after the kill, before the hub touches it again.
    const raw = new Database(join(dir.path, 'qms.db'));
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    hub = await startHubProcess(dir.path, { args: ['--demo'] });
    const after = new HubClient({ baseUrl: hub.url });
    await after.login('admin', ADMIN_PASSWORD);
    const stored = await after.tickets();
    const byId = new Map(stored.map((ticket) => [ticket.id, ticket]));
    for (const ticket of acked) expect(byId.get(ticket.id)?.label, `ticket ${ticket.label}`).toBe(ticket.label);
    expect(new Set(stored.map((ticket) => ticket.label)).size).toBe(stored.length);

    // Numbering continues after the highest number each service reached.
    for (const service of services) {
      const highest = Math.max(0, ...stored.filter((t) => t.serviceId === service.id).map((t) => t.number));
      const next = await after.issueTicket(service.id);
      expect(next.number).toBe(highest + 1);
    }
    // The demo was not seeded a second time.
    expect(await after.services()).toHaveLength(services.length);
  });
});
