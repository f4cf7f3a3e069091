import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

describe('device pairing', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const ask = (kind = 'kiosk', name = 'Kiosk sảnh') => hub.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { kind, name } });
  const poll = (deviceId: number, secret: string) => hub.app.inject({ method: 'POST', url: `/api/devices/pair/${deviceId}`, payload: { secret } });
  const approve = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload });

  it('a station asks, shows its code, a technician approves, the station receives its token', async () => {
    const request = await ask();
    expect(request.statusCode).toBe(201);
    const { deviceId, code, secret, expiresAt } = request.json();
    expect(code).toMatch(/^\d{6}$/);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(expiresAt).toBe('2026-11-27T01:15:00.000Z');
    expect((await poll(deviceId, secret)).json()).toEqual({ status: 'pending' });

    const listed = (await hub.app.inject({ method: 'GET', url: '/api/devices', headers: bearer(hub.tokens.technician) })).json();
    expect(listed).toEqual([expect.objectContaining({ id: deviceId, status: 'pending', pairingCode: code, kind: 'kiosk' })]);

    const approved = await approve({ code: `${code.slice(0, 3)} ${code.slice(3)}`, name: 'Kiosk 1' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ id: deviceId, status: 'approved', name: 'Kiosk 1', pairingCode: null, approvedBy: 'user technician1 (technician)' });

    const done = (await poll(deviceId, secret)).json();
    expect(done).toMatchObject({ status: 'approved', token: expect.any(String), device: { id: deviceId, kind: 'kiosk', name: 'Kiosk 1' } });
    const me = await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(done.token) });
    expect(me.json()).toMatchObject({ type: 'device', id: deviceId, kind: 'kiosk' });
    // Once the station has used its token, the pairing secret is spent.
    expect((await poll(deviceId, secret)).statusCode).toBe(404);
  });

  it('a lost answer can be asked again: a fresh token, the earlier one revoked', async () => {
    const { deviceId, code, secret } = (await ask()).json();
    await approve({ code });
    const first = (await poll(deviceId, secret)).json().token;
    const second = (await poll(deviceId, secret)).json().token;
    expect(second).not.toBe(first);
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(first) })).statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(second) })).statusCode).toBe(200);
  });

  it('refuses a wrong secret, a wrong code and an expired code', async () => {
    const { deviceId, code, secret } = (await ask()).json();
    expect((await poll(deviceId, 'guess')).json().error.code).toBe('device.pairing_not_found');
    expect((await approve({ code: code === '000000' ? '111111' : '000000' })).json().error.code).toBe('device.pairing_not_found');
    hub.clock.advanceMinutes(16);
    const late = await approve({ code });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.code).toBe('device.pairing_expired');
    expect((await poll(deviceId, secret)).statusCode).toBe(410);
  });

  it('ties a counter station to its counter, and checks the counter', async () => {
    const counterStation = (await ask('counter', 'Quầy 2')).json();
    expect((await approve({ code: counterStation.code, counterId: 999 })).json().error.code).toBe('counter.not_found');
    expect((await approve({ code: counterStation.code, counterId: hub.centre.counter2.id })).json()).toMatchObject({ counterId: hub.centre.counter2.id });
    const kiosk = (await ask('kiosk')).json();
    expect((await approve({ code: kiosk.code, counterId: hub.centre.counter1.id })).statusCode).toBe(400);
  });

  it('revoking a device stops its token at once', async () => {
    const { token, deviceId } = await hub.pairDevice('display');
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(token) })).statusCode).toBe(200);
    const revoked = await hub.app.inject({ method: 'POST', url: `/api/devices/${deviceId}/revoke`, headers: bearer(hub.tokens.technician) });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(token) })).json().error.code).toBe('auth.invalid_token');
    expect((await hub.app.inject({ method: 'POST', url: '/api/devices/999/revoke', headers: bearer(hub.tokens.technician) })).statusCode).toBe(404);
  });

  it('limits pending requests so a flood cannot fill the database', async () => {
    for (let i = 0; i < 20; i++) expect((await ask('display', `d${i}`)).statusCode).toBe(201);
    const flood = await ask('display', 'one too many');
    expect(flood.statusCode).toBe(429);
    expect(flood.json().error.code).toBe('device.too_many_pending');
    hub.clock.advanceMinutes(16); // the codes expire and are cleared
    expect((await ask('display', 'later')).statusCode).toBe(201);
  });
});
