import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiptText } from '@qms/printer';
import { VirtualPrinter } from '@qms/simulators';
import { displayStation } from '@qms/display';
import { type IssueResult, kioskStation } from '@qms/kiosk';
import { createStation, type HubLink, loadStationConfig } from '@qms/station';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * The centre's texts set on the hub, and a display's zone given at approval, as the stations take
 * them: kiosk and display agents in this process against the hub's app on loopback (real HTTP,
 * WebSocket, SQLite), the kiosk printing to the virtual TCP printer in a code page (so its text can be read).
 */
describe("stations apply the hub's centre texts live, and a display its zone from the approval", () => {
  let hub: TestHub;
  let hubUrl: string;
  let printer: VirtualPrinter;
  let printerPort: number;
  const dirs: ReturnType<typeof tempDir>[] = [];
  const stations: { stop(): Promise<void> }[] = [];
  const kiosk = (dir: string) => createStation(kioskStation, loadStationConfig(dir, kioskStation.section, { hubUrl }));
  const display = (dir: string) => createStation(displayStation, loadStationConfig(dir, displayStation.section, { hubUrl }));

  beforeEach(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
    printer = new VirtualPrinter();
    printerPort = await printer.listen(0);
  });
  afterEach(async () => {
    for (const station of stations.splice(0)) await station.stop();
    await printer.close();
    await hub.close();
    for (const dir of dirs.splice(0)) dir.cleanup();
  });

  /** A station of this kind with this station.json, started, approved (with `approve` added), ready. */
  async function paired<S extends { link: HubLink; start(): void; stop(): Promise<void> }>(create: (dir: string) => S, stationJson: Record<string, unknown>, approve: Record<string, unknown> = {}) {
    const dir = tempDir('qms-texts-');
    dirs.push(dir);
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify(stationJson));
    const station = create(dir.path);
    stations.push(station);
    station.start();
    await expect.poll(() => station.link.pairingCode, { timeout: 5_000 }).toMatch(/^\d{6}$/);
    const approved = await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: station.link.pairingCode, ...approve } });
    expect(approved.statusCode, approved.body).toBe(200);
    await expect.poll(() => station.link.phase, { timeout: 5_000 }).toBe('ready');
    return { station, dir: dir.path };
  }

  const patch = async (body: Record<string, unknown>) => {
    const reply = await hub.app.inject({ method: 'PATCH', url: '/api/settings', headers: bearer(hub.tokens.admin), payload: body });
    expect(reply.statusCode, reply.body).toBe(200);
  };

  it("kiosk: station.json's name and hotline until the hub sets its own, then the hub's on screen and receipt at once, and station.json's again once cleared", async () => {
    const { station } = await paired(kiosk, {
      printer: { interface: `tcp://127.0.0.1:${printerPort}`, encoding: 'cp1258' },
      kiosk: { centreName: 'UBND xã Hòa Bình', hotline: '0221 3333' },
    });
    const views: string[] = [];
    station.on('view', () => views.push(station.view().centreName));
    expect(station.view().centreName).toBe('UBND xã Hòa Bình');

    await patch({ centreName: 'UBND phường Bến Nghé', hotline: '1900 1234' });
    await expect.poll(() => station.view().centreName).toBe('UBND phường Bến Nghé');
    // Pushed to the screen, not only there when it asks.
    expect(views).toContain('UBND phường Bến Nghé');

    const reply = await station.dispatcher.handle({ id: 1, method: 'issue', params: { serviceId: hub.centre.b.id, priority: 'normal', key: 'press-texts-01' } });
    expect(reply).toMatchObject({ ok: true, result: { print: { ok: true } } });
    const ticket = reply.type === 'reply' && reply.ok ? (reply.result as IssueResult).ticket : undefined;
    await expect.poll(() => printer.receipts.length).toBe(1);
    const service = hub.ctx.queueStore.getService(hub.centre.b.id);
    const receipt = (centreName: string, hotline: string) =>
      receiptText({
        centreName,
        serviceName: service?.name ?? '',
        serviceNameEn: service?.nameEn ?? '',
        label: ticket?.label ?? '',
        priority: 'normal',
        issuedAt: ticket?.issuedAt ?? '',
        timeZone: 'Asia/Ho_Chi_Minh',
        ahead: ticket?.ahead ?? -1,
        estimatedWaitSeconds: ticket?.estimatedWaitSeconds ?? null,
        counters: [1, 2],
        trackingUrl: '',
        hotline,
      });
    expect(printer.receipts[0]?.text).toEqual(receipt('UBND phường Bến Nghé', '1900 1234'));
    expect(printer.receipts[0]?.text).toContain('Đường dây nóng: 1900 1234');

    // Cleared on the hub: station.json's texts again, on screen and on the next receipt (a reprint).
    await patch({ centreName: null, hotline: null });
    await expect.poll(() => station.view().centreName).toBe('UBND xã Hòa Bình');
    expect(await station.dispatcher.handle({ id: 2, method: 'reprint', params: { ticketId: ticket?.id ?? 0 } })).toMatchObject({ ok: true, result: { ok: true } });
    await expect.poll(() => printer.receipts.length).toBe(2);
    expect(printer.receipts[1]?.text).toEqual(receipt('UBND xã Hòa Bình', '0221 3333'));
  });

  it("display: the hub's title, marquee and portal when set there, station.json's otherwise", async () => {
    const { station } = await paired(display, { display: { title: 'Sảnh A', marquee: 'Giờ làm việc 7:30', voice: 'off' } });
    const texts = () => {
      const { title, marquee, portalUrl } = station.view();
      return { title, marquee, portalUrl };
    };
    expect(texts()).toEqual({ title: 'Sảnh A', marquee: 'Giờ làm việc 7:30', portalUrl: 'https://dichvucong.gov.vn' });
    await patch({ centreName: 'UBND phường Bến Nghé', marquee: 'Tuần này: khai sinh trực tuyến', portalUrl: 'https://dichvucong.hochiminhcity.gov.vn' });
    await expect.poll(texts).toEqual({ title: 'UBND phường Bến Nghé', marquee: 'Tuần này: khai sinh trực tuyến', portalUrl: 'https://dichvucong.hochiminhcity.gov.vn' });
    await patch({ marquee: null });
    await expect.poll(texts).toEqual({ title: 'UBND phường Bến Nghé', marquee: 'Giờ làm việc 7:30', portalUrl: 'https://dichvucong.hochiminhcity.gov.vn' });
  });

  it('display: the zone given at approval when station.json sets none, told again by the hub after a restart; its own zone wins', async () => {
    const shown = (station: ReturnType<typeof display>) => station.view().board.counters.map((c) => c.number);
    const { station, dir } = await paired(display, { display: { voice: 'off' } }, { zone: '2,3' });
    expect(station.link.zone).toBe('2,3');
    await expect.poll(() => shown(station)).toEqual([2, 3]);
    await station.stop();

    // Restarted on its stored token: no pairing, the hub says the zone (/api/auth/me).
    const again = display(dir);
    stations.push(again);
    again.start();
    await expect.poll(() => again.link.phase, { timeout: 5_000 }).toBe('ready');
    expect(again.link.pairingCode).toBeNull();
    await expect.poll(() => shown(again)).toEqual([2, 3]);

    // Its own zone (station.json, or --zone) wins over the hub's.
    const own = await paired(display, { display: { voice: 'off', zone: [1] } }, { zone: '2,3' });
    expect(own.station.link.zone).toBe('2,3');
    await expect.poll(() => shown(own.station)).toEqual([1]);
    // Approved without one: every counter.
    const all = await paired(display, { display: { voice: 'off' } });
    await expect.poll(() => shown(all.station)).toEqual([1, 2, 3]);
  });
});
