import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

/** A hall display given its zone when a technician approves it (POST /api/devices/approve with zone). */
describe("a display's zone at approval", () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const ask = async (kind: string) =>
    (await hub.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { kind, name: `${kind} 1` } })).json<{ deviceId: number; code: string; secret: string }>();
  const poll = (deviceId: number, secret: string) => hub.app.inject({ method: 'POST', url: `/api/devices/pair/${deviceId}`, payload: { secret } });
  const approve = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload });
  const devices = async () => (await hub.app.inject({ method: 'GET', url: '/api/devices', headers: bearer(hub.tokens.technician) })).json<{ id: number; zone: string | null }[]>();

  it('is kept on the display, listed, given with the approval and told to the station by /api/auth/me, and audited', async () => {
    const { deviceId, code, secret } = await ask('display');
    const approved = await approve({ code, zone: '2,3' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ id: deviceId, kind: 'display', status: 'approved', zone: '2,3' });
    expect(await devices()).toEqual([expect.objectContaining({ id: deviceId, zone: '2,3' })]);
    const answer = (await poll(deviceId, secret)).json();
    expect(answer).toMatchObject({ status: 'approved', device: { id: deviceId, kind: 'display', zone: '2,3' } });
    const me = await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(answer.token) });
    expect(me.json()).toMatchObject({ type: 'device', id: deviceId, kind: 'display', zone: '2,3' });
    const [entry] = hub.ctx.audit.list({ limit: 1 });
    expect(entry).toMatchObject({ action: 'device.approved', details: { deviceId, kind: 'display', zone: '2,3' } });
  });

  it('is null for a display approved without one, and for the other kinds', async () => {
    const display = await ask('display');
    expect((await approve({ code: display.code })).json()).toMatchObject({ zone: null });
    const { token } = (await poll(display.deviceId, display.secret)).json();
    expect((await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) })).json()).toMatchObject({ zone: null });
    const kiosk = await hub.pairDevice('kiosk');
    expect((await devices()).find((d) => d.id === kiosk.deviceId)).toMatchObject({ zone: null });
  });

  it('is refused for a kiosk, a counter station and a rating pad (400 device.zone_not_applicable), which stay pending', async () => {
    for (const [kind, extra] of [
      ['kiosk', {}],
      ['counter', { counterId: hub.centre.counter1.id }],
      ['rating', { counterId: hub.centre.counter1.id }],
    ] as const) {
      const { code } = await ask(kind);
      const refused = await approve({ code, zone: '1', ...extra });
      expect(refused.statusCode, kind).toBe(400);
      expect(refused.json().error.code).toBe('device.zone_not_applicable');
    }
    expect((await devices()).map((d) => (d as unknown as { status: string }).status)).toEqual(['pending', 'pending', 'pending']);
  });

  it('is refused when it is not a list of counter numbers (400 request.invalid)', async () => {
    const { code } = await ask('display');
    for (const zone of ['', 'A', '1,,2', '1, 2', '0', '1,2,', 'hall']) {
      const refused = await approve({ code, zone });
      expect(refused.statusCode, zone).toBe(400);
      expect(refused.json().error.code).toBe('request.invalid');
    }
    expect((await approve({ code, zone: '12' })).json()).toMatchObject({ zone: '12' });
  });
});
