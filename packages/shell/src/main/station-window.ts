import type { BrowserWindow, Display, ElectronMain, Rectangle } from './electron-api.js';
import { isDevtoolsShortcut } from './hardening.js';

export type DisplayChoice = 'primary' | 'secondary' | number;

export interface StationWindowOptions {
  /** Full screen with no way out (a citizen's screen), or an ordinary window (a clerk's desk, a test). */
  mode: 'kiosk' | 'windowed';
  /** Which monitor: the primary one, another one (a rating pad facing the citizen), or the n-th (0 = first). */
  display?: DisplayChoice;
  /** When that monitor is not there, the window goes on the primary one in this mode (default: `mode`), and the log says so. */
  fallbackMode?: 'kiosk' | 'windowed';
  /** What the window is, for the log ("rating pad"). */
  name?: string;
  /** The preload that exposes the bridge; none when the window shows an agent's own page over HTTP. */
  preload?: string;
  devTools?: boolean;
  backgroundColor?: string;
  log?: (level: 'info' | 'warn', message: string) => void;
}

/** The monitor chosen: the primary, the first other one, or the n-th; undefined when it is not connected. */
export function findDisplay(displays: Display[], primary: Display, choice: DisplayChoice = 'primary'): Display | undefined {
  if (choice === 'primary') return primary;
  if (choice === 'secondary') return displays.find((display) => display.id !== primary.id);
  return displays[choice];
}

/** The monitor a window goes on: the one chosen, or the primary when it is not connected. */
export function displayFor(displays: Display[], primary: Display, choice: DisplayChoice = 'primary'): Display {
  return findDisplay(displays, primary, choice) ?? primary;
}

/**
 * A station's window: kiosk or windowed, on the chosen monitor, sandboxed with only its preload,
 * kept awake by the caller, reloaded when its renderer crashes, with the developer-tools and reload
 * keys swallowed unless devTools is on. (No navigation and no new windows: see hardenContents,
 * applied to every web contents by runElectronStation.)
 */
export function openStationWindow(electron: ElectronMain, options: StationWindowOptions): BrowserWindow {
  const { screen } = electron;
  const displays = screen.getAllDisplays();
  const primary = screen.getPrimaryDisplay();
  const chosen = findDisplay(displays, primary, options.display);
  const bounds: Rectangle = (chosen ?? primary).bounds;
  const mode = chosen ? options.mode : (options.fallbackMode ?? options.mode);
  if (!chosen) {
    options.log?.(
      'warn',
      `${options.name ?? 'station window'}: no display ${JSON.stringify(options.display)} among the ${displays.length} connected; shown in ${mode === 'kiosk' ? 'kiosk mode' : 'a window'} on the primary display`,
    );
  }
  const kiosk = mode === 'kiosk';
  const window = new electron.BrowserWindow({
    ...bounds,
    kiosk,
    fullscreen: kiosk,
    autoHideMenuBar: true,
    backgroundColor: options.backgroundColor ?? '#f3f6fb',
    show: false,
    webPreferences: {
      ...(options.preload ? { preload: options.preload } : {}),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      devTools: options.devTools ?? false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // A crashed or killed renderer is reloaded: a station never stays on a dead screen.
  window.webContents.on('render-process-gone', (_event, details) => {
    options.log?.('warn', `${options.name ?? 'station screen'} gone (${details.reason}); reloading`);
    setTimeout(() => {
      if (!window.isDestroyed()) window.webContents.reload();
    }, 1_000);
  });
  window.webContents.on('before-input-event', (event, input) => {
    if (isDevtoolsShortcut(input) && !options.devTools) event.preventDefault();
  });
  return window;
}
