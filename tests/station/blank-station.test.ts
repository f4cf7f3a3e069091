import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { loadStationConfig, serveStation } from '@qms/station';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blankStation } from './blank-station/blank-app.js';
import { bundleForBrowser, launchChromium } from '../support/browser.js';
import { findReport, runWithStandIn } from '../support/electron-stand-in.js';
import { REPO_ROOT } from '../support/hub-process.js';
import { bearer, createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

const HERE = join(REPO_ROOT, 'tests/station/blank-station');
/** Inside the repository, so the bundles' npm imports resolve from its node_modules. */
const OUT = join(REPO_ROOT, 'test-results/blank-station');

/** The blank station's screen as a built renderer folder: index.html and one script. */
async function buildRenderer(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'renderer.js'), await bundleForBrowser(join(HERE, 'renderer.ts')));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="vi"><meta charset="utf-8"><title>blank</title><main id="app"></main><script src="./renderer.js"></script></html>');
}

/** Its Electron entries, built as a station app's are (CommonJS, npm packages external). */
async function buildElectronEntries(dir: string): Promise<void> {
  await build({
    entryPoints: { main: join(HERE, 'main.ts'), preload: join(REPO_ROOT, 'packages/shell/src/preload/preload.ts') },
    outdir: dir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    plugins: [{ name: 'npm-external', setup: (b) => b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@qms/') ? undefined : { path: args.path, external: true })) }],
  });
}

/**
 * A sample station kind, "blank" (a contract with one method and one view, tests/station/blank-station),
 * runs on the platform as it is: in Chromium over the WebSocket bridge, and under the Electron
 * stand-in over IPC, with nothing taken from the kiosk.
 */
describe('a new kind of station on the platform', () => {
  const dir = tempDir('qms-blank-');
  let hub: TestHub;
  let hubUrl: string;
  let browser: Browser | undefined;
  beforeAll(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
    await buildRenderer(join(OUT, 'renderer'));
    await buildElectronEntries(join(OUT, 'electron'));
    await buildRenderer(join(OUT, 'electron'));
  });
  afterAll(async () => {
    await browser?.close();
    await hub.close();
    dir.cleanup();
  });

  it('in Chromium over the WebSocket bridge: pairing screen, then its own screen; a call and a refusal with its code', async () => {
    const configDir = join(dir.path, 'chromium');
    mkdirSync(configDir);
    writeFileSync(join(configDir, 'station.json'), JSON.stringify({ name: 'Bảng thử', blank: { greeting: 'Chào bạn' } }));
    const codes: string[] = [];
    const served = await serveStation(blankStation, {
      config: loadStationConfig(configDir, blankStation.section, { hubUrl }),
      rendererDir: join(OUT, 'renderer'),
      port: 0,
      onPairingCode: (code) => codes.push(code),
    });
    try {
      browser = await launchChromium();
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.waitForSelector('[data-screen="pairing"]');
      await expect.poll(() => codes.length).toBe(1);
      expect(await page.textContent('[data-testid="pairing-code"]')).toBe(`${codes[0]?.slice(0, 3)} ${codes[0]?.slice(3)}`);

      const approved = await hub.app.inject({ method: 'POST', url: '/api/devices/approve', headers: bearer(hub.tokens.technician), payload: { code: codes[0] } });
      expect(approved.json()).toMatchObject({ kind: 'display', name: 'Bảng thử' });
      await page.waitForSelector('[data-screen="blank"][data-count="0"]', { timeout: 10_000 });
      expect(await page.textContent('h1')).toBe('Chào bạn, Bảng thử');

      await page.click('[data-action="bump"]');
      await page.waitForSelector('[data-screen="blank"][data-count="1"]');
      await page.click('[data-action="bump-wrong"]');
      await page.waitForSelector('[data-error="request.invalid"]');
      expect(served.station.view()).toMatchObject({ phase: 'ready', count: 1, greeting: 'Chào bạn', stationName: 'Bảng thử' });
    } finally {
      await served.close();
    }
  });

  it('under the Electron stand-in over IPC: its window on the second monitor, no permission, view and call through the one preload', async () => {
    const main = join(OUT, 'electron/main.cjs');
    const run = (call: [string, unknown]) => runWithStandIn([main, `--hub=${hubUrl}`, '--config', join(dir.path, 'electron')], { STANDIN_USER_DATA: dir.path, STANDIN_CALL: JSON.stringify(call) });

    const refused = await run(['bump', { by: 0 }]);
    expect(findReport(refused.reports, 'window')?.options, refused.stderr).toMatchObject({
      kiosk: false,
      x: 1920,
      width: 800,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, preload: join(OUT, 'electron/preload.cjs') },
    });
    expect(findReport(refused.reports, 'loadURL')).toMatchObject({ url: 'qms://station/index.html', status: 200 });
    expect(findReport(refused.reports, 'permissions')).toMatchObject({ answers: { media: false, geolocation: false, notifications: false } });
    expect(findReport(refused.reports, 'view')?.view).toMatchObject({ phase: 'pairing', greeting: 'Xin chào', count: 0, stationName: 'Blank', hubUrl });
    expect(findReport(refused.reports, 'call')?.reply).toEqual({ type: 'reply', id: 0, ok: false, error: { code: 'request.invalid', message: 'by must be a whole number from 1 to 10' } });

    const counted = await run(['bump', { by: 3 }]);
    expect(findReport(counted.reports, 'call')?.reply).toEqual({ type: 'reply', id: 0, ok: true, result: { count: 3 } });
    // The new count went to the window as a view over IPC.
    expect(counted.reports.some((r) => r.what === 'send' && (r.view as { count?: number }).count === 3)).toBe(true);
  });

  it("the renderer's bridge over the preload: results come back, refusals are thrown with their code", async () => {
    // The preload (built above) and the shell's renderer-side client, together in one script under the stand-in.
    const client = join(OUT, 'electron/ipc-client.cjs');
    await build({
      stdin: {
        contents: `
          import { bridgeOver, errorCode } from '@qms/shell';
          globalThis.STANDIN_IPC = async (channel, method, params) => {
            if (channel === 'qms:view') return { phase: 'ready', count: 7 };
            if (params.by > 0) return { type: 'reply', id: 0, ok: true, result: { count: 7 + params.by } };
            return { type: 'reply', id: 0, ok: false, error: { code: 'request.invalid', message: 'by must be 1 to 10' } };
          };
          require(${JSON.stringify(join(OUT, 'electron/preload.cjs'))});
          const bridge = bridgeOver(globalThis.STANDIN_EXPOSED.qmsStation);
          (async () => {
            const ok = await bridge.call('bump', { by: 2 });
            const refused = await bridge.call('bump', { by: 0 }).catch((error) => ({ code: errorCode(error), message: error.message }));
            const view = await new Promise((resolve) => bridge.onView(resolve));
            console.log(JSON.stringify({ keys: Object.keys(globalThis.STANDIN_EXPOSED), ok, refused, view }));
          })();`,
        resolveDir: HERE,
        loader: 'ts',
      },
      outfile: client,
      // The preload is loaded as built, and it finds the stand-in as `electron` at run time.
      external: ['electron', '*.cjs'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    const result = await runWithStandIn([client]);
    expect(JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}'), result.stderr).toEqual({
      keys: ['qmsStation'],
      ok: { count: 9 },
      refused: { code: 'request.invalid', message: 'by must be 1 to 10' },
      view: { phase: 'ready', count: 7 },
    });
  });
});
