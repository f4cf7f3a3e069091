import { HubClient, HubError } from '@qms/client';
import { CredentialStore, HubLink } from '@qms/station';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/** A counter station's link and its clerk's sign-in, against the hub's app on loopback (real HTTP, WebSocket, SQLite). */
describe('hub link of a counter station', () => {
  let hub: TestHub;
  let hubUrl: string;
  let dir: ReturnType<typeof tempDir>;
  const links: HubLink[] = [];

  beforeEach(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
    dir = tempDir('qms-counter-');
  });
  afterEach(async () => {
    for (const link of links.splice(0)) link.stop();
    await hub.close();
    dir.cleanup();
  });

  function counterLink(): HubLink {
    const link = new HubLink({ hubUrl, kind: 'counter', name: 'Quầy 2', credentials: new CredentialStore(dir.path), pollMs: 50, maxRetryMs: 200 });
    links.push(link);
    link.start();
    return link;
  }

  async function approve(link: HubLink, counterId: number): Promise<void> {
    await expect.poll(() => link.pairingCode, { timeout: 5_000 }).toMatch(/^\d{6}$/);
    const approved = await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: link.pairingCode, counterId } });
    expect(approved.statusCode).toBe(200);
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('ready');
  }

  it('knows the counter it was approved for: from the approval, from the hub after a restart, and anew after a re-approval', async () => {
    const first = counterLink();
    expect(first.counterId).toBeNull();
    await approve(first, hub.centre.counter2.id);
    expect(first.counterId).toBe(hub.centre.counter2.id);
    first.stop();

    // Restarted on its stored token: the credential file holds no counter, the hub tells it.
    const again = counterLink();
    expect(again.counterId).toBeNull();
    await expect.poll(() => again.phase, { timeout: 5_000 }).toBe('ready');
    expect(again.counterId).toBe(hub.centre.counter2.id);
    expect(again.pairingCode).toBeNull();

    // The technician revokes it and approves it again, for counter 1.
    const revoked = await hub.app.inject({ method: 'POST', url: `/api/devices/${again.deviceId}/revoke`, headers: bearer(hub.tokens.technician) });
    expect(revoked.statusCode).toBe(200);
    await expect.poll(() => again.phase, { timeout: 5_000 }).toBe('pairing');
    expect(again.counterId).toBeNull();
    await approve(again, hub.centre.counter1.id);
    expect(again.counterId).toBe(hub.centre.counter1.id);
  });

  it('a station not tied to a counter says so', async () => {
    const link = counterLink();
    await expect.poll(() => link.pairingCode, { timeout: 5_000 }).toMatch(/^\d{6}$/);
    await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: link.pairingCode } });
    await expect.poll(() => link.phase, { timeout: 5_000 }).toBe('ready');
    expect(link.counterId).toBeNull();
  });

  it('signs a clerk in with a PIN, who can then call at the counter; a wrong PIN is refused', async () => {
    const setPin = await hub.app.inject({ method: 'POST', url: '/api/users/staff1/pin', headers: bearer(hub.tokens.admin), payload: { pin: '4821' } });
    expect(setPin.statusCode).toBe(200);
    const kiosk = new HubClient({ baseUrl: hubUrl, token: hub.tokens.admin });
    const ticket = await kiosk.issueTicket(hub.centre.b.id);

    const clerk = new HubClient({ baseUrl: hubUrl });
    const session = await clerk.loginWithPin('staff1', '4821');
    expect(session.user).toMatchObject({ username: 'staff1', role: 'staff' });
    expect(Date.parse(session.expiresAt)).toBeGreaterThan(hub.clock.now().getTime());
    expect(clerk.token).toBe(session.token);
    expect(await clerk.callNext(hub.centre.counter2.id)).toMatchObject({ id: ticket.id, status: 'called' });

    const wrong = await new HubClient({ baseUrl: hubUrl }).loginWithPin('staff1', '1111').catch((error: unknown) => error);
    expect(wrong).toBeInstanceOf(HubError);
    expect(wrong).toMatchObject({ status: 401, code: 'auth.invalid_credentials' });
  });

  it('takes the events of one change together: "call next" over a held ticket never shows the counter empty', async () => {
    const link = counterLink();
    await approve(link, hub.centre.counter2.id);
    const admin = new HubClient({ baseUrl: hubUrl, token: hub.tokens.admin });
    for (let i = 0; i < 6; i++) await admin.issueTicket(hub.centre.b.id);
    const clerk = new HubClient({ baseUrl: hubUrl, token: hub.tokens.staff });
    await clerk.callNext(hub.centre.counter2.id);
    await expect.poll(() => link.state?.counters.find((c) => c.id === hub.centre.counter2.id)?.ticket?.label).toBeTruthy();

    // What a station publishes: the state as it is once the turn's microtasks ran (Station.publish).
    const seen: (string | null)[] = [];
    let pending = false;
    link.on('change', () => {
      if (pending) return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        seen.push(link.state?.counters.find((c) => c.id === hub.centre.counter2.id)?.ticket?.label ?? null);
      });
    });
    const labels: string[] = [];
    for (let i = 0; i < 5; i++) {
      const called = await clerk.callNext(hub.centre.counter2.id);
      labels.push(called!.label);
      await expect.poll(() => seen.at(-1)).toBe(called!.label);
    }
    // Each call: "finished" and "called" applied before anything is shown; never a moment with no ticket.
    expect(seen).not.toContain(null);
    expect([...new Set(seen)]).toEqual(labels);
  });
});
