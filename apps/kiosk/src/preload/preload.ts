// The one typed bridge the kiosk screen gets (window.qmsStation): the same StationBridge the
// renderer uses over a WebSocket beside Chromium. Nothing else of Node or Electron is exposed.
import type { BridgeMessage, BridgeMethod, BridgeMethods, KioskView, StationBridge } from '@qms/station/contract';

interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
}
interface ContextBridge {
  exposeInMainWorld(key: string, api: unknown): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS; electron exists only at run time
const { contextBridge, ipcRenderer } = require('electron') as { contextBridge: ContextBridge; ipcRenderer: IpcRenderer };

const bridge: StationBridge = {
  onView(listener: (view: KioskView) => void) {
    const handler = (_event: unknown, view: unknown) => listener(view as KioskView);
    ipcRenderer.on('qms:view', handler);
    void ipcRenderer.invoke('qms:view').then((view) => listener(view as KioskView));
    return () => ipcRenderer.removeListener('qms:view', handler);
  },
  async call<M extends BridgeMethod>(method: M, params: BridgeMethods[M]['params']): Promise<BridgeMethods[M]['result']> {
    const reply = (await ipcRenderer.invoke('qms:call', method, params)) as BridgeMessage;
    if (reply.type !== 'reply') throw new Error('station.internal: unexpected answer');
    if (reply.ok) return reply.result as BridgeMethods[M]['result'];
    // Errors cross the context bridge as their message only: the code leads it.
    throw new Error(`${reply.error.code}: ${reply.error.message}`);
  },
};

contextBridge.exposeInMainWorld('qmsStation', bridge);
