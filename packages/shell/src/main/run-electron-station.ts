import { dirname, join, resolve } from 'node:path';
import { CONTENT_SECURITY_POLICY, createStation, IPC_CHANNELS, loadStationConfig, type MethodMap, type Setting, type Settings, type StationApp, ViewPacer } from '@qms/station';
import type { BrowserWindow, ElectronMain, WebContents } from './electron-api.js';
import { hardenContents } from './hardening.js';
import { registerStationScheme, serveStationScheme, STATION_ORIGIN } from './station-scheme.js';
import { type DisplayChoice, openStationWindow } from './station-window.js';

/** --name=value or --name value. */
export function flagOf(argv: readonly string[], name: string): string | undefined {
  const prefix = `--${name}=`;
  const joined = argv.find((arg) => arg.startsWith(prefix));
  if (joined) return joined.slice(prefix.length);
  const index = argv.indexOf(`--${name}`);
  const next = index >= 0 ? argv[index + 1] : undefined;
  return next && !next.startsWith('--') ? next : undefined;
}

/** Another screen of the same station in its own window (a rating pad on the monitor facing the citizen). */
export interface ExtraWindow {
  /** What it is, for the log: "rating pad". */
  name: string;
  /** The renderer's screen: index.html#HASH. */
  hash: string;
  display: DisplayChoice;
  /** Kiosk (full screen, no way out: a citizen's screen) unless told. Without its display, it is an ordinary window on the primary one. */
  mode?: 'kiosk' | 'windowed';
}

export interface ElectronStationOptions<Section = unknown> {
  /** The built files beside the main bundle: the preload (CommonJS) and the renderer's index.html. */
  preloadFile: string;
  rendererFile: string;
  mode?: 'kiosk' | 'windowed';
  display?: DisplayChoice;
  /** The windows the station's settings ask for beside the main one (not with --station-url: the settings are the agent's, elsewhere). */
  extraWindows?: (section: Section) => ExtraWindow[];
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * A station app's whole Electron main process: one instance, the display kept awake, the one CSP,
 * only the permissions the station declares, no navigation or new windows, its window (and the
 * extra windows its settings ask for, each with the same preload and the same guards), and the
 * station's Node side in this process with the bridge over IPC (channels from @qms/station).
 * With --station-url the agent runs elsewhere (`qms-station KIND`, the demo) and the window shows its page.
 */
export async function runElectronStation<S extends Record<string, Setting<unknown>>, View, Methods extends MethodMap>(
  electron: ElectronMain,
  station: StationApp<S, View, Methods>,
  options: ElectronStationOptions<Settings<S>>,
): Promise<void> {
  const { app, ipcMain, powerSaveBlocker, session } = electron;
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const kind = station.section.key;
  const log = (level: 'info' | 'warn', message: string) => process.stderr.write(`${JSON.stringify({ level, station: kind, msg: message })}\n`);
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // An appliance's screen plays its sounds (the hall's announcements) without anyone touching it first.
  app.commandLine.appendSwitch('autoplay-policy', 'no-user-gesture-required');
  registerStationScheme(electron);
  await app.whenReady();
  powerSaveBlocker.start('prevent-display-sleep');
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(station.permissions.includes(permission)));
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));

  const stationUrl = flagOf(argv, 'station-url');
  const window = openStationWindow(electron, {
    mode: options.mode ?? 'kiosk',
    display: options.display,
    ...(stationUrl ? {} : { preload: options.preloadFile }),
    devTools: env.QMS_DEVTOOLS === '1',
    log,
  });
  app.on('second-instance', () => window.show());
  app.on('window-all-closed', () => app.quit());
  if (stationUrl) {
    await window.loadURL(stationUrl);
    return;
  }

  const dir = resolve(flagOf(argv, 'config') ?? env.QMS_STATION_DIR ?? join(app.getPath('userData'), 'station'));
  const config = loadStationConfig(dir, station.section, { hubUrl: flagOf(argv, 'hub') ?? env.QMS_HUB_URL, discover: true });
  // The screen at qms://station/ (fetch works there, unlike file://), with the folders the station serves besides (a voice pack).
  const running = createStation(station, config, { log });
  serveStationScheme(electron, dirname(options.rendererFile), station.files?.(config.section), running.agent.documents);
  running.link.on('pairingCode', (code) => process.stdout.write(`pairing code: ${code}\n`));
  // Each window gets the next view once it drew the last (the newest by then: see ViewPacer).
  const pacers = new Map<WebContents, ViewPacer<unknown>>();
  const pacerOf = (contents: WebContents) => {
    let pacer = pacers.get(contents);
    if (!pacer) {
      pacer = new ViewPacer<unknown>(
        () => running.view(),
        (view) => !contents.isDestroyed() && contents.send(IPC_CHANNELS.view, view),
      );
      pacers.set(contents, pacer);
    }
    return pacer;
  };
  // A page (re)loaded asks for the view first: what was sent to the page before is not in flight any more.
  ipcMain.handle(IPC_CHANNELS.view, (event) => {
    pacerOf(event.sender).drawn();
    return running.view();
  });
  ipcMain.on(IPC_CHANNELS.viewed, (event) => pacerOf(event.sender).drawn());
  ipcMain.handle(IPC_CHANNELS.call, (_event, method, params) => running.dispatcher.handle({ id: 0, method, params }));
  const extras = (options.extraWindows?.(config.section) ?? []).map((extra) => ({
    hash: extra.hash,
    window: openStationWindow(electron, {
      mode: extra.mode ?? 'kiosk',
      display: extra.display,
      fallbackMode: 'windowed', // not over the clerk's own screen
      name: extra.name,
      preload: options.preloadFile,
      devTools: env.QMS_DEVTOOLS === '1',
      log,
    }),
  }));
  const windows: BrowserWindow[] = [window, ...extras.map((extra) => extra.window)];
  running.on('view', () => {
    for (const shown of windows) if (!shown.isDestroyed()) pacerOf(shown.webContents).changed();
  });
  app.on('before-quit', () => void running.stop());
  running.start();
  const page = `${STATION_ORIGIN}/index.html`;
  await window.loadURL(page);
  for (const extra of extras) await extra.window.loadURL(`${page}#${extra.hash}`);
}
