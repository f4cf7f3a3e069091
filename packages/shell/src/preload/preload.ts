// The one preload of every station app: it exposes the bridge's transport as window.qmsStation
// over Electron's IPC, and nothing else of Node or Electron. Replies travel as data ({ok, result}
// or {ok: false, error: {code, message}}), so a refusal keeps its code across the context bridge;
// @qms/shell's renderer side turns them into results and errors.
import { BRIDGE_ERRORS, type BridgeReply, type BridgeTransport, IPC_CHANNELS, PRELOAD_KEY } from '@qms/station/contract';

interface IpcRenderer {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void;
  send(channel: string, ...args: unknown[]): void;
}
interface ContextBridge {
  exposeInMainWorld(key: string, api: unknown): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a sandboxed preload is CommonJS; electron exists only at run time
const { contextBridge, ipcRenderer } = require('electron') as { contextBridge: ContextBridge; ipcRenderer: IpcRenderer };

// Each view to every listener, then word that it was drawn: the main process sends the next (the newest by then) only after.
const listeners = new Set<(view: never) => void>();
ipcRenderer.on(IPC_CHANNELS.view, (_event, view) => {
  try {
    for (const listener of listeners) listener(view as never);
  } finally {
    ipcRenderer.send(IPC_CHANNELS.viewed);
  }
});

const transport: BridgeTransport<unknown> = {
  onView(listener) {
    listeners.add(listener);
    void ipcRenderer.invoke(IPC_CHANNELS.view).then((view) => listener(view as never));
    return () => listeners.delete(listener);
  },
  async invoke(method, params) {
    try {
      return (await ipcRenderer.invoke(IPC_CHANNELS.call, method, params)) as BridgeReply;
    } catch (error) {
      // The main process itself failed (not the station's refusal): still an answer with a code.
      return { type: 'reply', id: 0, ok: false, error: { code: BRIDGE_ERRORS.internal, message: (error as Error).message } };
    }
  },
};

contextBridge.exposeInMainWorld(PRELOAD_KEY, transport);
