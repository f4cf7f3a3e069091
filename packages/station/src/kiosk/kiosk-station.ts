import { ReceiptPrinter } from '@qms/printer';
import { SerialScanner } from '@qms/scanner';
import { BridgeDispatcher } from '../bridge/bridge-dispatcher.js';
import { BridgeServer } from '../bridge/bridge-server.js';
import { HubLink } from '../hub-link.js';
import { CredentialStore, type StationConfig, StationConfigError } from '../station-config.js';
import { KioskAgent } from './kiosk-agent.js';

export interface KioskStationOptions {
  config: StationConfig;
  rendererDir: string;
  port: number;
  host?: string;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** Called with each new pairing code (the CLI prints `pairing code: CODE`). */
  onPairingCode?: (code: string) => void;
}

export interface KioskStation {
  agent: KioskAgent;
  link: HubLink;
  dispatcher: BridgeDispatcher;
  /** http://HOST:PORT/ of the kiosk screen, when served. */
  url: string;
  close(): Promise<void>;
}

function printerOf(config: StationConfig): ReceiptPrinter | null {
  if (!config.printer) return null;
  try {
    return new ReceiptPrinter(config.printer.interface, { timeoutMs: 2_000 });
  } catch (error) {
    throw new StationConfigError(`printer: ${(error as Error).message}`);
  }
}

/**
 * A kiosk's Node side, whole: the hub link (pairing first), the printer and scanner, the kiosk's
 * use cases, and the bridge server the screen talks to. Electron's main process runs the same
 * parts with IPC instead of the bridge server.
 */
export function createKioskAgent(config: StationConfig, log?: KioskStationOptions['log']): { agent: KioskAgent; link: HubLink; dispatcher: BridgeDispatcher } {
  const link = new HubLink({ hubUrl: config.hubUrl, kind: 'kiosk', name: config.name, credentials: new CredentialStore(config.dir), log });
  const scanner = config.scanner ? new SerialScanner({ path: config.scanner.path, baudRate: config.scanner.baudRate }) : null;
  const agent = new KioskAgent({ config, link, printer: printerOf(config), scanner, log });
  const dispatcher = new BridgeDispatcher(
    {
      issue: (params) => agent.issue(params),
      reprint: (params) => agent.reprint(params?.ticketId),
      scan: (params) => agent.scan(params?.text),
      clearCitizen: () => (agent.setCitizen(null), null),
    },
    log,
  );
  return { agent, link, dispatcher };
}

export async function startKioskStation(options: KioskStationOptions): Promise<KioskStation> {
  const { agent, link, dispatcher } = createKioskAgent(options.config, options.log);
  if (options.onPairingCode) link.on('pairingCode', options.onPairingCode);
  const server = new BridgeServer({ rendererDir: options.rendererDir, port: options.port, host: options.host, source: agent, dispatcher });
  const port = await server.listen();
  link.start();
  agent.start();
  return {
    agent,
    link,
    dispatcher,
    url: `http://${options.host ?? '127.0.0.1'}:${port}/`,
    async close() {
      link.stop();
      await agent.stop();
      await server.close();
    },
  };
}
