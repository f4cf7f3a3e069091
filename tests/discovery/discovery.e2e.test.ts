import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { browseHubs } from '@qms/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ADMIN_PASSWORD, type HubProcess, REPO_ROOT, runQmsAsync, startHubProcess, startQms } from '../support/hub-process.js';
import { freePort } from '../support/free-port.js';
import { waitForLine } from '../support/kiosk-process.js';
import { tempDir } from '../support/temp-dir.js';

const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'kiosk-screens');
const CENTRE = 'UBND xã Hòa Phú – Bộ phận Một cửa';

/**
 * The addresses the hub announces: its machine's own, not loopback (lo has no MULTICAST flag
 * here). Two processes on this one machine still hear each other: multicast sent out of eth0
 * loops back to the sockets of the same host (IP_MULTICAST_LOOP).
 */
const LAN_ADDRESSES = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
  .map((address) => address!.address);

type Station = ReturnType<typeof startQms>;

/** `qms station kiosk` with no --hub (and no QMS_HUB_URL), its screen on a free port. */
function startKiosk(config: string): Station {
  return startQms(['station', 'kiosk', '--port', '0', '--config', config], { QMS_HUB_URL: '', QMS_LOG_LEVEL: 'info' });
}

async function stopProcess(station: Station | undefined): Promise<void> {
  if (!station || station.child.exitCode !== null) return;
  station.child.kill('SIGTERM');
  await station.exited;
}

/** The hub listening on all addresses (as on a centre's LAN) and announcing itself (test hubs do not by default). */
function startAnnouncingHub(dataDir: string, port: number): Promise<HubProcess> {
  return startHubProcess(dataDir, { args: ['--port', String(port), '--host', '0.0.0.0'], env: { QMS_MDNS: '1', QMS_LOG_LEVEL: 'info' } });
}

/**
 * mDNS/DNS-SD discovery between two real processes on this machine: `qms hub` announcing
 * `_qms._tcp` and `qms station kiosk` with no hub URL, its screen in Debian's Chromium.
 */
describe.skipIf(LAN_ADDRESSES.length === 0)('discovery: a station with no hub URL finds the hub on the LAN', () => {
  const dir = tempDir('qms-discovery-');
  const hubDir = join(dir.path, 'hub');
  let hub: HubProcess | undefined;
  let browser: Browser;
  let page: Page;
  const stations: Station[] = [];
  /** The kiosk paired in the first test, still running in the last. */
  let pairedKiosk: Station | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    for (const station of stations) await stopProcess(station);
    await hub?.stop();
    dir.cleanup();
  });

  it('looks until the hub comes up, shows which hub it found, pairs with it, and after a restart needs no multicast', async () => {
    const port = await freePort();
    // The centre's name set on the hub first (it goes into the announcement at the hub's start).
    const first = await startHubProcess(hubDir, { args: ['--port', String(port), '--host', '0.0.0.0'] });
    const admin = new HubClient({ baseUrl: first.url });
    await admin.login('admin', ADMIN_PASSWORD);
    await admin.request('PATCH', '/api/settings', { centreName: CENTRE });
    await first.stop();

    // The station starts first (the hub's machine is still booting after a power cut): it keeps looking.
    const config = join(dir.path, 'kiosk');
    const station = startKiosk(config);
    stations.push(station);
    const screen = await waitForLine(station.stdout, /kiosk screen: (http:\/\/\S+)/, () => station.stderr());
    expect(station.stdout()).toContain('hub: none set, looking for it on the LAN');
    await page.goto(screen);
    await expect.poll(() => page.locator('[data-screen="discovering"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-screen="discovering"]').innerText()).toMatch(/Đang tìm máy chủ…\s+Looking for the hub…/);
    await page.screenshot({ path: join(SCREENSHOTS, 'discovering-landscape.png') });

    hub = await startAnnouncingHub(hubDir, port);
    await expect.poll(() => hub!.stderr(), { timeout: 10_000 }).toMatch(/mDNS: announcing the hub on the LAN as qms-hub-[0-9a-f]{12}/);
    const id = readFileSync(join(hubDir, 'hub-id'), 'utf8').trim();
    // The id announced is the one its health endpoint gives (how a station tells its hub at an address).
    expect(((await (await fetch(`${hub.url}/api/health`)).json()) as { id?: string }).id).toBe(id);

    // Found by its announcement, checked on its health endpoint, shown while the station pairs.
    const found = await waitForLine(station.stdout, /found the hub .* at (http:\/\/\S+)/, () => station.stderr(), 30_000);
    expect(LAN_ADDRESSES.map((address) => `http://${address}:${port}`)).toContain(found);
    const shown = page.locator('[data-screen="pairing"] [data-discovered-hub]');
    await expect.poll(() => shown.getAttribute('data-discovered-hub'), { timeout: 15_000 }).toBe(found);
    expect(await shown.getAttribute('data-discovered-hub-name')).toBe(CENTRE);
    expect(await shown.innerText()).toBe(`Đã tìm thấy máy chủ: ${CENTRE} (${found})\nFound the hub: ${CENTRE} (${found})`);
    await page.screenshot({ path: join(SCREENSHOTS, 'discovered-hub-pairing-landscape.png') });

    // Paired as with a configured hub: a technician approves the code shown.
    const code = await waitForLine(station.stdout, /pairing code: (\d{6})/, () => station.stderr());
    expect(await page.locator('[data-testid="pairing-code"]').innerText()).toBe(`${code.slice(0, 3)} ${code.slice(3)}`);
    const approved = await runQmsAsync(['devices', 'approve', code, '--data', hubDir]);
    expect(approved.status, approved.stderr).toBe(0);
    const device = await waitForLine(station.stdout, /connected to the hub as device (\d+)/, () => station.stderr());
    await expect.poll(() => page.locator('[data-screen="pairing"], [data-screen="discovering"]').count()).toBe(0);
    const remembered = JSON.parse(readFileSync(join(config, 'discovered-hub.json'), 'utf8')) as { url: string; name: string; id: string };
    expect(remembered).toMatchObject({ url: found, name: CENTRE, id });

    // Restarted with the hub no longer announcing: the remembered hub is asked directly, same device, no new pairing.
    await stopProcess(station);
    await hub.stop();
    hub = await startHubProcess(hubDir, { args: ['--port', String(port), '--host', '0.0.0.0', '--no-mdns'] });
    expect(hub.stderr()).not.toContain('announcing');
    const again = startKiosk(config);
    stations.push(again);
    pairedKiosk = again;
    expect(await waitForLine(again.stdout, /connected to the hub as device (\d+)/, () => again.stderr(), 30_000)).toBe(device);
    expect(again.stdout()).not.toContain('pairing code');
    expect(again.stdout()).toContain(`found the hub ${CENTRE} at ${found}`);
    expect(again.stderr()).toContain(`and at ${found} where it was last found`);
  }, 120_000);

  it('a hub URL in station.json wins: that station never browses, while one beside it without a URL finds the hub', async () => {
    const port = await freePort();
    await hub?.stop();
    hub = await startAnnouncingHub(join(dir.path, 'hub2'), port);
    // The configured hub is not running: were this station to browse, it would find the announcing one.
    const nowhere = await freePort();
    const fixed = join(dir.path, 'fixed');
    mkdirSync(fixed, { recursive: true });
    writeFileSync(join(fixed, 'station.json'), JSON.stringify({ hubUrl: `http://127.0.0.1:${nowhere}` }));
    const configured = startKiosk(fixed);
    stations.push(configured);
    const control = startKiosk(join(dir.path, 'control'));
    stations.push(control);

    const screen = await waitForLine(configured.stdout, /kiosk screen: (http:\/\/\S+)/, () => configured.stderr());
    // The control found the hub: its announcements were there to be heard by both.
    await waitForLine(control.stdout, /found the hub .* at (http:\/\/\S+)/, () => control.stderr(), 30_000);
    await waitForLine(control.stdout, /pairing code: (\d{6})/, () => control.stderr());
    expect(configured.stdout()).toContain(`hub: http://127.0.0.1:${nowhere};`);
    expect(configured.stdout()).not.toContain('found the hub');
    expect(configured.stderr()).not.toContain('looking for the hub');
    expect(configured.stderr()).not.toContain('heard a hub');
    expect(existsSync(join(fixed, 'discovered-hub.json'))).toBe(false);
    await page.goto(screen);
    await expect.poll(() => page.locator('[data-screen="reconnecting"]').count()).toBe(1);
    expect(await page.locator('[data-discovered-hub]').count()).toBe(0);
  }, 90_000);

  it('a centre renamed in the console is announced under its new name at once, without a restart', async () => {
    const port = await freePort();
    await hub?.stop();
    const hubData = join(dir.path, 'hub3');
    hub = await startAnnouncingHub(hubData, port);
    await expect.poll(() => hub!.stderr(), { timeout: 10_000 }).toMatch(/mDNS: announcing the hub on the LAN/);
    const id = readFileSync(join(hubData, 'hub-id'), 'utf8').trim();
    // What a station looking for its hub hears: the project's own browser, on real multicast.
    const heard: string[] = [];
    const lan = browseHubs(
      (candidate) => candidate.id === id && heard.push(candidate.name),
      () => {},
    );
    try {
      await expect.poll(() => heard.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(heard.at(-1)).toBe(`qms-hub-${id}`); // no centre name yet: its instance name
      const admin = new HubClient({ baseUrl: hub.url });
      await admin.login('admin', ADMIN_PASSWORD);
      const renamed = 'UBND phường Hòa Phú – Bộ phận Một cửa';
      expect((await admin.request('PATCH', '/api/settings', { centreName: renamed })).status).toBe(200);
      await expect.poll(() => heard.at(-1), { timeout: 15_000 }).toBe(renamed);
      // Announced again, not twice: one instance on the LAN, and the hub said so in its log.
      await expect.poll(() => hub!.stderr()).toContain(`"centreName":"${renamed}"`);
      expect(hub.stderr().match(/mDNS: announcing the hub/g)?.length).toBe(2);
    } finally {
      await lan.stop();
    }
  }, 60_000);

  it('the hub comes back at another address: the running station finds it there by its id and goes on as the same device, without pairing again', async () => {
    // The paired kiosk has not reached its hub since the second test (other hubs were announced meanwhile: not its own).
    const kiosk = pairedKiosk!;
    const config = join(dir.path, 'kiosk');
    const before = JSON.parse(readFileSync(join(config, 'credentials.json'), 'utf8')) as { hubUrl: string; hubId: string; deviceId: number };
    const id = readFileSync(join(hubDir, 'hub-id'), 'utf8').trim();
    expect(before.hubId).toBe(id);
    const port = await freePort();
    expect(before.hubUrl).not.toContain(`:${port}`);
    await hub?.stop();
    hub = await startAnnouncingHub(hubDir, port); // its data folder, on another address

    const moved = await waitForLine(kiosk.stdout, new RegExp(`found the hub ${CENTRE} at (http://\\S+:${port})`), () => kiosk.stderr(), 45_000);
    expect(kiosk.stderr()).toContain(`moved: following it from ${before.hubUrl} to ${moved}`);
    const admin = new HubClient({ baseUrl: hub.url });
    await admin.login('admin', ADMIN_PASSWORD);
    const device = async () => (await admin.request<{ id: number; connected: boolean }[]>('GET', '/api/devices')).body.find((d) => d.id === before.deviceId);
    await expect.poll(async () => (await device())?.connected, { timeout: 15_000 }).toBe(true);
    expect(kiosk.stdout()).not.toContain('pairing code');
    expect(JSON.parse(readFileSync(join(config, 'credentials.json'), 'utf8'))).toMatchObject({ hubUrl: moved, hubId: id, deviceId: before.deviceId });
    expect(JSON.parse(readFileSync(join(config, 'discovered-hub.json'), 'utf8'))).toMatchObject({ url: moved, id });

    // Restarted: it goes straight to the new address, the same device.
    await stopProcess(kiosk);
    const restarted = startKiosk(config);
    stations.push(restarted);
    expect(await waitForLine(restarted.stdout, /connected to the hub as device (\d+)/, () => restarted.stderr(), 30_000)).toBe(String(before.deviceId));
    expect(restarted.stdout()).not.toContain('pairing code');
  }, 120_000);
});
