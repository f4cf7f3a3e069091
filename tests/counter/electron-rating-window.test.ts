import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findReport, runWithStandIn, type StandInReport } from '../support/electron-stand-in.js';
import { REPO_ROOT } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { createTestHub, type TestHub } from '../support/test-hub.js';

const MAIN = `${REPO_ROOT}apps/counter/dist/main/main.cjs`;
const PRELOAD = `${REPO_ROOT}apps/counter/dist/preload/preload.cjs`;

type WindowOptions = { x: number; y: number; width: number; height: number; kiosk: boolean; fullscreen: boolean; webPreferences: Record<string, unknown> };
const windowsOf = (reports: StandInReport[]) => reports.filter((r) => r.what === 'window').map((r) => r.options as WindowOptions);
const of = (reports: StandInReport[], what: string, index: number) => reports.filter((r) => r.what === what && r.index === index);

/**
 * The counter's Electron main process (under the stand-in for Electron, which plays one or two
 * monitors): with station.json's counter.ratingPad "window", a second window shows the citizen's
 * rating pad (#rating) full screen on the monitor facing them.
 */
describe('counter Electron main: the rating pad in a second window', () => {
  let hub: TestHub;
  let hubUrl: string;
  const dir = tempDir('qms-counter-electron-');
  beforeAll(async () => {
    hub = await createTestHub();
    hubUrl = await hub.listen();
  });
  afterAll(async () => {
    await hub.close();
    dir.cleanup();
  });

  let runs = 0;
  async function runCounter(counter: Record<string, unknown>, displays = 2) {
    const station = join(dir.path, `station-${++runs}`);
    mkdirSync(station);
    writeFileSync(join(station, 'station.json'), JSON.stringify({ counter }));
    return runWithStandIn([MAIN, `--hub=${hubUrl}`, '--config', station], { STANDIN_USER_DATA: dir.path, STANDIN_DISPLAYS: String(displays) });
  }

  it('with two monitors, the rating pad goes full screen on the second one, with the same preload and guards as the clerk’s window', async () => {
    const { reports, stderr } = await runCounter({ ratingPad: 'window', ratingDisplay: 'secondary' });
    const [clerk, pad, ...more] = windowsOf(reports);
    expect(more, stderr).toEqual([]);
    expect(clerk).toMatchObject({ kiosk: false, x: 0, width: 1920 });
    expect(pad).toMatchObject({ kiosk: true, fullscreen: true, x: 1920, y: 0, width: 800, height: 1280 });
    expect(pad?.webPreferences).toEqual(clerk?.webPreferences);
    expect(pad?.webPreferences).toMatchObject({ preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false });
    expect(of(reports, 'loadURL', 0)).toMatchObject([{ url: 'qms://station/index.html', status: 200 }]);
    expect(of(reports, 'loadURL', 1)).toMatchObject([{ url: 'qms://station/index.html#rating', status: 200 }]);
    // The same guards on both: no navigation away, no new window, no developer tools, reloaded after a crash.
    for (const index of [0, 1]) {
      expect(of(reports, 'navigation', index)).toMatchObject([{ external: true, own: false }]);
      expect(of(reports, 'newWindow', index)).toMatchObject([{ action: 'deny' }]);
      expect(of(reports, 'f12', index)).toMatchObject([{ prevented: true }]);
      expect(of(reports, 'reload', index), `window ${index} reloaded after its crash`).toHaveLength(1);
    }
    expect(String(findReport(reports, 'headers')?.csp)).toContain("default-src 'self'");
    // The station's view reaches the rating pad's window too.
    expect(of(reports, 'send', 1).length, stderr).toBeGreaterThan(0);
    expect(stderr).toMatch(/rating pad gone \(crashed\); reloading/);
  });

  it('a display given by number', async () => {
    const { reports } = await runCounter({ ratingPad: 'window', ratingDisplay: 1 });
    expect(windowsOf(reports)[1]).toMatchObject({ kiosk: true, x: 1920, width: 800 });
  });

  it('with one monitor, the rating pad falls back to an ordinary window on the primary one, and the log says so', async () => {
    const { reports, stderr } = await runCounter({ ratingPad: 'window' }, 1);
    const windows = windowsOf(reports);
    expect(windows, stderr).toHaveLength(2);
    expect(windows[1]).toMatchObject({ kiosk: false, fullscreen: false, x: 0, width: 1920 });
    expect(of(reports, 'loadURL', 1)).toMatchObject([{ url: 'qms://station/index.html#rating' }]);
    expect(stderr).toContain('rating pad: no display \\"secondary\\" among the 1 connected; shown in a window on the primary display');
  });

  it('with no rating pad, or a rating keypad, one window only', async () => {
    for (const counter of [{}, { ratingPad: 'none' }, { ratingPad: 'keypad', signageBus: join(dir.path, 'no-such-bus'), ratingKeypadAddress: 5 }]) {
      const { reports, stderr } = await runCounter(counter);
      expect(windowsOf(reports), stderr).toHaveLength(1);
      expect(findReport(reports, 'loadURL')).toMatchObject({ url: 'qms://station/index.html', status: 200 });
    }
  });

  it('a wrong ratingDisplay stops the station with a message naming the key', async () => {
    const { code, stderr } = await runCounter({ ratingPad: 'window', ratingDisplay: 'left' });
    expect(code).not.toBe(0);
    expect(stderr).toContain('station.json: counter.ratingDisplay must be "secondary", "primary" or a display number from 0 to 15');
  });
});
