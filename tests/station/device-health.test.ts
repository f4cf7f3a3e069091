import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kioskStation } from '@qms/kiosk';
import { SignageBus } from '@qms/signage';
import { VirtualPrinter, VirtualSignageBus } from '@qms/simulators';
import { createStation, loadStationConfig, type Station } from '@qms/station';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blankStation } from './blank-station/blank-app.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

type Alert = { deviceName: string; source: string; code: string; message: string; clearedAt: string | null };

/**
 * Every driver reports connected | problem(code) | disconnected; the station turns it into the
 * hub's device alerts and clears them when the device is back. Real drivers on socat pairs and the
 * virtual printer, against the hub's app on loopback.
 */
describe("device health as the hub's alerts", () => {
  let hub: TestHub;
  let hubUrl: string;
  let dir: ReturnType<typeof tempDir>;
  const cleanups: (() => Promise<unknown> | unknown)[] = [];

  beforeEach(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
    dir = tempDir('qms-health-');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await hub.close();
    dir.cleanup();
  });

  const alerts = async (source: string): Promise<Alert[]> =>
    ((await hub.app.inject({ method: 'GET', url: '/api/devices/alerts', headers: bearer(hub.tokens.technician) })).json() as Alert[]).filter((a) => a.source === source);

  async function paired<S, V, M extends Record<string, { params: unknown; result: unknown }>>(station: Station<S, V, M>): Promise<Station<S, V, M>> {
    station.start();
    cleanups.push(() => station.stop());
    await expect.poll(() => station.link.pairingCode, { timeout: 5_000 }).toMatch(/^\d{6}$/);
    await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: station.link.pairingCode } });
    await expect.poll(() => station.link.phase, { timeout: 5_000 }).toBe('ready');
    return station;
  }

  it('a kiosk scanner unplugged raises "disconnected" for the technician; plugged back, the alert is cleared', async () => {
    const a = join(dir.path, 'scanner');
    const b = join(dir.path, 'scanner-device');
    let pair: SerialPair | undefined = await openSerialPair(a, b);
    cleanups.push(() => pair?.close());
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ name: 'Kiosk sảnh', scanner: { path: a } }));
    await paired(createStation(kioskStation, loadStationConfig(dir.path, kioskStation.section, { hubUrl })));
    // Connected from the start: nothing open for the scanner.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await alerts('scanner')).filter((alert) => alert.clearedAt === null)).toEqual([]);

    await pair.close();
    await expect.poll(() => alerts('scanner'), { timeout: 10_000 }).toEqual([expect.objectContaining({ deviceName: 'Kiosk sảnh', code: 'disconnected', clearedAt: null })]);
    pair = await openSerialPair(a, b);
    await expect.poll(async () => (await alerts('scanner'))[0]?.clearedAt ?? null, { timeout: 10_000 }).not.toBeNull();
  });

  it('a scanner that is not there at start is reported at once', async () => {
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ scanner: { path: join(dir.path, 'no-such-tty') } }));
    await paired(createStation(kioskStation, loadStationConfig(dir.path, kioskStation.section, { hubUrl })));
    await expect.poll(() => alerts('scanner'), { timeout: 10_000 }).toEqual([expect.objectContaining({ code: 'disconnected', clearedAt: null, message: expect.stringContaining('no-such-tty') })]);
  });

  it('a printer that cannot be reached is "disconnected" in both languages; back, the alert clears', async () => {
    const printer = new VirtualPrinter();
    const port = await printer.listen(0);
    await printer.close(); // the port is now closed: nothing answers there
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ printer: { interface: `tcp://127.0.0.1:${port}` } }));
    const station = await paired(createStation(kioskStation, loadStationConfig(dir.path, kioskStation.section, { hubUrl })));
    await expect
      .poll(() => alerts('printer'), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ code: 'disconnected', clearedAt: null, message: 'Không kết nối được máy in / The printer cannot be reached' })]);
    const again = new VirtualPrinter();
    await again.listen(port);
    cleanups.unshift(() => again.close()); // after the station stopped: it may be asking the printer for its state
    // The kiosk looks again soon while its printer has a problem.
    await expect.poll(async () => (await alerts('printer'))[0]?.clearedAt ?? null, { timeout: 15_000 }).not.toBeNull();
    expect((station.agent.view() as { printer: unknown }).printer).toEqual({ configured: true, problem: null });
  });

  it('any driver, on any kind of station: an LED sign that stops acknowledging is a problem, then fine again', async () => {
    const pair = await openSerialPair(join(dir.path, 'bus'), join(dir.path, 'bus-devices'));
    cleanups.push(() => pair.close());
    const devices = new VirtualSignageBus(pair.b, { displays: [3] });
    await devices.ready();
    cleanups.push(() => devices.close());
    const station = await paired(createStation(blankStation, loadStationConfig(dir.path, blankStation.section, { hubUrl })));
    const bus = new SignageBus({ path: pair.a, ackTimeoutMs: 100, attempts: 2 });
    cleanups.push(() => bus.stop());
    station.health.watch('sign', bus);
    const opened = new Promise((resolve) => bus.once('health', resolve));
    bus.start();
    await opened;
    await bus.show(3, 'A105');
    expect(devices.displays.get(3)?.text).toBe('A105');

    devices.deafFor = 2;
    await expect(bus.show(3, 'A106')).rejects.toThrow(/did not acknowledge/);
    await expect.poll(() => alerts('sign'), { timeout: 5_000 }).toEqual([expect.objectContaining({ code: 'not_answering', clearedAt: null, message: expect.stringContaining('device 3') })]);
    await bus.show(3, 'A106');
    await expect.poll(async () => (await alerts('sign'))[0]?.clearedAt ?? null, { timeout: 5_000 }).not.toBeNull();
  });
});
