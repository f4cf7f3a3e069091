import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReport, runWithStandIn } from '../support/electron-stand-in.js';
import { REPO_ROOT } from '../support/hub-process.js';
import { createTestHub, type TestHub } from '../support/test-hub.js';
import { tempDir } from '../support/temp-dir.js';

const MAIN = `${REPO_ROOT}apps/kiosk/dist/main/main.cjs`;
const PRELOAD = `${REPO_ROOT}apps/kiosk/dist/preload/preload.cjs`;

const find = findReport;

describe('kiosk Electron main process and preload (under a stand-in for Electron)', () => {
  let hub: TestHub;
  let hubUrl: string;
  const dir = tempDir('qms-electron-');
  beforeAll(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
  });
  afterAll(async () => {
    await hub.close();
    dir.cleanup();
  });

  it('opens one locked-down kiosk window, runs the agent in the main process and serves the bridge over IPC', async () => {
    const { reports, stdout, stderr } = await runWithStandIn([MAIN, `--hub=${hubUrl}`, '--config', `${dir.path}/station`], { STANDIN_USER_DATA: dir.path });
    expect(find(reports, 'window')?.options, stderr).toMatchObject({
      kiosk: true,
      x: 0,
      width: 1920,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: PRELOAD },
    });
    // The built screen at qms://station/ (its own origin, with fetch), answered from apps/kiosk/dist/renderer with the one CSP.
    expect(find(reports, 'schemes')).toMatchObject({ schemes: [{ scheme: 'qms', privileges: { standard: true, secure: true, supportFetchAPI: true } }] });
    expect(find(reports, 'loadURL')).toMatchObject({ url: 'qms://station/index.html', status: 200, type: 'text/html; charset=utf-8' });
    expect(String(find(reports, 'loadURL')?.csp)).toContain("default-src 'self'");
    expect(reports.filter((r) => r.what === 'handle').map((r) => r.channel)).toEqual(['qms:view', 'qms:call']);
    // The window says when it drew a view: the next goes only then (the newest by then).
    expect(reports.filter((r) => r.what === 'on').map((r) => r.channel)).toEqual(['qms:viewed']);
    expect(find(reports, 'powerSaveBlocker')).toMatchObject({ type: 'prevent-display-sleep' });
    expect(String(find(reports, 'headers')?.csp)).toContain("default-src 'self'");
    expect(find(reports, 'permissions')).toMatchObject({ answers: { media: true, geolocation: false, notifications: false } });
    expect(find(reports, 'navigation')).toMatchObject({ external: true, own: false, file: true });
    expect(find(reports, 'newWindow')).toMatchObject({ action: 'deny' });
    expect(find(reports, 'f12')).toMatchObject({ prevented: true });
    expect(find(reports, 'reload'), 'a crashed screen is reloaded').toBeDefined();
    // The agent paired with the hub: the code went to the screen over IPC and to stdout.
    const code = /pairing code: (\d{6})/.exec(stdout)?.[1];
    expect(code).toBeDefined();
    expect(find(reports, 'view')?.view).toMatchObject({ phase: 'pairing', pairingCode: code, hubUrl });
    expect(find(reports, 'call')?.reply).toMatchObject({ ok: false, error: { code: 'ticket.not_found' } });
  });

  it('quits when another kiosk instance already runs', async () => {
    const { reports } = await runWithStandIn([MAIN, `--hub=${hubUrl}`], { STANDIN_SCENARIO: 'second-instance', STANDIN_USER_DATA: dir.path });
    expect(reports.map((r) => r.what)).toEqual(['quit']);
  });

  it("with --station-url shows a running agent's screen, without the IPC bridge", async () => {
    const { reports } = await runWithStandIn([MAIN, '--station-url=http://127.0.0.1:8090/'], { STANDIN_USER_DATA: dir.path });
    expect(find(reports, 'loadURL')).toMatchObject({ url: 'http://127.0.0.1:8090/' });
    expect((find(reports, 'window')?.options as { webPreferences: Record<string, unknown> }).webPreferences.preload).toBeUndefined();
    expect(reports.filter((r) => r.what === 'handle')).toEqual([]);
  });

  it('the preload exposes only window.qmsStation, whose replies keep the error code as a field, and says when a view was drawn', async () => {
    const script = `
      const sent = [];
      globalThis.STANDIN_IPC = async (channel, method, params) => {
        if (channel === 'qms:viewed') return sent.push(channel);
        if (channel === 'qms:view') return { phase: 'ready' };
        if (method === 'scan') return { type: 'reply', id: 0, ok: true, result: { kind: 'cccd' } };
        return { type: 'reply', id: 0, ok: false, error: { code: 'printer.unavailable', message: 'out of paper' } };
      };
      require(${JSON.stringify(PRELOAD)});
      const bridge = globalThis.STANDIN_EXPOSED.qmsStation;
      (async () => {
        const keys = Object.keys(globalThis.STANDIN_EXPOSED);
        const scanned = await bridge.invoke('scan', { text: 'x' });
        const failed = await bridge.invoke('issue', { serviceId: 1 });
        const view = await new Promise((resolve) => bridge.onView(resolve));
        // A view from the main process: handed to the page, then acknowledged, once.
        const drawn = [];
        bridge.onView((next) => drawn.push({ view: next, acknowledged: sent.length }));
        globalThis.STANDIN_RENDERER_EMIT('qms:view', { phase: 'ready', count: 1 });
        await new Promise((resolve) => setTimeout(resolve, 50));
        console.log(JSON.stringify({ keys, scanned, failed, view, drawn: drawn.filter((d) => d.view.count === 1), acknowledged: sent.length }));
      })();
    `;
    const result = await runWithStandIn(['-e', script]);
    expect(JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}')).toEqual({
      keys: ['qmsStation'],
      scanned: { type: 'reply', id: 0, ok: true, result: { kind: 'cccd' } },
      failed: { type: 'reply', id: 0, ok: false, error: { code: 'printer.unavailable', message: 'out of paper' } },
      view: { phase: 'ready' },
      drawn: [{ view: { phase: 'ready', count: 1 }, acknowledged: 0 }],
      acknowledged: 1,
    });
  });
});
