import { EventStream, HubClient } from '@qms/client';
import type { CommandMessage, DeviceLiveDto } from '@qms/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bearer, createTestHub, receiveBirthRegistration, type TestHub } from '../support/test-hub.js';

interface Feed {
  socket: WebSocket;
  /** Every message but heartbeats, as received. */
  messages: Record<string, unknown>[];
  opened: Promise<void>;
}

const COMMAND_TIMEOUT_MS = 400;

/**
 * The technician console's live view of the stations on the hub alone (stations played by
 * WebSockets with device tokens; real stations are in tests/station/station-commands.e2e.test.ts):
 * device notices outside the seq'd events, liveness in GET /api/devices, commands and answers.
 */
describe('device notices, liveness and commands (hub)', () => {
  let hub: TestHub;
  let base: string;
  const feeds: Feed[] = [];

  beforeEach(async () => {
    hub = await createTestHub({ events: { maxBufferedBytes: 1024 * 1024, maxReplay: 5_000, heartbeatMs: 60_000, commandTimeoutMs: COMMAND_TIMEOUT_MS } });
    base = (await hub.listen()).replace(/^http/, 'ws');
  });
  afterEach(async () => {
    for (const feed of feeds.splice(0)) feed.socket.terminate();
    await hub.close();
  });

  function subscribe(token: string, query = ''): Feed {
    const socket = new WebSocket(`${base}/api/events${query ? `?${query}` : ''}`, { headers: bearer(token) });
    const messages: Record<string, unknown>[] = [];
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type !== 'heartbeat') messages.push(message);
    });
    socket.on('error', () => undefined); // a refused upgrade ends up here too
    const opened = new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (request, response) => {
        request.destroy();
        reject(new Error(`HTTP ${response.statusCode}`));
      });
    });
    const feed = { socket, messages, opened };
    feeds.push(feed);
    return feed;
  }

  const notices = (feed: Feed) => feed.messages.filter((m) => m.type === 'notice.devices').length;
  /** Waits for the notice of a change, and checks that the burst gave just one. */
  async function expectOneNotice(feed: Feed, change: () => Promise<unknown>): Promise<void> {
    const before = notices(feed);
    await change();
    await expect.poll(() => notices(feed)).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(notices(feed)).toBe(before + 1);
  }

  const technician = (method: 'GET' | 'POST', url: string, payload?: object) => hub.app.inject({ method, url, headers: bearer(hub.tokens.technician), ...(payload ? { payload } : {}) });
  const devices = async () => (await technician('GET', '/api/devices')).json<DeviceLiveDto[]>();
  const deviceOf = async (id: number) => (await devices()).find((d) => d.id === id);
  const closed = (feed: Feed) => new Promise<void>((resolve) => (feed.socket.readyState === WebSocket.CLOSED ? resolve() : feed.socket.once('close', () => resolve())));

  it('sends notices to technicians who ask: pairing requested, approved, alert raised and cleared, link attached and gone, revoked', async () => {
    const console = subscribe(hub.tokens.technician, 'notices=devices');
    const admin = subscribe(hub.tokens.admin, 'notices=devices');
    const plain = subscribe(hub.tokens.technician);
    await Promise.all([console.opened, admin.opened, plain.opened]);

    let code = '';
    let deviceId = 0;
    let secret = '';
    await expectOneNotice(console, async () => {
      const reply = await hub.app.inject({ method: 'POST', url: '/api/devices/pair', payload: { kind: 'kiosk', name: 'Kiosk sảnh' } });
      ({ code, deviceId, secret } = reply.json<{ code: string; deviceId: number; secret: string }>());
    });
    await expectOneNotice(console, () => technician('POST', '/api/devices/approve', { code }));
    const { token } = (await hub.app.inject({ method: 'POST', url: `/api/devices/pair/${deviceId}`, payload: { secret } })).json<{ token: string }>();
    const alert = (active: boolean) =>
      hub.app.inject({ method: 'POST', url: '/api/devices/alerts', headers: bearer(token), payload: { source: 'printer', code: 'paper_out', message: 'out of paper', active } });
    await expectOneNotice(console, () => alert(true));
    await expectOneNotice(console, () => alert(false));
    // Clearing an alert that is not active changes nothing: no notice.
    await alert(false);
    await new Promise((resolve) => setTimeout(resolve, 250));

    let station: Feed | undefined;
    await expectOneNotice(console, async () => {
      station = subscribe(token);
      await station.opened;
    });
    // A second link of the same station is no change for the console.
    const second = subscribe(token);
    await second.opened;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await expectOneNotice(console, async () => {
      second.socket.close();
      await closed(second);
      station?.socket.close();
      await closed(station as Feed);
    });
    // A revoke and the links it cuts are one burst: one notice.
    const again = subscribe(token);
    await expectOneNotice(console, () => again.opened);
    await expectOneNotice(console, async () => {
      await technician('POST', `/api/devices/${deviceId}/revoke`);
      await closed(again);
    });

    expect(notices(console)).toBe(8);
    expect(notices(admin)).toBe(8);
    expect(console.messages.every((m) => m.type === 'notice.devices' && typeof m.at === 'string' && !('seq' in m))).toBe(true);
    expect(plain.messages).toEqual([]);
    expect(station?.messages).toEqual([]);
  });

  it('sends application notices to technicians who ask (devices,applications): received, moved; none to those who asked for devices only', async () => {
    const both = subscribe(hub.tokens.technician, 'notices=devices,applications');
    const devicesOnly = subscribe(hub.tokens.admin, 'notices=devices');
    await Promise.all([both.opened, devicesOnly.opened]);
    // The same through @qms/client's EventStream, asking for both topics.
    const heard: string[] = [];
    const stream = new EventStream(
      new HubClient({ baseUrl: base.replace(/^ws/, 'http'), token: hub.tokens.technician }),
      { onNotice: (notice) => heard.push(notice.type) },
      { notices: ['devices', 'applications'] },
    );
    await stream.start();
    const applicationNotices = (feed: Feed) => feed.messages.filter((m) => m.type === 'notice.applications').length;
    const received = await receiveBirthRegistration(hub, { fullName: 'Trần Thị Bình' });
    expect(received.statusCode, received.body).toBe(201);
    await expect.poll(() => applicationNotices(both)).toBe(1);
    const moved = await hub.app.inject({ method: 'POST', url: `/api/applications/${received.json<{ id: number }>().id}/status`, headers: bearer(hub.tokens.staff), payload: { status: 4 } });
    expect(moved.statusCode, moved.body).toBe(200);
    await expect.poll(() => applicationNotices(both)).toBe(2);
    await expect.poll(() => heard.filter((type) => type === 'notice.applications').length).toBe(2);
    stream.close();
    await hub.pairDevice('kiosk');
    await expect.poll(() => notices(both)).toBeGreaterThan(0);
    await expect.poll(() => notices(devicesOnly)).toBeGreaterThan(0);
    expect(applicationNotices(devicesOnly)).toBe(0);
    expect(both.messages.filter((m) => m.type === 'notice.applications').every((m) => typeof m.at === 'string' && !('seq' in m))).toBe(true);
    await expect(subscribe(hub.tokens.staff, 'notices=applications').opened).rejects.toThrow('HTTP 403');
    await expect(subscribe(hub.tokens.technician, 'notices=devices,').opened).rejects.toThrow('HTTP 400');
  });

  it('refuses notices to staff and to stations, and never sends them to a station that did not opt in', async () => {
    await expect(subscribe(hub.tokens.staff, 'notices=devices').opened).rejects.toThrow('HTTP 403');
    const { token } = await hub.pairDevice('display');
    await expect(subscribe(token, 'notices=devices').opened).rejects.toThrow('HTTP 403');
    await expect(subscribe(hub.tokens.technician, 'notices=everything').opened).rejects.toThrow('HTTP 400');
    await expect(subscribe(hub.tokens.technician, 'commands=true').opened).rejects.toThrow('HTTP 403');
    const station = subscribe(token, 'commands=true');
    const console = subscribe(hub.tokens.technician, 'notices=devices');
    await Promise.all([station.opened, console.opened]);
    await hub.pairDevice('kiosk');
    await expect.poll(() => notices(console)).toBeGreaterThan(0);
    expect(station.messages).toEqual([]);
  });

  it('lets EventStream users take notices by callback, and streams without a handler ignore them without a resync', async () => {
    const client = new HubClient({ baseUrl: base.replace(/^ws/, 'http'), token: hub.tokens.technician });
    const seen: string[] = [];
    let snapshots = 0;
    const events: number[] = [];
    const withHandler = new EventStream(client, { onNotice: (notice) => seen.push(notice.type) }, { notices: 'devices' });
    const withoutHandler = new EventStream(client, { onSnapshot: () => (snapshots += 1), onEvent: (event) => events.push(event.seq) }, { notices: 'devices' });
    await Promise.all([withHandler.start(), withoutHandler.start()]);
    try {
      await hub.pairDevice('kiosk');
      await expect.poll(() => seen).toEqual(['notice.devices']);
      await hub.app.inject({ method: 'POST', url: '/api/tickets', headers: bearer(hub.tokens.staff), payload: { serviceId: hub.centre.a.id } });
      await expect.poll(() => events.length).toBe(1);
      expect(snapshots).toBe(1);
    } finally {
      withHandler.close();
      withoutHandler.close();
    }
  });

  it('shows whether each station is linked now, and since when it is not', async () => {
    const startedAt = hub.clock.now().toISOString();
    const { token, deviceId } = await hub.pairDevice('kiosk');
    expect(await deviceOf(deviceId)).toMatchObject({ status: 'approved', connected: false, disconnectedAt: startedAt });
    hub.clock.advance(5_000);
    const link = subscribe(token);
    await link.opened;
    expect(await deviceOf(deviceId)).toMatchObject({ connected: true, disconnectedAt: null });
    hub.clock.advance(7_000);
    link.socket.close();
    await closed(link);
    await expect.poll(async () => (await deviceOf(deviceId))?.connected).toBe(false);
    expect((await deviceOf(deviceId))?.disconnectedAt).toBe(hub.clock.now().toISOString());
    expect(hub.clock.now().toISOString()).not.toBe(startedAt);
  });

  /** A station played by hand: it takes commands on its link and answers them with `answer`. */
  async function fakeStation(kind: 'kiosk' | 'display', answer: (command: CommandMessage) => object | null) {
    const { token, deviceId } = await hub.pairDevice(kind);
    const link = subscribe(token, 'commands=true');
    await link.opened;
    link.socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as CommandMessage;
      if (message.type !== 'command') return;
      const body = answer(message);
      if (body) void hub.app.inject({ method: 'POST', url: `/api/devices/commands/${message.id}/result`, headers: bearer(token), payload: body });
    });
    return { token, deviceId, link };
  }

  it('sends a command on the station’s link and answers with its result, its failure (502 with its code), or a refusal', async () => {
    const kiosk = await fakeStation('kiosk', (m) =>
      m.command === 'scanner.last'
        ? { ok: true, result: { at: '2026-11-27T01:00:00.000Z', source: 'serial', kind: 'cccd', text: '001******345' } }
        : { ok: false, code: 'paper_out', message: 'out of paper' },
    );
    const command = (deviceId: number, name: string) => technician('POST', `/api/devices/${deviceId}/commands`, { command: name });

    const last = await command(kiosk.deviceId, 'scanner.last');
    expect(last.statusCode).toBe(200);
    expect(last.json()).toEqual({ command: 'scanner.last', result: { at: '2026-11-27T01:00:00.000Z', source: 'serial', kind: 'cccd', text: '001******345' } });
    const failed = await command(kiosk.deviceId, 'receipt.print');
    expect(failed.statusCode).toBe(502);
    expect(failed.json().error).toMatchObject({ code: 'paper_out', message: 'out of paper' });

    const unsupported = await command(kiosk.deviceId, 'voice.sample');
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().error.code).toBe('device.command_unsupported');
    expect((await command(9999, 'scanner.last')).json().error.code).toBe('device.not_found');
    const staff = await hub.app.inject({ method: 'POST', url: `/api/devices/${kiosk.deviceId}/commands`, headers: bearer(hub.tokens.staff), payload: { command: 'scanner.last' } });
    expect(staff.statusCode).toBe(403);
    expect((await command(kiosk.deviceId, 'reboot')).statusCode).toBe(400);
  });

  it('answers 409 device.offline without a link that takes commands, and 504 when the station does not answer', async () => {
    const { token, deviceId } = await hub.pairDevice('display');
    const command = () => technician('POST', `/api/devices/${deviceId}/commands`, { command: 'voice.sample' });
    const offline = await command();
    expect(offline.statusCode).toBe(409);
    expect(offline.json().error.code).toBe('device.offline');
    // An older station: linked, but it did not opt in to commands.
    const older = subscribe(token);
    await older.opened;
    expect((await command()).json().error.code).toBe('device.offline');
    expect(older.messages).toEqual([]);

    const silent = subscribe(token, 'commands=true');
    await silent.opened;
    const started = Date.now();
    const timedOut = await command();
    expect(timedOut.statusCode).toBe(504);
    expect(timedOut.json().error.code).toBe('device.not_answering');
    expect(Date.now() - started).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 20);
    expect(silent.messages).toEqual([expect.objectContaining({ type: 'command', command: 'voice.sample', id: expect.stringMatching(/^[0-9a-f-]{36}$/) })]);
    // Its late answer finds nothing waiting.
    const late = await hub.app.inject({
      method: 'POST',
      url: `/api/devices/commands/${String(silent.messages[0]?.id)}/result`,
      headers: bearer(token),
      payload: { ok: true, result: { queued: true } },
    });
    expect(late.statusCode).toBe(404);
    expect(late.json().error.code).toBe('device.command_not_found');
  });

  it('takes the answer only from the station the command went to, up to 1 MB, and checks its shape', async () => {
    const other = await hub.pairDevice('kiosk');
    let answeredByOther: number | undefined;
    const png = 'A'.repeat(700_000); // a receipt's PNG in base64 is far above the hub's usual 64 KB body limit
    const kiosk = await fakeStation('kiosk', (m) => {
      void hub.app
        .inject({ method: 'POST', url: `/api/devices/commands/${m.id}/result`, headers: bearer(other.token), payload: { ok: true, result: null } })
        .then((reply) => (answeredByOther = reply.statusCode));
      return m.command === 'receipt.preview' ? { ok: true, result: { png, width: 576, height: 400 } } : { ok: true, result: { printed: 'yes' } };
    });
    const preview = await technician('POST', `/api/devices/${kiosk.deviceId}/commands`, { command: 'receipt.preview' });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().result).toEqual({ png, width: 576, height: 400 });
    expect(answeredByOther).toBe(403);
    const wrongShape = await technician('POST', `/api/devices/${kiosk.deviceId}/commands`, { command: 'receipt.print' });
    expect(wrongShape.statusCode).toBe(502);
    expect(wrongShape.json().error.code).toBe('device.invalid_answer');
    const tooLarge = await hub.app.inject({
      method: 'POST',
      url: `/api/devices/commands/00000000-0000-4000-8000-000000000000/result`,
      headers: bearer(kiosk.token),
      payload: { ok: true, result: 'A'.repeat(1_100_000) },
    });
    expect(tooLarge.statusCode).toBe(413);
    const elsewhere = await hub.app.inject({
      method: 'POST',
      url: '/api/devices/alerts',
      headers: bearer(kiosk.token),
      payload: { source: 'printer', code: 'x', message: 'A'.repeat(100_000), active: true },
    });
    expect(elsewhere.statusCode).toBe(413);
  });
});
