import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

/** The console signs in with an HttpOnly cookie; its changes carry a CSRF token; an idle session ends. */
describe('browser sessions (the console)', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(async () => {
    await hub.close();
  });

  async function signIn(username: string, password = PASSWORD) {
    const reply = await hub.app.inject({ method: 'POST', url: '/api/auth/session', payload: { username, password } });
    const setCookie = String(reply.headers['set-cookie'] ?? '');
    const cookie = setCookie.split(';')[0] ?? '';
    return { reply, setCookie, cookie, csrf: reply.statusCode === 200 ? reply.json<{ csrfToken: string }>().csrfToken : '' };
  }

  it('keeps the token in an HttpOnly, SameSite=Strict cookie and never in the body', async () => {
    const { reply, setCookie } = await signIn('admin1');
    expect(reply.statusCode).toBe(200);
    expect(setCookie).toMatch(/^qms_session=[^;]+; Path=\/api; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const body = reply.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['csrfToken', 'expiresAt', 'idleMinutes', 'user']);
    expect(JSON.stringify(body)).not.toContain(setCookie.split(';')[0]?.split('=')[1]);
    expect(body.user).toMatchObject({ username: 'admin1', role: 'admin' });
  });

  it('reads with the cookie, and changes only with the CSRF token of the same session', async () => {
    const admin = await signIn('admin1');
    const me = await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: admin.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ type: 'user', username: 'admin1', role: 'admin', csrfToken: admin.csrf });

    const change = { method: 'PATCH' as const, url: '/api/settings', payload: { maxWaitMinutes: 25 } };
    const without = await hub.app.inject({ ...change, headers: { cookie: admin.cookie } });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('auth.csrf_failed');

    const other = await signIn('technician1');
    const wrong = await hub.app.inject({ ...change, headers: { cookie: admin.cookie, 'x-csrf-token': other.csrf } });
    expect(wrong.json().error.code).toBe('auth.csrf_failed');

    const right = await hub.app.inject({ ...change, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(right.statusCode).toBe(200);
    expect(right.json().maxWaitMinutes).toBe(25);
  });

  it('refuses a clerk, a wrong password, and locks the name after five failures', async () => {
    const staff = await signIn('staff1');
    expect(staff.reply.statusCode).toBe(403);
    expect(staff.reply.json().error).toMatchObject({ code: 'auth.forbidden', message: expect.stringContaining('counter station') });
    expect(staff.setCookie).toBe('');

    for (let i = 0; i < 5; i++) {
      const wrong = await signIn('technician1', 'not-the-password');
      expect(wrong.reply.statusCode).toBe(401);
      expect(wrong.reply.json().error.code).toBe('auth.invalid_credentials');
    }
    const locked = await signIn('technician1');
    expect(locked.reply.statusCode).toBe(429);
    expect(locked.reply.json().error.code).toBe('auth.too_many_attempts');
    expect(Number(locked.reply.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('ends a session left idle, and keeps one in use', async () => {
    const used = await signIn('admin1');
    const idle = await signIn('technician1');
    for (let minute = 0; minute < 60; minute += 20) {
      hub.clock.advance(20 * 60_000);
      const me = await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: used.cookie } });
      expect(me.statusCode).toBe(200);
    }
    const gone = await hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: idle.cookie } });
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('auth.invalid_token');
  });

  it('logs out: the cookie is removed and the session no longer works', async () => {
    const admin = await signIn('admin1');
    const out = await hub.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^qms_session=; .*Max-Age=0$/);
    const after = await hub.app.inject({ method: 'GET', url: '/api/devices', headers: { cookie: admin.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it("opens the live feed with the cookie only from the hub's own pages", async () => {
    const base = await hub.listen();
    const admin = await signIn('admin1');
    const open = (origin: string) =>
      new Promise<number | 'open'>((resolve) => {
        const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, { headers: { cookie: admin.cookie, origin } });
        socket.on('open', () => {
          socket.close();
          resolve('open');
        });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('error', () => resolve(0));
      });
    expect(await open(base)).toBe('open');
    expect(await open('http://evil.example')).toBe(403);
  });
});
