import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
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
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
    hubUrl = `http://127.0.0.1:${(hub.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await hub.close();
    dir.cleanup();
  });

  it('opens the board full screen, lets it play sound without a gesture, and ships the voice packs beside it', async () => {
    const { reports, stdout, stderr } = await runWithStandIn([MAIN, `--hub=${hubUrl}`, '--config', `${dir.path}/station`], { STANDIN_USER_DATA: dir.path });
    expect(findReport(reports, 'switch'), stderr).toMatchObject({ name: 'autoplay-policy', value: 'no-user-gesture-required' });
    expect(findReport(reports, 'window')?.options).toMatchObject({ kiosk: true, webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false } });
    const file = `${REPO_ROOT}apps/display/dist/renderer/index.html`;
    expect(findReport(reports, 'loadFile')).toMatchObject({ file, exists: true });
    expect(existsSync(`${REPO_ROOT}apps/display/dist/renderer/voice/vi/manifest.json`)).toBe(true);
    // No browser permission asked for: sound needs none.
    expect(findReport(reports, 'permissions')).toMatchObject({ answers: { media: false } });
    expect(/pairing code: (\d{6})/.exec(stdout)?.[1]).toBeDefined();
    expect(findReport(reports, 'view')?.view).toMatchObject({ phase: 'pairing', hubUrl, layout: 'auto', voice: { mode: 'vi', packs: { vi: 'voice/vi/' } } });
  });
});
