import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

type Caller = 'nobody' | 'admin' | 'technician' | 'staff' | 'kiosk' | 'counter' | 'display' | 'rating';
const CALLERS: Caller[] = ['nobody', 'admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'];

/**
 * Who may call what. Every route of the OpenAPI document must be listed here (checked below),
 * so a new route cannot slip in without a decision on its access.
 */
const MATRIX: { method: string; path: string; allowed: Caller[] | 'public'; body?: unknown }[] = [
  { method: 'GET', path: '/api/health', allowed: 'public' },
  { method: 'POST', path: '/api/auth/login', allowed: 'public', body: { username: 'x', password: 'y' } },
  { method: 'POST', path: '/api/auth/session', allowed: 'public', body: { username: 'x', password: 'y' } },
  { method: 'POST', path: '/api/auth/logout', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'GET', path: '/api/auth/me', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'GET', path: '/api/services', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'POST', path: '/api/services', allowed: ['admin'], body: { code: 'zz', name: 'z', nameEn: 'z', prefix: 'Z', rangeStart: 1, rangeEnd: 9 } },
  { method: 'PATCH', path: '/api/services/{id}', allowed: ['admin'], body: { nameEn: 'Land' } },
  { method: 'GET', path: '/api/counters', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'POST', path: '/api/counters', allowed: ['admin'], body: { number: 50, name: 'x', serviceIds: [] } },
  { method: 'PATCH', path: '/api/counters/{id}', allowed: ['admin'], body: { name: 'Quầy 1' } },
  { method: 'GET', path: '/api/counters/{id}/today', allowed: ['admin', 'staff', 'counter'] },
  { method: 'GET', path: '/api/counters/{id}/rating', allowed: ['admin', 'staff', 'counter', 'rating'] },
  { method: 'POST', path: '/api/counters/{id}/call-next', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/counters/{id}/call-ticket', allowed: ['admin', 'staff', 'counter'], body: { label: 'A001' } },
  { method: 'POST', path: '/api/counters/{id}/open', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/counters/{id}/pause', allowed: ['admin', 'staff', 'counter'], body: { reason: 'meeting' } },
  { method: 'POST', path: '/api/tickets', allowed: ['admin', 'staff', 'kiosk'], body: { serviceId: 1 } },
  { method: 'GET', path: '/api/tickets', allowed: ['admin', 'technician', 'staff', 'counter', 'display'] },
  { method: 'GET', path: '/api/tickets/{id}', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display'] },
  { method: 'POST', path: '/api/tickets/{id}/recall', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/tickets/{id}/start', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/tickets/{id}/finish', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/tickets/{id}/no-show', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/tickets/{id}/cancel', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/tickets/{id}/transfer', allowed: ['admin', 'staff', 'counter'], body: { serviceId: 2 } },
  { method: 'POST', path: '/api/tickets/{id}/requeue', allowed: ['admin', 'staff', 'counter'] },
  { method: 'POST', path: '/api/tickets/{id}/rating', allowed: ['admin', 'staff', 'counter', 'rating'], body: { score: 4 } },
  { method: 'GET', path: '/api/state', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'GET', path: '/api/events', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'POST', path: '/api/devices/pair', allowed: 'public', body: { kind: 'display', name: 'x' } },
  { method: 'POST', path: '/api/devices/pair/{id}', allowed: 'public', body: { secret: 'x' } },
  { method: 'GET', path: '/api/devices', allowed: ['admin', 'technician'] },
  { method: 'POST', path: '/api/devices/alerts', allowed: ['admin', 'kiosk', 'counter', 'display'], body: { source: 'printer', code: 'paper_out', message: 'x', active: true } },
  { method: 'GET', path: '/api/devices/alerts', allowed: ['admin', 'technician'] },
  { method: 'POST', path: '/api/devices/approve', allowed: ['admin', 'technician'], body: { code: '000000' } },
  { method: 'POST', path: '/api/devices/{id}/revoke', allowed: ['admin', 'technician'] },
  { method: 'POST', path: '/api/devices/{id}/commands', allowed: ['admin', 'technician'], body: { command: 'receipt.preview' } },
  { method: 'POST', path: '/api/devices/commands/{commandId}/result', allowed: ['admin', 'kiosk', 'counter', 'display', 'rating'], body: { ok: true, result: null } },
  { method: 'GET', path: '/api/users', allowed: ['admin'] },
  { method: 'POST', path: '/api/users', allowed: ['admin'], body: { username: 'x', role: 'staff', password: 'short' } },
  { method: 'POST', path: '/api/users/{username}/password', allowed: ['admin'], body: { password: 'short' } },
  { method: 'POST', path: '/api/users/{username}/pin', allowed: ['admin'], body: { pin: 'x' } },
  { method: 'POST', path: '/api/users/{username}/active', allowed: ['admin'], body: { active: 'x' } },
  { method: 'PATCH', path: '/api/users/{username}', allowed: ['admin'], body: {} },
  { method: 'GET', path: '/api/settings', allowed: ['admin', 'technician', 'staff', 'kiosk', 'counter', 'display', 'rating'] },
  { method: 'PATCH', path: '/api/settings', allowed: ['admin'], body: {} },
  { method: 'POST', path: '/api/day/close', allowed: ['admin'] },
  { method: 'GET', path: '/api/audit', allowed: ['admin', 'technician'] },
  { method: 'GET', path: '/api/backup', allowed: ['admin', 'technician'] },
  { method: 'GET', path: '/api/backups', allowed: ['admin', 'technician'] },
  { method: 'GET', path: '/api/backups/{name}', allowed: ['admin', 'technician'] },
  { method: 'GET', path: '/api/today', allowed: ['admin', 'technician'] },
  { method: 'GET', path: '/api/procedures', allowed: 'public' },
  { method: 'GET', path: '/api/procedures/{id}', allowed: 'public' },
  { method: 'POST', path: '/api/procedures', allowed: ['admin'], body: { code: 'x', name: 'x', serviceId: 1, processingDays: 0, level: 'mot-phan' } },
  { method: 'PATCH', path: '/api/procedures/{id}', allowed: ['admin'], body: { active: true } },
  { method: 'POST', path: '/api/procedures/import', allowed: ['admin'], body: { format: 'csv', content: 'x' } },
  { method: 'POST', path: '/api/feedback', allowed: 'public', body: { text: 'Góp ý thử' } },
  { method: 'GET', path: '/api/feedback', allowed: ['admin'] },
  { method: 'PATCH', path: '/api/feedback/{id}', allowed: ['admin'], body: { status: 'answered' } },
  { method: 'POST', path: '/api/applications', allowed: ['admin', 'staff'], body: { procedureId: 9999, applicant: { fullName: 'x' } } },
  { method: 'GET', path: '/api/applications', allowed: ['admin', 'staff', 'technician'] },
  { method: 'GET', path: '/api/applications/{id}', allowed: ['admin', 'staff', 'technician'] },
  { method: 'POST', path: '/api/applications/{id}/status', allowed: ['admin', 'staff'], body: { status: 4 } },
  { method: 'POST', path: '/api/applications/{id}/extend', allowed: ['admin', 'staff'], body: { dueAt: '2030-01-01T10:00:00.000Z', reason: 'x' } },
  { method: 'GET', path: '/api/applications/lookup?code=UBND-261127-0001&secret=ABCDEF', allowed: 'public' },
  { method: 'POST', path: '/api/applications/by-citizen', allowed: ['admin', 'kiosk'], body: { idNumber: '001203012345' } },
  { method: 'POST', path: '/api/applications/pickup', allowed: ['admin', 'staff', 'kiosk'], body: { code: 'UBND-261127-0001', secret: 'ABCDEF' } },
  { method: 'GET', path: '/api/reports/applications?from=2026-11-01&to=2026-11-30', allowed: ['admin'] },
  { method: 'GET', path: '/api/reports/queue?from=2026-11-01&to=2026-11-30&groupBy=service', allowed: ['admin'] },
  { method: 'GET', path: '/api/reports/arrivals?from=2026-11-01&to=2026-11-30', allowed: ['admin'] },
  { method: 'GET', path: '/api/monitor', allowed: ['admin', 'technician'] },
  { method: 'GET', path: '/api/tickets/{id}/live?label=A001', allowed: 'public' },
];

describe('who may call what', () => {
  let hub: TestHub;
  let tokens: Record<Exclude<Caller, 'nobody'>, string>;

  beforeAll(async () => {
    hub = await createTestHub();
    // The same object as hub.tokens, so pairDevice uses the technician's current token.
    tokens = hub.tokens as typeof tokens;
    tokens.kiosk = (await hub.pairDevice('kiosk')).token;
    tokens.counter = (await hub.pairDevice('counter', hub.centre.counter1.id)).token;
    tokens.display = (await hub.pairDevice('display')).token;
    tokens.rating = (await hub.pairDevice('rating', hub.centre.counter1.id)).token;
  });
  afterAll(() => hub.close());

  it('lists every route of the API in the access matrix', async () => {
    const doc = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(MATRIX.map((row) => `${row.method} ${row.path.split('?')[0]}`).sort());
  });

  for (const row of MATRIX) {
    it(`${row.method} ${row.path}: ${row.allowed === 'public' ? 'public' : row.allowed.join(', ')}`, async () => {
      const url = row.path.replace('{id}', '1').replace('{username}', 'staff1').replace('{commandId}', 'no-such-command');
      for (const caller of CALLERS) {
        const headers = caller === 'nobody' ? {} : bearer(tokens[caller]);
        const reply = await hub.app.inject({ method: row.method as 'GET', url, headers, payload: row.body as never });
        const allowed = row.allowed === 'public' || row.allowed.includes(caller);
        const label = `${caller} → ${reply.statusCode} ${reply.body.slice(0, 120)}`;
        const code = reply.statusCode >= 400 ? (reply.json() as { error: { code: string } }).error.code : 'none';
        if (allowed) expect(['auth.missing_token', 'auth.invalid_token', 'auth.forbidden'], label).not.toContain(code);
        else if (caller === 'nobody') expect(reply.json(), label).toMatchObject({ error: { code: 'auth.missing_token' } });
        else expect(reply.json(), label).toMatchObject({ error: { code: 'auth.forbidden' } });
        if (row.path === '/api/auth/logout' && allowed && caller !== 'nobody') {
          // The token is gone now: sign the caller in again (people) or re-pair (devices).
          tokens[caller] =
            caller === 'admin' || caller === 'technician' || caller === 'staff'
              ? (await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `${caller}1`, password: PASSWORD } })).json().token
              : (await hub.pairDevice(caller, caller === 'counter' || caller === 'rating' ? hub.centre.counter1.id : undefined)).token;
        }
      }
    });
  }

  it('refuses a malformed, unknown or revoked token with 401', async () => {
    for (const authorization of ['Bearer', 'Basic abc', 'Bearer not-a-token', `Bearer ${tokens.staff}x`]) {
      const reply = await hub.app.inject({ method: 'GET', url: '/api/state', headers: { authorization } });
      expect(reply.statusCode, authorization).toBe(401);
    }
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff1', password: PASSWORD } });
    const token = login.json().token as string;
    expect((await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(token) })).json().error.code).toBe('auth.invalid_token');
  });

  it('ends a login after its session time', async () => {
    const login = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'staff1', password: PASSWORD } });
    const { token, expiresAt } = login.json();
    expect(Date.parse(expiresAt) - hub.clock.now().getTime()).toBe(12 * 3_600_000);
    hub.clock.advanceMinutes(12 * 60);
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(token) })).statusCode).toBe(401);
    hub.clock.advanceMinutes(-12 * 60);
  });

  it('a counter station acts only at its own counter', async () => {
    const reply = await hub.app.inject({ method: 'POST', url: `/api/counters/${hub.centre.counter2.id}/call-next`, headers: bearer(tokens.counter) });
    expect(reply.statusCode).toBe(403);
    expect(reply.json().error.code).toBe('counter.not_yours');
  });

  it('stores no secret in clear: password hashes are scrypt, tokens are digests', () => {
    const users = hub.ctx.db.prepare('SELECT password_hash FROM users').all() as { password_hash: string }[];
    // Test hubs hash at N=2^10 to run fast (the hub's own N=2^15 is checked in first-admin.test.ts); the form is the same.
    for (const user of users) expect(user.password_hash).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    const stored = (hub.ctx.db.prepare('SELECT token_hash FROM tokens').all() as { token_hash: string }[]).map((row) => row.token_hash);
    for (const token of Object.values(tokens)) expect(stored).not.toContain(token);
  });
});

describe('PIN sign-in for counter clerks', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(() => hub.close());

  const login = (payload: Record<string, unknown>) => hub.app.inject({ method: 'POST', url: '/api/auth/login', payload });

  it('signs in with a PIN once an admin set one, stored as a scrypt hash', async () => {
    expect((await login({ username: 'staff1', pin: '2468' })).statusCode).toBe(401); // no PIN yet
    const set = await hub.app.inject({ method: 'POST', url: '/api/users/staff1/pin', headers: bearer(hub.tokens.admin), payload: { pin: '2468' } });
    expect(set.statusCode).toBe(200);
    const reply = await login({ username: 'staff1', pin: '2468' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().user).toMatchObject({ username: 'staff1', role: 'staff' });
    expect((await login({ username: 'staff1', pin: '1357' })).statusCode).toBe(401);
    const row = hub.ctx.db.prepare("SELECT pin_hash FROM users WHERE username = 'staff1'").get() as { pin_hash: string };
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain('2468');
  });

  it('wants exactly one of password and PIN, and a PIN of 4 to 8 digits', async () => {
    expect((await login({ username: 'staff1' })).json().error).toMatchObject({ code: 'request.invalid', message: expect.stringMatching(/either "password" or "pin"/) });
    expect((await login({ username: 'staff1', password: PASSWORD, pin: '2468' })).statusCode).toBe(400);
    expect((await login({ username: 'staff1', pin: '12' })).statusCode).toBe(400);
    expect((await login({ username: 'staff1', pin: '12ab' })).statusCode).toBe(400);
  });

  it('removing the PIN signs the clerk out and stops PIN sign-in', async () => {
    const token = (await login({ username: 'staff1', pin: '2468' })).json().token;
    await hub.app.inject({ method: 'POST', url: '/api/users/staff1/pin', headers: bearer(hub.tokens.admin), payload: { pin: null } });
    expect((await hub.app.inject({ method: 'GET', url: '/api/state', headers: bearer(token) })).statusCode).toBe(401);
    expect((await login({ username: 'staff1', pin: '2468' })).statusCode).toBe(401);
  });
});

describe('login throttling', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub();
  });
  afterAll(() => hub.close());

  const login = (username: string, password: string, remoteAddress = '10.0.0.5') => hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

  it('locks a user name after 5 failures with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('staff1', 'wrong-password')).statusCode).toBe(401);
    const locked = await login('staff1', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('auth.too_many_attempts');
    expect(locked.headers['retry-after']).toBe('300');
    hub.clock.advanceMinutes(5);
    expect((await login('staff1', PASSWORD)).statusCode).toBe(200);
  });

  it('locks an address that tries many user names', async () => {
    for (let i = 0; i < 20; i++) await login(`nobody${i}`, 'x', '10.0.0.9');
    expect((await login('admin1', PASSWORD, '10.0.0.9')).statusCode).toBe(429);
    expect((await login('admin1', PASSWORD, '10.0.0.10')).statusCode).toBe(200);
  });
});
