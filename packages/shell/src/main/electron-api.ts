/**
 * The part of Electron's main-process API the station apps use, typed here: the electron npm package
 * (and so its types) cannot be installed on the machines that build and test this project, and
 * the main process must still typecheck there. Names and shapes follow Electron's documentation.
 */

export interface WebContents {
  send(channel: string, ...args: unknown[]): void;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): void;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): void;
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: { type: string; key: string; control: boolean; meta: boolean; shift: boolean; alt: boolean }) => void): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
  reload(): void;
  isDestroyed(): boolean;
}

/** What an IPC message from a renderer says of where it came from. */
export interface IpcEvent {
  sender: WebContents;
}

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Display {
  id: number;
  bounds: Rectangle;
}

export interface BrowserWindowOptions {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  kiosk?: boolean;
  fullscreen?: boolean;
  autoHideMenuBar?: boolean;
  backgroundColor?: string;
  show?: boolean;
  webPreferences?: {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    webSecurity?: boolean;
    devTools?: boolean;
    spellcheck?: boolean;
  };
}

export interface BrowserWindow {
  webContents: WebContents;
  /** The file, with `#hash` after it when given (one renderer, several screens). */
  loadFile(path: string, options?: { hash?: string }): Promise<void>;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): void;
  show(): void;
  isDestroyed(): boolean;
}

export interface ElectronMain {
  app: {
    requestSingleInstanceLock(): boolean;
    quit(): void;
    whenReady(): Promise<void>;
    on(event: 'second-instance' | 'window-all-closed' | 'before-quit', listener: () => void): void;
    on(event: 'web-contents-created', listener: (event: unknown, contents: WebContents) => void): void;
    getPath(name: 'userData'): string;
    commandLine: { appendSwitch(name: string, value?: string): void };
  };
  BrowserWindow: new (options: BrowserWindowOptions) => BrowserWindow;
  ipcMain: {
    handle(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown): void;
    on(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): void;
  };
  powerSaveBlocker: { start(type: 'prevent-display-sleep'): number };
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; stream?: boolean } }[]): void;
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
  };
  screen: { getAllDisplays(): Display[]; getPrimaryDisplay(): Display };
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived(listener: (details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void): void;
      };
      setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
    };
  };
}
