import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** What the kiosk needs from the hub beyond a plain ticket: the citizen's masked identity and device alerts. */
describe('kiosk support in the hub', () => {
  let hub: TestHub;
  let kiosk: string;
  beforeEach(async () => {
    hub = await createTestHub();
    kiosk = (await hub.pairDevice('kiosk')).token;
  });
  afterEach(() => hub.close());

  const issue = (payload: Record<string, unknown>, key?: string) =>
    hub.app.inject({ method: 'POST', url: '/api/tickets', headers: { ...bearer(kiosk), ...(key ? { 'idempotency-key': key } : {}) }, payload });

  it('attaches the masked identity to the ticket, answers it back, and keeps it out of the events', async () => {
    const citizen = { name: 'NGUYỄN THỊ HOA', idMasked: '001******345' };
    const reply = await issue({ serviceId: hub.centre.a.id, citizen }, 'press-0001');
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ label: 'A001', citizen });
    // A retry of the same press gives the same ticket and the same identity.
    expect((await issue({ serviceId: hub.centre.a.id, citizen }, 'press-0001')).json()).toMatchObject({ id: reply.json().id, citizen });
    const events = hub.ctx.db.prepare('SELECT payload FROM events').all() as { payload: string }[];
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expect(event.payload).not.toContain('HOA');
    expect(hub.ctx.db.prepare('SELECT name, id_masked AS idMasked FROM ticket_citizens').all()).toEqual([citizen]);
  });

  it('forgets the identity once its business day is over', async () => {
    const citizen = { name: 'LÊ VĂN NAM', idMasked: '079******001' };
    expect((await issue({ serviceId: hub.centre.a.id, citizen })).statusCode).toBe(201);
    await hub.ctx.queue.call('rollover');
    expect(hub.ctx.db.prepare('SELECT count(*) AS n FROM ticket_citizens').get()).toEqual({ n: 1 });
    hub.clock.advanceMinutes(24 * 60);
    await hub.ctx.queue.call('rollover'); // the hub does this on a timer
    expect(hub.ctx.db.prepare('SELECT count(*) AS n FROM ticket_citizens').get()).toEqual({ n: 0 });
  });

  it('refuses a full citizen-ID number, so it can never be stored', async () => {
    const reply = await issue({ serviceId: hub.centre.a.id, citizen: { name: 'A', idMasked: '001203004345' } });
    expect(reply.statusCode).toBe(400);
    expect(reply.json().error.code).toBe('request.invalid');
    expect(reply.body).not.toContain('001203004345');
    expect(() => hub.ctx.db.prepare("INSERT INTO ticket_citizens (ticket_id, name, id_masked) VALUES (1, 'x', '001203004345')").run()).toThrow(/CHECK/);
  });

  it('keeps a station alert for the technician until the station clears it', async () => {
    const report = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/devices/alerts', headers: bearer(kiosk), payload: { source: 'printer', ...payload } });
    expect((await report({ code: 'paper_out', message: 'Máy in hết giấy / out of paper', active: true })).statusCode).toBe(204);
    const list = () => hub.app.inject({ method: 'GET', url: '/api/devices/alerts', headers: bearer(hub.tokens.technician) }).then((r) => r.json());
    expect(await list()).toEqual([expect.objectContaining({ deviceKind: 'kiosk', source: 'printer', code: 'paper_out', raisedAt: '2026-11-27T01:00:00.000Z', clearedAt: null })]);
    hub.clock.advanceMinutes(5);
    expect((await report({ code: 'paper_out', message: 'ok', active: false })).statusCode).toBe(204);
    expect(await list()).toEqual([expect.objectContaining({ code: 'paper_out', clearedAt: '2026-11-27T01:05:00.000Z' })]);
    expect((await report({ code: 'Paper Out!', message: 'x', active: true })).json().error.code).toBe('request.invalid');
  });

  it("opens the ticket's own page from its QR code: its place in the queue, then its counter; nothing for a wrong label", async () => {
    const ticket = (await issue({ serviceId: hub.centre.a.id }, 'press-track-1')).json();
    const open = (ref: string) => hub.app.inject({ method: 'GET', url: `/t/${ref}` });
    const waiting = await open(`${ticket.id}-${ticket.label}`);
    expect(waiting.statusCode).toBe(200);
    expect(waiting.headers['content-type']).toContain('text/html');
    expect(waiting.body).toContain('>A001<');
    expect(waiting.body).toContain('Số người chờ trước bạn: 0');
    // Live through its own feed (tests/hub/ticket-live.test.ts), not by reloading itself.
    expect(waiting.body).not.toContain('http-equiv="refresh"');
    await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter1.id}/call-next`, headers: bearer(hub.tokens.staff) });
    expect((await open(`${ticket.id}-${ticket.label}`)).body).toContain('Mời đến Quầy <span class="counter" data-counter="1">1</span>');
    for (const ref of [`${ticket.id}-B001`, `${ticket.id + 1}-A001`, 'A001', '<script>', `${ticket.id}-A001-x`]) {
      const reply = await open(encodeURIComponent(ref));
      expect(reply.statusCode, ref).toBe(404);
      expect(reply.body).toContain('Không tìm thấy số thứ tự này');
      expect(reply.body).not.toContain('<script>');
    }
  });
});
