import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '@qms/core';
import type { DisplayOwnView } from '@qms/display';
import type { DeviceLiveDto } from '@qms/protocol';
import { VirtualPrinter, VirtualScanner } from '@qms/simulators';
import { type BridgeMessage, VIEW_DRAWN } from '@qms/station';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HubProcess } from '../support/hub-process.js';
import { rowsOfPng, rowsOfRaster } from '../support/raster-rows.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { type StationProcess, startPairedStation } from '../support/station-process.js';
import { tempDir } from '../support/temp-dir.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';

const CCCD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên|20042021';
const COMMAND_TIMEOUT_MS = 1_500;

/**
 * Technicians' commands to real stations: the hub in this process (its app on a loopback port, with
 * a short command timeout and the real clock, since `qms devices approve` checks the pairing code's
 * expiry by it), `qms station kiosk` printing to the virtual TCP printer and reading a socat serial
 * pair, `qms station display` with its voice on. The console's side is played with HTTP and a
 * WebSocket asking for device notices.
 */
describe('commands to stations, end to end', () => {
  const dir = tempDir('qms-commands-');
  let hub: TestHub;
  let hubProcess: HubProcess;
  let printer: VirtualPrinter;
  let serial: SerialPair;
  let kiosk: StationProcess;
  let display: StationProcess;
  let console: WebSocket;
  const notices: string[] = [];

  const technician = (method: 'GET' | 'POST', url: string, payload?: object) => hub.app.inject({ method, url, headers: bearer(hub.tokens.technician), ...(payload ? { payload } : {}) });
  const devices = async () => (await technician('GET', '/api/devices')).json<DeviceLiveDto[]>();
  const deviceNamed = async (name: string) => (await devices()).find((d) => d.name === name && d.status === 'approved');
  async function command(name: string, command: string) {
    const device = await deviceNamed(name);
    if (!device) throw new Error(`no approved device ${name}`);
    return technician('POST', `/api/devices/${device.id}/commands`, { command });
  }

  async function startStation(kind: 'kiosk' | 'display', name: string, settings: object, args: string[]): Promise<StationProcess> {
    const config = join(dir.path, name);
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'station.json'), JSON.stringify({ [kind]: settings }));
    return startPairedStation(kind, hubProcess, hub.dataDir, { config, name, args });
  }

  beforeAll(async () => {
    hub = await createTestHub({ clock: systemClock, events: { maxBufferedBytes: 1024 * 1024, maxReplay: 5_000, heartbeatMs: 15_000, commandTimeoutMs: COMMAND_TIMEOUT_MS } });
    const url = await hub.listen();
    // startPairedStation needs only the hub's URL (it approves with `qms devices approve` on the hub's data folder).
    hubProcess = { url } as HubProcess;
    console = new WebSocket(`${url.replace(/^http/, 'ws')}/api/events?notices=devices`, { headers: bearer(hub.tokens.technician) });
    console.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type.startsWith('notice.')) notices.push(message.type);
    });
    await new Promise((resolve) => console.once('open', resolve));
    printer = new VirtualPrinter();
    const printerPort = await printer.listen(0);
    serial = await openSerialPair(join(dir.path, 'ttyScanner'), join(dir.path, 'ttyHost'));
    kiosk = await startStation('kiosk', 'Kiosk sảnh', { centreName: 'UBND xã Hòa Bình' }, ['--printer', `tcp://127.0.0.1:${printerPort}`, '--scanner', serial.a]);
    display = await startStation('display', 'Màn hình sảnh', { languages: 'vi' }, []);
  }, 120_000);

  afterAll(async () => {
    console?.terminate();
    for (const station of [kiosk, display]) {
      if (!station) continue;
      station.child.kill('SIGCONT');
      station.child.kill('SIGTERM');
      await station.exited;
    }
    await serial?.close();
    await printer?.close();
    await hub?.close();
    dir.cleanup();
  });

  it('the console hears of each station’s pairing request and of its live link, and sees both connected', async () => {
    // Two pairing requests and two links attached: at least two notices (changes close together are one).
    await expect.poll(() => notices.length).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => (await deviceNamed('Kiosk sảnh'))?.connected).toBe(true);
    expect(await deviceNamed('Màn hình sảnh')).toMatchObject({ kind: 'display', connected: true, disconnectedAt: null });
  });

  it('scanner.last: null before any scan, then the last CCCD read on the serial scanner with its number masked', async () => {
    const before = await command('Kiosk sảnh', 'scanner.last');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toEqual({ command: 'scanner.last', result: null });

    const scanner = new VirtualScanner(serial.b);
    await scanner.ready();
    await scanner.scan(CCCD);
    await scanner.close();
    await expect.poll(async () => (await command('Kiosk sảnh', 'scanner.last')).json().result).not.toBeNull();
    const after = await command('Kiosk sảnh', 'scanner.last');
    expect(after.json().result).toEqual({ at: expect.any(String), source: 'serial', kind: 'cccd', text: '001******345' });
    expect(after.body).not.toContain('001203012345');
    expect(after.body).not.toContain('123456789');
    expect(after.body).not.toContain('Nguyễn');
  });

  it('receipt.preview is a PNG of exactly the raster the printer receives for receipt.print', async () => {
    const preview = await command('Kiosk sảnh', 'receipt.preview');
    expect(preview.statusCode, preview.body).toBe(200);
    const { png, width, height } = preview.json<{ result: { png: string; width: number; height: number } }>().result;
    const image = PNG.sync.read(Buffer.from(png, 'base64'));
    expect([image.width, image.height]).toEqual([width, height]);
    expect(width).toBe(576);
    expect(height).toBeGreaterThan(100);

    const printed = printer.receipts.length;
    const print = await command('Kiosk sảnh', 'receipt.print');
    expect(print.statusCode, print.body).toBe(200);
    expect(print.json()).toEqual({ command: 'receipt.print', result: { printed: true } });
    await expect.poll(() => printer.receipts.length).toBe(printed + 1);
    const receipt = printer.receipts[printed];
    if (!receipt) throw new Error('no receipt');
    expect(receipt.images.length).toBeGreaterThan(1);
    const paper = rowsOfRaster(receipt.images);
    const shown = rowsOfPng(image);
    expect(shown.length).toBe(paper.length);
    expect(shown.filter((row, y) => row !== paper[y])).toEqual([]);
    expect(shown.some((row) => row.includes('1'))).toBe(true);
    // The sample is a ticket of the centre's first active service, with its tracking QR.
    expect(receipt.qr).toHaveLength(1);
  });

  it('receipt.print passes the printer’s problem on: 502 paper_out', async () => {
    printer.setPaper('out');
    try {
      const reply = await command('Kiosk sảnh', 'receipt.print');
      expect(reply.statusCode, reply.body).toBe(502);
      expect(reply.json().error.code).toBe('paper_out');
    } finally {
      printer.setPaper('ok');
    }
  });

  it('voice.sample: the display queues a sample announcement in its agent’s queue, as a call’s', async () => {
    // Observed on the agent's announcement queue through the bridge, as the board (renderer) receives it.
    const bridge = new WebSocket(`${display.url.replace(/^http/, 'ws')}bridge`);
    const views: DisplayOwnView[] = [];
    bridge.on('message', (data) => {
      const message = JSON.parse(String(data)) as BridgeMessage<DisplayOwnView>;
      if (!('type' in message && message.type === 'view')) return;
      views.push(message.view);
      bridge.send(JSON.stringify(VIEW_DRAWN)); // as a screen does: the next view comes after
    });
    await new Promise((resolve) => bridge.once('open', resolve));
    try {
      const reply = await command('Màn hình sảnh', 'voice.sample');
      expect(reply.statusCode, reply.body).toBe(200);
      expect(reply.json()).toEqual({ command: 'voice.sample', result: { queued: true } });
      await expect.poll(() => views.at(-1)?.announcements.map((a) => a.caption.vi)).toContain('Mời công dân có số A001 đến quầy số 1');
      const sample = views.at(-1)?.announcements.find((a) => a.label === 'A001');
      expect(sample?.clips.vi.length).toBeGreaterThan(0);
    } finally {
      bridge.close();
    }
  });

  it('refuses a command the kind cannot do (400), and answers 504 when the station does not answer', async () => {
    expect((await command('Kiosk sảnh', 'voice.sample')).json().error.code).toBe('device.command_unsupported');
    expect((await command('Màn hình sảnh', 'receipt.preview')).json().error.code).toBe('device.command_unsupported');
    display.child.kill('SIGSTOP'); // its socket stays open, nobody reads it
    try {
      const started = Date.now();
      const reply = await command('Màn hình sảnh', 'voice.sample');
      expect(reply.statusCode).toBe(504);
      expect(reply.json().error.code).toBe('device.not_answering');
      expect(Date.now() - started).toBeGreaterThanOrEqual(COMMAND_TIMEOUT_MS - 50);
    } finally {
      display.child.kill('SIGCONT');
    }
  });

  it('a stopped kiosk: the console hears it, sees it offline since then, and its commands are refused with 409', async () => {
    const noticesBefore = notices.length;
    const stoppedAt = Date.now();
    kiosk.child.kill('SIGTERM');
    await kiosk.exited;
    await expect.poll(async () => (await deviceNamed('Kiosk sảnh'))?.connected).toBe(false);
    const offline = await deviceNamed('Kiosk sảnh');
    expect(Date.parse(offline?.disconnectedAt ?? '')).toBeGreaterThanOrEqual(stoppedAt - 1_000);
    await expect.poll(() => notices.length).toBeGreaterThan(noticesBefore);
    const reply = await command('Kiosk sảnh', 'receipt.preview');
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.code).toBe('device.offline');
  });
});
