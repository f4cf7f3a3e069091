import { HubClient, type HubError } from '@qms/client';
import type { TicketDto } from '@qms/protocol';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ADMIN_PASSWORD, type HubProcess, startHubProcess } from './support/hub-process.js';
import { tempDir } from './support/temp-dir.js';

/**
 * Many stations at once against a real hub process over HTTP: hundreds of issues and calls in
 * parallel. No label twice, no ticket called twice, at most one ticket per counter, every event once.
 */
describe('concurrency', () => {
  const dir = tempDir();
  let hub: HubProcess;
  let admin: HubClient;
  const clients: HubClient[] = [];
  let staffCount = 0;

  beforeAll(async () => {
    hub = await startHubProcess(dir.path, { args: ['--demo'] });
    admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    // A staff login per demo counter (quay1…quayN) and twelve kiosks: that many separate callers.
    staffCount = (await admin.counters()).length;
    for (let n = 1; n <= staffCount; n++) {
      const client = new HubClient({ baseUrl: hub.url });
      await client.login(`quay${n}`, 'demo1234');
      clients.push(client);
    }
    for (let k = 0; k < 12; k++) {
      const pair = await admin.request<{ deviceId: number; code: string; secret: string }>('POST', '/api/devices/pair', { kind: 'kiosk', name: `kiosk ${k}` });
      await admin.request('POST', '/api/devices/approve', { code: pair.body.code });
      const poll = await admin.request<{ token: string }>('POST', `/api/devices/pair/${pair.body.deviceId}`, { secret: pair.body.secret });
      clients.push(new HubClient({ baseUrl: hub.url, token: poll.body.token }));
    }
  });

  afterAll(async () => {
    await hub?.stop();
    dir.cleanup();
  });

  it('issues and calls hundreds of tickets in parallel without a duplicate', async () => {
    const services = await admin.services();
    const counters = await admin.counters();
    const kiosks = clients.slice(staffCount);
    const staff = clients.slice(0, staffCount);

    const issues: Promise<TicketDto>[] = [];
    const calls: Promise<TicketDto | null>[] = [];
    for (let i = 0; i < 600; i++) {
      const service = services[i % services.length]!;
      const kiosk = kiosks[i % kiosks.length]!;
      issues.push(kiosk.issueTicket(service.id, { priority: i % 7 === 0 ? 'elderly' : 'normal' }));
      if (i % 2 === 0) {
        const n = (i / 2) % counters.length;
        calls.push(staff[n]!.callNext(counters[n]!.id));
      }
    }
    const issued = await Promise.all(issues);
    const called = (await Promise.all(calls)).filter((ticket): ticket is TicketDto => ticket !== null);

    expect(issued).toHaveLength(600);
    expect(new Set(issued.map((t) => t.id)).size).toBe(600);
    expect(new Set(issued.map((t) => t.label)).size).toBe(600);
    // Numbering has no gap: each service's labels are exactly 001..N.
    for (const service of services) {
      const numbers = issued
        .filter((t) => t.serviceId === service.id)
        .map((t) => t.number)
        .sort((a, b) => a - b);
      expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => i + 1));
    }
    // No ticket was handed to two counters.
    expect(new Set(called.map((t) => t.id)).size).toBe(called.length);
    expect(called.length).toBeGreaterThan(0);

    // Drain the queue from all counters at once.
    let drained: (TicketDto | null)[];
    do {
      drained = await Promise.all(counters.map((counter, n) => staff[n]!.callNext(counter.id)));
      called.push(...drained.filter((ticket): ticket is TicketDto => ticket !== null));
    } while (drained.some((ticket) => ticket !== null));
    expect(called).toHaveLength(600);
    expect(new Set(called.map((t) => t.id)).size).toBe(600);

    const state = await admin.state();
    expect(state.services.every((s) => s.waiting === 0)).toBe(true);
    const held = state.counters.filter((c) => c.ticket !== null).map((c) => c.ticket!.id);
    expect(new Set(held).size).toBe(held.length);
  });

  it('published every change once, in seq order, with no gap', async () => {
    const { seq: last } = await admin.state();
    const messages = await new Promise<{ seq: number; type: string }[]>((resolve, reject) => {
      const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/events?since=0`, { headers: { authorization: `Bearer ${admin.token}` } });
      const received: { seq: number; type: string }[] = [];
      socket.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.type === 'heartbeat') return;
        received.push(message);
        if (message.seq === last) {
          socket.close();
          resolve(received);
        }
      });
      socket.on('error', reject);
      setTimeout(() => reject(new Error(`received ${received.length}`)), 15_000).unref();
    });
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: messages.length }, (_, i) => i + 1));
    expect(messages.filter((m) => m.type === 'ticket.issued')).toHaveLength(600);
    expect(messages.filter((m) => m.type === 'ticket.called')).toHaveLength(600);
    // The drain ended with every counter pressing "next" on an empty queue: all 600 were finished.
    expect(messages.filter((m) => m.type === 'ticket.finished')).toHaveLength(600);
  });

  it('refuses over-range issues cleanly under load: a clear error, never a duplicate', async () => {
    const service = (
      await admin.request<{ id: number }>('POST', '/api/services', {
        code: 'small',
        name: 'Nhỏ',
        nameEn: 'Small',
        prefix: 'S',
        rangeStart: 1,
        rangeEnd: 20,
        openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }],
      })
    ).body;
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => clients[6 + (i % 12)]!.issueTicket(service.id)));
    const ok = results.filter((r): r is PromiseFulfilledResult<TicketDto> => r.status === 'fulfilled').map((r) => r.value.label);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as HubError);
    expect(ok.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`));
    expect(refused).toHaveLength(40);
    for (const error of refused) expect([error.status, error.code]).toEqual([409, 'service.range_exhausted']);
  });

  it('left a consistent database', () => {
    const db = new Database(join(dir.path, 'qms.db'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT counter_id, count(*) AS n FROM tickets WHERE status IN ('called', 'serving') GROUP BY counter_id HAVING n > 1").all()).toEqual([]);
    expect(db.prepare('SELECT business_day, label, count(*) AS n FROM tickets GROUP BY business_day, label HAVING n > 1').all()).toEqual([]);
    db.close();
  });
});
