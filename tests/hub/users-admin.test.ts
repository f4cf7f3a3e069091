import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, PASSWORD, type TestHub } from '../support/test-hub.js';

type Entry = { action: string; actor: { name: string }; details: Record<string, unknown> };

/** The administrator switches users on and off and changes their name and role; the centre never loses its last admin. */
describe('users on and off, name and role', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await createTestHub();
  });
  afterEach(() => hub.close());

  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, token = hub.tokens.admin) => hub.app.inject({ method, url, headers: bearer(token), payload: payload as never });
  const setActive = (username: string, active: unknown, token = hub.tokens.admin) => send('POST', `/api/users/${username}/active`, { active }, token);
  const login = (username: string, password = PASSWORD) => hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  const me = (token: string) => hub.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(token) });
  const error = (reply: { statusCode: number; json: () => unknown }) => [reply.statusCode, (reply.json() as { error: { code: string } }).error.code];
  const audit = async (query: string) => (await hub.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: bearer(hub.tokens.admin) })).json<{ entries: Entry[] }>().entries;

  it('switching a user off signs them out at once and refuses their logins; on again, they sign in', async () => {
    const staff = hub.tokens.staff;
    const second = (await login('staff1')).json<{ token: string }>().token;
    expect((await me(staff)).statusCode).toBe(200);

    const off = await setActive('staff1', false);
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ username: 'staff1', role: 'staff', active: false });
    for (const token of [staff, second]) expect(error(await me(token))).toEqual([401, 'auth.invalid_token']);
    expect(error(await login('staff1'))).toEqual([401, 'auth.invalid_credentials']);
    expect((await hub.app.inject({ method: 'GET', url: '/api/users', headers: bearer(hub.tokens.admin) })).json()).toContainEqual(expect.objectContaining({ username: 'staff1', active: false }));

    // Switching off twice changes nothing and records nothing more.
    expect((await setActive('staff1', false)).statusCode).toBe(200);
    const on = await setActive('staff1', true);
    expect(on.json()).toMatchObject({ username: 'staff1', active: true });
    expect((await login('staff1')).statusCode).toBe(200);

    const entries = await audit('?action=user.&limit=5');
    expect(entries.map(({ action, actor, details }) => [action, actor.name, details.username ?? null])).toEqual([
      ['user.login', 'staff1', 'staff1'],
      ['user.enabled', 'admin1', 'staff1'],
      ['user.login_failed', 'staff1', 'staff1'],
      ['user.disabled', 'admin1', 'staff1'],
      ['user.login', 'staff1', 'staff1'],
    ]);
    expect(entries[2]?.details.reason).toBe('user_disabled');
  });

  it('never switches off, nor takes the role of, the last active admin', async () => {
    expect(error(await setActive('admin1', false))).toEqual([409, 'user.last_admin']);
    expect((await setActive('admin1', false)).json().error.message).toMatch(/last active admin; give another user the admin role/);
    expect(error(await send('PATCH', '/api/users/admin1', { role: 'technician' }))).toEqual([409, 'user.last_admin']);
    // A display name is no problem.
    expect((await send('PATCH', '/api/users/admin1', { displayName: 'Quản trị' })).json()).toMatchObject({ username: 'admin1', role: 'admin', displayName: 'Quản trị' });

    // With a second admin, the first may go; then the second is the last.
    expect((await send('PATCH', '/api/users/technician1', { role: 'admin' })).json()).toMatchObject({ role: 'admin' });
    expect((await setActive('admin1', false)).json()).toMatchObject({ active: false });
    const admin2 = hub.tokens.technician; // technician1, an admin now: its session carries the new role
    expect((await hub.app.inject({ method: 'GET', url: '/api/users', headers: bearer(admin2) })).statusCode).toBe(200);
    expect(error(await setActive('technician1', false, admin2))).toEqual([409, 'user.last_admin']);
    expect(error(await send('PATCH', '/api/users/technician1', { role: 'staff' }, admin2))).toEqual([409, 'user.last_admin']);
    // A switched-off admin does not count, and may be given another role.
    expect((await send('PATCH', '/api/users/admin1', { role: 'staff' }, admin2)).json()).toMatchObject({ role: 'staff', active: false });
    expect(error(await setActive('technician1', false, admin2))).toEqual([409, 'user.last_admin']);
  });

  it("changes a user's display name and role, recorded with what changed; the user keeps their session", async () => {
    const reply = await send('PATCH', '/api/users/staff1', { displayName: 'Trần Văn Kỹ', role: 'technician' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ username: 'staff1', displayName: 'Trần Văn Kỹ', role: 'technician', active: true });
    expect((await me(hub.tokens.staff)).json()).toMatchObject({ username: 'staff1', role: 'technician' });
    expect((await hub.app.inject({ method: 'GET', url: '/api/audit', headers: bearer(hub.tokens.staff) })).statusCode).toBe(200);

    expect((await send('PATCH', '/api/users/staff1', { displayName: 'Trần Văn Kỹ' })).statusCode).toBe(200); // no change, no entry
    const [entry] = await audit('?action=user.updated');
    expect(entry).toMatchObject({
      actor: { name: 'admin1' },
      details: { username: 'staff1', changes: { displayName: { from: '', to: 'Trần Văn Kỹ' }, role: { from: 'staff', to: 'technician' } } },
    });
    expect(await audit('?action=user.updated')).toHaveLength(1);
  });

  it('refuses bad input and unknown users with stable codes, and is for the administrator only', async () => {
    expect(error(await setActive('nobody', false))).toEqual([404, 'user.not_found']);
    expect(error(await send('PATCH', '/api/users/nobody', { displayName: 'x' }))).toEqual([404, 'user.not_found']);
    for (const body of [{}, { active: 'no' }, { active: 0 }, { active: false, role: 'admin' }]) {
      expect(error(await send('POST', '/api/users/staff1/active', body)), JSON.stringify(body)).toEqual([400, 'request.invalid']);
    }
    for (const body of [{}, { role: 'boss' }, { username: 'other' }, { displayName: 'x'.repeat(121) }, { active: false }]) {
      expect(error(await send('PATCH', '/api/users/staff1', body)), JSON.stringify(body)).toEqual([400, 'request.invalid']);
    }
    expect(error(await setActive('staff1', false, hub.tokens.technician))).toEqual([403, 'auth.forbidden']);
    expect(error(await send('PATCH', '/api/users/staff1', { role: 'admin' }, hub.tokens.staff))).toEqual([403, 'auth.forbidden']);
    expect((await me(hub.tokens.staff)).json()).toMatchObject({ role: 'staff' });
  });
});
