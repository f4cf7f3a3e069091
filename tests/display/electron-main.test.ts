import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReport, runWithStandIn } from '../support/electron-stand-in.js';
import { REPO_ROOT } from '../support/hub-process.js';
import { createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

const MAIN = `${REPO_ROOT}apps/display/dist/main/main.cjs`;

/** The hall display's Electron main process, under the stand-in for Electron (the binary cannot be installed here). */
describe('display Electron main process (under a stand-in for Electron)', () => {
  let hub: TestHub;
  let hubUrl: string;
  const dir = tempDir('qms-display-electron-');
  beforeAll(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
  });
  afterAll(async () => {
    await hub.close();
    dir.cleanup();
  });

  it('opens the board full screen, lets it play sound without a gesture, and ships the voice packs beside it', async () => {
    const { reports, stdout, stderr } = await runWithStandIn([MAIN, `--hub=${hubUrl}`, '--config', `${dir.path}/station`], {
      STANDIN_USER_DATA: dir.path,
      STANDIN_FETCH: JSON.stringify(['/voice/vi/manifest.json', '/voice/vi/chime.ogg']),
    });
    expect(findReport(reports, 'switch'), stderr).toMatchObject({ name: 'autoplay-policy', value: 'no-user-gesture-required' });
    expect(findReport(reports, 'window')?.options).toMatchObject({ kiosk: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    expect(findReport(reports, 'loadURL')).toMatchObject({ url: 'qms://station/index.html', status: 200 });
    expect(existsSync(`${REPO_ROOT}apps/display/dist/renderer/voice/vi/manifest.json`)).toBe(true);
    // The board reads its voice pack through the station's scheme (fetch works there, unlike on file://).
    expect(findReport(reports, 'fetched')?.fetched).toMatchObject({
      '/voice/vi/manifest.json': { status: 200, type: 'application/json' },
      '/voice/vi/chime.ogg': { status: 200, type: 'audio/ogg' },
    });
    // No browser permission asked for: sound needs none.
    expect(findReport(reports, 'permissions')).toMatchObject({ answers: { media: false } });
    expect(/pairing code: (\d{6})/.exec(stdout)?.[1]).toBeDefined();
    expect(findReport(reports, 'view')?.view).toMatchObject({ phase: 'pairing', hubUrl, layout: 'auto', voice: { mode: 'vi', packs: { vi: 'voice/vi/' } } });
  });

  it("a centre's own voice pack reaches the board under Electron too (qms://station/voice/custom/)", async () => {
    const pack = join(dir.path, 'own-voice');
    cpSync(`${REPO_ROOT}hardware/voice/packs/vi`, pack, { recursive: true });
    mkdirSync(join(dir.path, 'custom'), { recursive: true });
    writeFileSync(join(dir.path, 'custom', 'station.json'), JSON.stringify({ display: { voicePack: pack } }));
    const { reports, stderr } = await runWithStandIn([MAIN, `--hub=${hubUrl}`, '--config', join(dir.path, 'custom')], {
      STANDIN_USER_DATA: dir.path,
      STANDIN_FETCH: JSON.stringify(['/voice/custom/manifest.json', '/voice/custom/chime.ogg', '/voice/custom/nothing.ogg']),
    });
    expect(findReport(reports, 'view')?.view, stderr).toMatchObject({ voice: { packs: { vi: 'voice/custom/' } } });
    expect(findReport(reports, 'fetched')?.fetched).toMatchObject({
      '/voice/custom/manifest.json': { status: 200, type: 'application/json' },
      '/voice/custom/chime.ogg': { status: 200, type: 'audio/ogg' },
      '/voice/custom/nothing.ogg': { status: 404 },
    });
  });
});
