// The kiosk's Electron main process: one kiosk-mode window, the station agent in this process,
// and the renderer reaching it through the preload's one typed bridge (IPC).
import { join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, createKioskAgent, loadStationConfig } from '@qms/station';
import type { BrowserWindow, ElectronMain } from './electron-api.js';
import { hardenContents, isDevtoolsShortcut } from './hardening.js';

// Loaded at run time: the electron package exists only where it could be installed (see electron-api.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const electron = require('electron') as ElectronMain;
const { app, BrowserWindow: Window, ipcMain, powerSaveBlocker, session } = electron;

/** --name=value or --name value. */
function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  const joined = process.argv.find((arg) => arg.startsWith(prefix));
  if (joined) return joined.slice(prefix.length);
  const index = process.argv.indexOf(`--${name}`);
  const next = index >= 0 ? process.argv[index + 1] : undefined;
  return next && !next.startsWith('--') ? next : undefined;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  powerSaveBlocker.start('prevent-display-sleep');
  session.defaultSession.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
  // The camera (CCCD scans) is the one permission the kiosk screen gets.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(permission === 'media'));
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  // With --station-url the agent runs elsewhere (`qms station kiosk`, the demo): show its screen.
  const stationUrl = flag('station-url');
  const window = new Window({
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#f3f6fb',
    show: false,
    webPreferences: {
      ...(stationUrl ? {} : { preload: join(__dirname, '../preload/preload.cjs') }),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: process.env.QMS_KIOSK_DEVTOOLS === '1',
    },
  });
  window.once('ready-to-show', () => window.show());
  watchRenderer(window);
  app.on('second-instance', () => window.show());
  app.on('window-all-closed', () => app.quit());

  if (stationUrl) {
    await window.loadURL(stationUrl);
    return;
  }
  const dir = resolve(flag('config') ?? process.env.QMS_STATION_DIR ?? join(app.getPath('userData'), 'station'));
  const config = loadStationConfig(dir, { hubUrl: flag('hub') ?? process.env.QMS_HUB_URL });
  const log = (level: 'info' | 'warn', message: string) => process.stderr.write(`${JSON.stringify({ level, station: 'kiosk', msg: message })}\n`);
  const { agent, link, dispatcher } = createKioskAgent(config, log);
  link.on('pairingCode', (code) => process.stdout.write(`pairing code: ${code}\n`));
  ipcMain.handle('qms:view', () => agent.view());
  ipcMain.handle('qms:call', (_event, method, params) => dispatcher.handle({ id: 0, method: method as never, params: params as never }));
  agent.on('view', (view) => {
    if (!window.isDestroyed()) window.webContents.send('qms:view', view);
  });
  app.on('before-quit', () => {
    link.stop();
    void agent.stop();
  });
  link.start();
  agent.start();
  await window.loadFile(join(__dirname, '../renderer/index.html'));
}

/** A crashed or killed renderer is reloaded: the kiosk never stays on a dead screen. */
function watchRenderer(window: BrowserWindow): void {
  window.webContents.on('render-process-gone', (_event, details) => {
    process.stderr.write(`${JSON.stringify({ level: 'warn', msg: `kiosk screen gone (${details.reason}); reloading` })}\n`);
    setTimeout(() => {
      if (!window.isDestroyed()) window.webContents.reload();
    }, 1_000);
  });
  window.webContents.on('before-input-event', (event, input) => {
    if (isDevtoolsShortcut(input) && process.env.QMS_KIOSK_DEVTOOLS !== '1') event.preventDefault();
  });
}
