import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HubClient } from '@qms/client';
import type { BridgeMessage } from '@qms/station';
import { VirtualSignageBus } from '@qms/simulators';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type HubProcess, runQms, startHubProcess } from '../support/hub-process.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { waitForLine } from '../support/kiosk-process.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { tempDir } from '../support/temp-dir.js';

const CALLER = 2;
const SIGN = 3;
const RATING = 5;

type Alert = { source: string; code: string; clearedAt: string | null };

/**
 * The citizen's rating keypad end to end: the hub process (demo centre, whose scale is 1 to 4),
 * `qms station counter` bound to counter 1 with a caller keypad, an LED sign and a rating keypad on
 * one socat pair, the clerk signed in over the station's bridge, the keys pressed on the virtual bus.
 */
describe('counter rating keypad, end to end', () => {
  const dir = tempDir('qms-rating-keypad-');
  const dataDir = join(dir.path, 'hub');
  let hub: HubProcess;
  let station: StationProcess;
  let serial: SerialPair;
  let devices: VirtualSignageBus;
  let bridge: WebSocket;
  let staff: HubClient;
  let tech: HubClient;
  let landId: number;
  const replies: BridgeMessage<unknown>[] = [];

  beforeAll(async () => {
    hub = await startHubProcess(dataDir, { args: ['--demo'], env: { QMS_DEMO_PRINTER_PORT: '0' } });
    const pin = runQms(['users', 'pin', 'quay1', '--data', dataDir], { input: '2468\n' });
    expect(pin.status, pin.stderr).toBe(0);
    mkdirSync(join(dir.path, 'station'));
    serial = await openSerialPair(join(dir.path, 'ttyBus'), join(dir.path, 'ttyDevices'));
    devices = new VirtualSignageBus(serial.b, { displays: [SIGN], keypads: [CALLER, RATING] });
    await devices.ready();
    const counter = { signageBus: serial.a, keypadAddress: CALLER, signAddress: SIGN, ratingPad: 'keypad', ratingKeypadAddress: RATING };
    writeFileSync(join(dir.path, 'station', 'station.json'), JSON.stringify({ counter }));
    // At info: a key pressed while the pad is locked is said in the log, and nowhere else.
    station = await startPairedStation('counter', hub, dataDir, { config: join(dir.path, 'station'), approve: ['--counter', '1'], env: { QMS_LOG_LEVEL: 'info' } });
    const { url } = station;
    staff = new HubClient({ baseUrl: hub.url });
    await staff.login('quay2', 'demo1234');
    tech = new HubClient({ baseUrl: hub.url });
    await tech.login('kythuat', 'demo1234');
    landId = (await staff.state()).services.find((s) => s.name === 'Đất đai')?.id ?? 0;
    bridge = new WebSocket(`${url.replace(/^http/, 'ws')}bridge`);
    bridge.on('message', (data) => replies.push(JSON.parse(String(data)) as BridgeMessage<unknown>));
    await new Promise((resolve) => bridge.once('open', resolve));
  }, 60_000);

  afterAll(async () => {
    bridge?.close();
    station?.child.kill('SIGTERM');
    await station?.exited;
    await hub?.stop();
    await devices?.close();
    await serial?.close();
    dir.cleanup();
  });

  const counterTicket = async () => (await staff.state()).counters.find((c) => c.number === 1)?.ticket ?? null;
  const ratingOf = async (id: number) => (await staff.ticket(id)).rating;
  const logged = (pattern: RegExp) => waitForLine(station.stderr, pattern, () => '', 5_000);
  const ratingPadAlerts = async () => (await tech.request<Alert[]>('GET', '/api/devices/alerts')).body.filter((a) => a.source === 'rating_pad');

  /** A ticket called and finished on the caller keypad: the pad opens for it. */
  async function servedOnKeypad(): Promise<number> {
    const issued = await staff.issueTicket(landId);
    devices.press(CALLER, 'next');
    await expect.poll(async () => (await counterTicket())?.id, { timeout: 5_000 }).toBe(issued.id);
    devices.press(CALLER, 'finish');
    await expect.poll(async () => (await staff.ticket(issued.id)).status, { timeout: 5_000 }).toBe('done');
    return issued.id;
  }

  it('the clerk signs in; the rating keypad is pinged when the bus connects, and a key before any finish does nothing', async () => {
    bridge.send(JSON.stringify({ id: 1, method: 'login', params: { username: 'quay1', secret: '2468' } }));
    await expect.poll(() => replies.find((m) => m.type === 'reply' && m.id === 1), { timeout: 5_000 }).toMatchObject({ ok: true, result: { username: 'quay1' } });
    expect(devices.pings.get(RATING) ?? 0).toBeGreaterThanOrEqual(1);
    devices.pressRating(RATING, 2);
    await logged(/rating key 2 ignored: the rating pad is locked/);
    expect(station.stderr()).not.toMatch(/rating 2 given/);
  });

  it('a key after the clerk finished a ticket rates it at the hub; a key outside the scale is refused; a second key is ignored', async () => {
    const pings = devices.pings.get(RATING) ?? 0;
    const id = await servedOnKeypad();
    // Opening the pad asks whether the keypad is there.
    await expect.poll(() => devices.pings.get(RATING) ?? 0, { timeout: 5_000 }).toBe(pings + 1);
    // The demo's scale is 1 to 4: a fifth key (on a pad built for five levels) rates nothing, and the pad stays open.
    devices.pressRating(RATING, 5);
    await logged(/rating key 5: score must be one of/);
    devices.pressRating(RATING, 4);
    await expect.poll(() => ratingOf(id), { timeout: 5_000 }).toMatchObject({ score: 4 });
    await logged(/rating 4 given on the rating keypad/);
    // One press per ticket: the pad thanks the citizen, and another key does nothing.
    devices.pressRating(RATING, 1);
    await logged(/rating key 1 ignored: the rating pad is thanks/);
    expect(await ratingOf(id)).toMatchObject({ score: 4 });
  });

  it('a rating keypad that does not answer raises a rating_pad alert, cleared when it answers again', async () => {
    expect(await ratingPadAlerts()).toEqual([]);
    // The rating keypad unplugged from the bus: the caller keypad and the sign are still there.
    await devices.close();
    devices = new VirtualSignageBus(serial.b, { displays: [SIGN], keypads: [CALLER] });
    await devices.ready();
    await servedOnKeypad();
    await expect.poll(ratingPadAlerts, { timeout: 10_000 }).toMatchObject([{ source: 'rating_pad', code: 'not_answering', clearedAt: null }]);
    // Another device's silence is not the sign's: no alert for it.
    expect((await tech.request<Alert[]>('GET', '/api/devices/alerts')).body.filter((a) => a.source === 'sign')).toEqual([]);
    // Plugged back: its first key says it is there (and rates the ticket, still open).
    await devices.close();
    devices = new VirtualSignageBus(serial.b, { displays: [SIGN], keypads: [CALLER, RATING] });
    await devices.ready();
    devices.pressRating(RATING, 3);
    await expect.poll(async () => (await ratingPadAlerts())[0]?.clearedAt, { timeout: 10_000 }).not.toBeNull();
  });
});
