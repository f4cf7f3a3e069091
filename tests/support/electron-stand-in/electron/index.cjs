// A stand-in for Electron's main-process and preload API, for the station apps' Electron tests
// (tests/kiosk/electron-main.test.ts, tests/station/blank-station.test.ts).
// Why a stand-in: the Electron binary cannot be downloaded on the machines that test this project,
// so a station's main process runs under plain Node with this module as `electron`. It records what
// the main process asked for (one `STANDIN {json}` line each) and plays the window's part.
const { EventEmitter } = require('node:events');
const fs = require('node:fs');

const report = (what, data = {}) => process.stdout.write(`STANDIN ${JSON.stringify({ what, ...data })}\n`);
const scenario = process.env.STANDIN_SCENARIO ?? 'run';

const app = new EventEmitter();
app.requestSingleInstanceLock = () => scenario !== 'second-instance';
app.quit = () => {
  report('quit');
  setTimeout(() => process.exit(0), 50);
};
app.whenReady = async () => undefined;
app.getPath = () => process.env.STANDIN_USER_DATA;
app.commandLine = { appendSwitch: (name, value) => report('switch', { name, value }) };

class WebContents extends EventEmitter {
  constructor(index) {
    super();
    this.index = index;
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler;
  }
  send(channel, view) {
    report('send', { index: this.index, channel, view });
    // The preload's part: it says when the page drew a view (the main process sends the next only then).
    if (channel === 'qms:view') setTimeout(() => listeners['qms:viewed']?.({ sender: this }), 10);
  }
  reload() {
    report('reload', { index: this.index });
  }
  isDestroyed() {
    return false;
  }
}

const handlers = {};
/** Listeners of ipcMain.on, by channel. */
const listeners = {};
/** Handlers of protocol.handle, by scheme (tests ask them for files as the window would). */
const protocols = {};
globalThis.STANDIN_PROTOCOLS = protocols;
// Two monitors side by side, the second one portrait (a rating pad facing the citizen); STANDIN_DISPLAYS=1: the first alone.
const displays = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
  { id: 2, bounds: { x: 1920, y: 0, width: 800, height: 1280 } },
].slice(0, Number(process.env.STANDIN_DISPLAYS ?? 2));
let windows = 0;
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    // Windows are numbered in the order they are made (0: the station's main window).
    this.index = windows++;
    report('window', { index: this.index, options });
    this.webContents = new WebContents(this.index);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadFile(file, options) {
    report('loadFile', { index: this.index, file, options, exists: fs.existsSync(file) });
    this.emit('ready-to-show');
    setTimeout(() => void exercise(this), 200);
  }
  async loadURL(url) {
    // The station's own scheme: what its handler answers for the page (Electron would render that).
    const handler = protocols[new URL(url).protocol.slice(0, -1)];
    const response = handler ? await handler(new Request(url)) : null;
    const answer = response ? { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy') } : {};
    report('loadURL', { index: this.index, url, ...answer });
    this.emit('ready-to-show');
    setTimeout(() => void exercise(this), 200);
  }
  show() {}
  isDestroyed() {
    return false;
  }
}

/** What a window and a user would do: navigate away, open a window, press F12, crash; then (on the main window) call the bridge. */
async function exercise(window) {
  const contents = window.webContents;
  const index = window.index;
  const blocked = (url) => {
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  report('navigation', { index, external: blocked('https://example.com/'), own: blocked('qms://station/index.html'), file: blocked('file:///etc/passwd') });
  // Files the screen would read through the station's scheme (a display's voice pack, an asset that is not there).
  if (protocols.qms) {
    const paths = JSON.parse(process.env.STANDIN_FETCH ?? '[]');
    const fetched = {};
    for (const path of paths) {
      const response = await protocols.qms(new Request(`qms://station${path}`));
      fetched[path] = { status: response.status, type: response.headers.get('content-type'), bytes: response.status === 200 ? (await response.arrayBuffer()).byteLength : 0 };
    }
    if (paths.length > 0) report('fetched', { index, fetched });
  }
  report('newWindow', { index, action: contents.openHandler({ url: 'https://example.com/' }).action });
  let f12 = false;
  contents.emit('before-input-event', { preventDefault: () => (f12 = true) }, { type: 'keyDown', key: 'F12', control: false, meta: false, shift: false, alt: false });
  report('f12', { index, prevented: f12 });
  contents.emit('render-process-gone', {}, { reason: 'crashed' });
  if (index > 0) return;
  if (handlers['qms:view']) {
    report('view', { view: await handlers['qms:view']({ sender: contents }) });
    const [method, params] = JSON.parse(process.env.STANDIN_CALL ?? '["reprint", {"ticketId": 5}]');
    report('call', { reply: await handlers['qms:call']({ sender: contents }, method, params) });
  }
  setTimeout(
    () => {
      app.emit('before-quit');
      report('done');
      process.exit(0);
    },
    Number(process.env.STANDIN_STAY_MS ?? 1_500),
  );
}

// The preload's side.
const exposed = {};
/** What the preload listens to, by channel: a test plays the main process's sends with STANDIN_RENDERER_EMIT. */
const rendererListeners = {};
globalThis.STANDIN_RENDERER_EMIT = (channel, ...args) => rendererListeners[channel]?.({}, ...args);
const ipcRenderer = {
  invoke: async (channel, ...args) => (handlers[channel] ? handlers[channel]({}, ...args) : globalThis.STANDIN_IPC(channel, ...args)),
  on(channel, listener) {
    rendererListeners[channel] = listener;
  },
  /** The preload's messages to the main process (without an answer), as STANDIN_IPC sees them. */
  send(channel, ...args) {
    void globalThis.STANDIN_IPC(channel, ...args);
  },
};

module.exports = {
  app,
  BrowserWindow,
  ipcMain: {
    handle: (channel, handler) => ((handlers[channel] = handler), report('handle', { channel })),
    on: (channel, listener) => ((listeners[channel] = listener), report('on', { channel })),
  },
  powerSaveBlocker: { start: (type) => (report('powerSaveBlocker', { type }), 1) },
  protocol: {
    registerSchemesAsPrivileged: (schemes) => report('schemes', { schemes }),
    handle: (scheme, handler) => ((protocols[scheme] = handler), report('protocol', { scheme })),
  },
  screen: {
    getAllDisplays: () => displays,
    getPrimaryDisplay: () => displays[0],
  },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (listener) => listener({ responseHeaders: {} }, (response) => report('headers', { csp: response.responseHeaders['Content-Security-Policy'] })) },
      setPermissionRequestHandler: (handler) => {
        const answers = {};
        for (const permission of ['media', 'geolocation', 'notifications']) handler({}, permission, (granted) => (answers[permission] = granted));
        report('permissions', { answers });
      },
    },
  },
  contextBridge: { exposeInMainWorld: (key, api) => ((exposed[key] = api), (globalThis.STANDIN_EXPOSED = exposed)) },
  ipcRenderer,
};
