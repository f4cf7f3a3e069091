import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** GET /api/tickets/{id} gives the masked CCCD read at the kiosk to the counter side only, and never logs it. */
describe('the citizen on the ticket for the counter', () => {
  let hub: TestHub;
  /** Every log line of the hub, at its most verbose level. */
  let logLines: string[];
  const citizen = { name: 'TRẦN THỊ MAI', idMasked: '036******789' };
  beforeEach(async () => {
    logLines = [];
    hub = await createTestHub({ logger: pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) }) });
  });
  afterEach(() => hub.close());

  const get = (id: number, token: string) => hub.app.inject({ method: 'GET', url: `/api/tickets/${id}`, headers: bearer(token) });

  it('shows it to staff and counter stations; never to displays, kiosks or technicians; absent on a ticket without one; never in the logs', async () => {
    const kiosk = (await hub.pairDevice('kiosk')).token;
    const issue = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(kiosk), payload });
    const withId = (await issue({ serviceId: hub.centre.a.id, citizen })).json<{ id: number }>();
    const without = (await issue({ serviceId: hub.centre.a.id })).json<{ id: number }>();
    const counter = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
    const otherCounter = (await hub.pairDevice('counter', hub.centre.counter2.id)).token;
    const display = (await hub.pairDevice('display')).token;

    for (const token of [hub.tokens.staff, counter, otherCounter]) {
      const reply = await get(withId.id, token);
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ id: withId.id, label: 'A001', citizen });
    }
    for (const token of [display, kiosk, hub.tokens.technician]) {
      const reply = await get(withId.id, token);
      expect(reply.statusCode).toBe(200);
      expect(reply.json()).toMatchObject({ id: withId.id, label: 'A001' });
      expect(reply.json()).not.toHaveProperty('citizen');
      expect(reply.body).not.toContain(citizen.idMasked);
      expect(reply.body).not.toContain('MAI');
    }
    const none = await get(without.id, hub.tokens.staff);
    expect(none.json()).toMatchObject({ id: without.id, label: 'A002' });
    expect(none.json()).not.toHaveProperty('citizen');

    // The ticket's other views do not carry it either.
    const list = await hub.app.inject({ method: 'GET', url: '/api/tickets', headers: bearer(hub.tokens.staff) });
    expect(list.body).not.toContain(citizen.idMasked);

    expect(logLines.length).toBeGreaterThan(0);
    const logs = logLines.join('');
    expect(logs).not.toContain(citizen.idMasked);
    expect(logs).not.toContain('TRẦN');
  });
});
