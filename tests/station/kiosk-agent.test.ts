import { mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { receiptText } from '@qms/printer';
import { VirtualPrinter } from '@qms/simulators';
import { kioskStation, type KioskSettings } from '@qms/kiosk';
import { BridgeServer, createStation, CredentialStore, loadStationConfig, type StationConfig, StationConfigError, type StationLog } from '@qms/station';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/** The kiosk agent in this process against the hub's app listening on loopback (real HTTP, WebSocket, SQLite). */
describe('kiosk agent', () => {
  let hub: TestHub;
  let hubUrl: string;
  let printer: VirtualPrinter;
  let printerPort: number;
  let dir: ReturnType<typeof tempDir>;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
    printer = new VirtualPrinter();
    printerPort = await printer.listen(0);
    dir = tempDir('qms-station-');
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await printer.close();
    await hub.close();
    dir.cleanup();
  });

  function config(kiosk: Record<string, unknown> = {}, printerSettings: Record<string, unknown> = {}): StationConfig<KioskSettings> {
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ printer: { interface: `tcp://127.0.0.1:${printerPort}`, ...printerSettings }, kiosk }));
    return loadStationConfig(dir.path, kioskStation.section, { hubUrl });
  }

  /** The kiosk on the station platform, not started. */
  function createKioskAgent(settings: StationConfig<KioskSettings>, log?: StationLog) {
    const station = createStation(kioskStation, settings, { log });
    return { station, link: station.link, agent: station.agent, dispatcher: station.dispatcher };
  }

  async function pairedAgent(kiosk: Record<string, unknown> = {}, printerSettings: Record<string, unknown> = {}) {
    const parts = createKioskAgent(config(kiosk, printerSettings));
    parts.station.start();
    cleanups.push(() => parts.station.stop());
    await expect.poll(() => parts.link.pairingCode, { timeout: 5_000 }).toMatch(/^\d{6}$/);
    const approved = await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: parts.link.pairingCode } });
    expect(approved.statusCode).toBe(200);
    await expect.poll(() => parts.link.phase, { timeout: 5_000 }).toBe('ready');
    return parts;
  }

  it('keeps the token in its config folder, readable by its owner only, and reuses it after a restart', async () => {
    const first = await pairedAgent();
    const deviceId = first.link.deviceId;
    await first.station.stop();
    const saved = new CredentialStore(dir.path).load(hubUrl);
    expect(saved).toMatchObject({ state: 'paired', deviceId, token: expect.any(String) });
    const { statSync } = await import('node:fs');
    expect(statSync(join(dir.path, 'credentials.json')).mode & 0o777).toBe(0o600);

    const again = createKioskAgent(config());
    again.station.start();
    cleanups.push(() => again.station.stop());
    await expect.poll(() => again.link.phase, { timeout: 5_000 }).toBe('ready');
    expect(again.link.deviceId).toBe(deviceId);
    expect(again.link.pairingCode).toBeNull();
  });

  it('"stop issuing" on a printer problem: no number is given until the paper is back', async () => {
    printer.setPaper('out');
    const { agent, dispatcher } = await pairedAgent({ onPrinterProblem: 'stop' });
    await expect.poll(() => agent.view().issuing, { timeout: 5_000 }).toBe(false);
    expect(agent.view().printer).toEqual({ configured: true, problem: 'paper_out' });
    const press = { id: 1, method: 'issue' as const, params: { serviceId: hub.centre.a.id, priority: 'normal' as const, key: 'press-000001' } };
    expect(await dispatcher.handle(press)).toMatchObject({ ok: false, error: { code: 'printer.unavailable' } });
    expect(hub.ctx.queueStore.listTickets({ businessDay: hub.ctx.view.today() })).toHaveLength(0);

    printer.setPaper('ok');
    // The kiosk looks at the printer again on the next press.
    expect(await dispatcher.handle({ ...press, id: 2 })).toMatchObject({ ok: true, result: { ticket: { label: 'A001' }, print: { ok: true } } });
    expect(printer.receipts).toHaveLength(1);
    expect(agent.view().issuing).toBe(true);
  });

  it("prints in the printer's code page when configured: the decoded text is the ticket's, line by line", async () => {
    const { dispatcher } = await pairedAgent({ centreName: 'UBND xã Hòa Bình' }, { encoding: 'cp1258' });
    const reply = await dispatcher.handle({ id: 1, method: 'issue', params: { serviceId: hub.centre.b.id, priority: 'normal', key: 'press-cp1258-1' } });
    expect(reply).toMatchObject({ ok: true, result: { print: { ok: true } } });
    const ticket = reply.type === 'reply' && reply.ok ? (reply.result as { ticket: { id: number; label: string; issuedAt: string; estimatedWaitSeconds: number | null } }).ticket : undefined;
    await expect.poll(() => printer.receipts.length).toBe(1);
    const service = hub.ctx.queueStore.getService(hub.centre.b.id);
    const expected = receiptText({
      centreName: 'UBND xã Hòa Bình',
      serviceName: service?.name ?? '',
      serviceNameEn: service?.nameEn ?? '',
      label: ticket?.label ?? '',
      priority: 'normal',
      issuedAt: ticket?.issuedAt ?? '',
      timeZone: 'Asia/Ho_Chi_Minh',
      ahead: 0,
      estimatedWaitSeconds: ticket?.estimatedWaitSeconds ?? null,
      counters: [1, 2],
      trackingUrl: '',
    });
    expect(printer.receipts[0]?.text).toEqual(expected);
    expect(printer.receipts[0]?.text).toContain('Số người chờ trước bạn: 0');
    expect(printer.receipts[0]?.qr).toEqual([`${hubUrl}/t/${ticket?.id}-${ticket?.label}`]);
  });

  it('clears, at its next start, a printer alert left open by an earlier run once the printer is fine', async () => {
    printer.setPaper('out');
    const first = await pairedAgent();
    const alerts = async () => (await hub.app.inject({ method: 'GET', url: '/api/devices/alerts', headers: bearer(hub.tokens.technician) })).json();
    await expect.poll(alerts, { timeout: 5_000 }).toEqual([expect.objectContaining({ code: 'paper_out', clearedAt: null })]);
    first.link.stop();
    await first.agent.stop();

    printer.setPaper('ok'); // refilled while the kiosk was off
    const again = createKioskAgent(config());
    again.station.start();
    cleanups.push(() => again.station.stop());
    await expect.poll(async () => (await alerts())[0]?.clearedAt, { timeout: 5_000 }).not.toBeNull();
  });

  it('a revoked kiosk forgets its token and shows a new pairing code', async () => {
    const { link } = await pairedAgent();
    const revoked = await hub.app.inject({ method: 'POST', url: `/api/devices/${link.deviceId}/revoke`, headers: bearer(hub.tokens.technician) });
    expect(revoked.statusCode).toBe(200);
    await expect.poll(() => link.phase, { timeout: 10_000 }).toBe('pairing');
    expect(link.pairingCode).toMatch(/^\d{6}$/);
    expect(new CredentialStore(dir.path).load(hubUrl)).toMatchObject({ state: 'pairing' });
  });

  it('answers bad bridge calls with stable codes, and never logs or shows a citizen-ID number', async () => {
    const logs: string[] = [];
    const parts = createKioskAgent(config(), (_level, message) => logs.push(message));
    cleanups.push(() => parts.agent.stop());
    const { dispatcher, agent } = parts;
    expect(await dispatcher.handle({ id: 1, method: 'nope' as never, params: {} as never })).toMatchObject({ ok: false, error: { code: 'request.unknown_method' } });
    expect(await dispatcher.handle({ id: 2, method: 'issue', params: { serviceId: 1, priority: 'normal', key: 'x' } })).toMatchObject({ ok: false, error: { code: 'request.invalid' } });
    expect(await dispatcher.handle({ id: 3, method: 'issue', params: { serviceId: 1, priority: 'vip' as never, key: 'press-000001' } })).toMatchObject({
      ok: false,
      error: { code: 'request.invalid' },
    });
    expect(await dispatcher.handle({ id: 4, method: 'reprint', params: { ticketId: 99 } })).toMatchObject({ ok: false, error: { code: 'ticket.not_found' } });
    expect(await dispatcher.handle({ id: 5, method: 'scan', params: { text: '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Hưng Yên|20042021' } })).toMatchObject({
      ok: true,
      result: { kind: 'cccd' },
    });
    expect(agent.view().citizen).toEqual({ name: 'Nguyễn Văn An', idMasked: '001******345' });
    expect(await dispatcher.handle({ id: 6, method: 'scan', params: { text: '0012030|x|y|z|Nam|a|b' } })).toMatchObject({ ok: true, result: { kind: 'invalid' } });
    expect(agent.view().scanError).toMatch(/12 digits/);
    expect(JSON.stringify(agent.view())).not.toContain('001203012345');
    expect(logs.join('\n')).not.toContain('001203012345');
  });

  it('serves the screen to this machine only: other origins cannot open the bridge, paths cannot leave the folder', async () => {
    const rendererDir = join(dir.path, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    writeFileSync(join(dir.path, 'secret.txt'), 'not for the browser');
    const { station, dispatcher } = createKioskAgent(config());
    const server = new BridgeServer({ rendererDir, port: 0, source: station, dispatcher });
    const port = await server.listen();
    cleanups.push(() => server.close());

    const get = (path: string) =>
      new Promise<{ status: number; body: string; csp: string | undefined }>((resolve, reject) => {
        const request = httpRequest({ host: '127.0.0.1', port, path }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += String(chunk)));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body, csp: response.headers['content-security-policy'] as string | undefined }));
        });
        request.on('error', reject);
        request.end();
      });
    const index = await get('/');
    expect(index).toMatchObject({ status: 200, body: expect.stringContaining('kiosk') });
    expect(index.csp).toContain("default-src 'self'");
    expect((await get('/../secret.txt')).body).not.toContain('not for the browser');
    expect((await get('/%2e%2e/secret.txt')).body).not.toContain('not for the browser');
    expect((await get('/%E0%A4%A')).status).toBe(400);

    const open = (origin?: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/bridge`, origin ? { origin } : {});
        ws.once('message', (data) => (resolve(JSON.parse(String(data)).type), ws.close()));
        ws.once('unexpected-response', (_req, res) => resolve(`refused ${res.statusCode}`));
        ws.once('error', () => undefined);
      });
    expect(await open(`http://127.0.0.1:${port}`)).toBe('view');
    expect(await open('http://evil.example')).toBe('refused 403');
  });

  it('refuses a bad configuration with a message a technician can act on', () => {
    const load = () => loadStationConfig(dir.path, kioskStation.section, { hubUrl });
    expect(() => loadStationConfig(dir.path, kioskStation.section, {})).toThrow(/no hub URL: pass --hub/);
    expect(() => loadStationConfig(dir.path, kioskStation.section, { hubUrl: 'hub.local:8080' })).toThrow(StationConfigError);
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ printer: { interface: 'tcp://p:9100', type: 'zebra' } }));
    expect(load).toThrow('station.json: printer.type must be "epson" or "star"');
    writeFileSync(join(dir.path, 'station.json'), '{ not json');
    expect(load).toThrow(/station\.json: .*fix or delete the file/);
    // A misspelt key would otherwise be ignored in silence: refused, with the keys that exist.
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ kiosk: { confirmSecond: 10 } }));
    expect(load).toThrow('station.json: unknown setting kiosk.confirmSecond; the settings of kiosk are centreName, onPrinterProblem, cameraScan, confirmSeconds, hotline');
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ display: { zone: [1] } }));
    expect(load).toThrow('station.json: unknown setting "display" for a kiosk station; the settings are hubUrl, name, printer, scanner, kiosk');
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ kiosk: { confirmSeconds: 500 } }));
    expect(load).toThrow('station.json: kiosk.confirmSeconds must be a whole number from 2 to 120, not 500');
  });
});
