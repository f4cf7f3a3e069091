import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { type KioskMethods, type KioskOwnView, kioskStation } from '@qms/kiosk';
import { BridgeServer, createStation, loadStationConfig } from '@qms/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { launchChromium } from '../support/browser.js';
import { REPO_ROOT } from '../support/hub-process.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';
import { writeQrVideo } from '../scanner/y4m.js';

const CCCD = '038190000123||Trần Thị Bình|29021992|Nữ|Phường Đông Vệ, Thanh Hóa|01072022';

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A kiosk set to read CCCDs with its camera: Chromium's fake camera plays the card's QR code. */
describe('kiosk with camera scanning', () => {
  const dir = tempDir('qms-kiosk-camera-');
  let hub: TestHub;
  let browser: Browser;
  let server: BridgeServer<KioskOwnView, KioskMethods>;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    hub = await createTestHub();
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const hubUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
    writeFileSync(join(dir.path, 'station.json'), JSON.stringify({ kiosk: { cameraScan: true } }));
    const station = createStation(kioskStation, loadStationConfig(dir.path, kioskStation.section, { hubUrl }));
    const { link } = station;
    server = new BridgeServer({ rendererDir: join(REPO_ROOT, 'apps/kiosk/dist/renderer'), port: 0, source: station, dispatcher: station.dispatcher });
    await server.listen();
    station.start();
    stop = async () => {
      await station.stop();
      await server.close();
    };
    await until(() => link.pairingCode !== null);
    await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: link.pairingCode } });
    await until(() => link.phase === 'ready');

    const video = join(dir.path, 'cccd.y4m');
    writeQrVideo(video, CCCD);
    browser = await launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await stop?.();
    await hub?.close();
    dir.cleanup();
  });

  it('greets the citizen whose CCCD is held to the camera, with the number masked', async () => {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.goto(`http://127.0.0.1:${server.port}/`);
    await page.waitForSelector('[data-testid="greeting"]', { timeout: 20_000 });
    const greeting = (await page.textContent('[data-testid="greeting"]')) ?? '';
    expect(greeting).toContain('Trần Thị Bình');
    expect(greeting).toContain('038******123');
    expect(greeting).not.toContain('038190000123');
  });
});
