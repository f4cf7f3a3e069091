/**
 * The one bridge between a station's renderer and its agent. The renderer sees the whole picture
 * as a `view` pushed whenever something changes, and asks for things with `call`. In Electron the
 * preload exposes it over IPC; beside Chromium the agent serves it as a WebSocket at /bridge.
 * Both carry the same messages, so the renderer runs unmodified in either. Pure types: no I/O.
 */

export type Priority = 'normal' | 'elderly' | 'disabled' | 'pregnant' | 'child';

export interface OpeningPeriodView {
  days: number[];
  open: string;
  close: string;
}

export interface FieldView {
  id: number;
  name: string;
  nameEn: string;
  prefix: string;
  open: boolean;
  openingHours: OpeningPeriodView[];
  waiting: number;
  estimatedWaitSeconds: number | null;
}

/** Why the printer cannot print, as the hardware layer names it. */
export type PrinterProblem = 'paper_out' | 'cover_open' | 'offline' | 'printer_error' | 'unreachable' | 'timeout' | 'paper_out_while_printing';

export type LinkPhase =
  /** Starting up, before the first answer from the hub. */
  | 'starting'
  /** Not paired yet: the code is on screen until a technician approves it. */
  | 'pairing'
  | 'ready'
  /** The hub cannot be reached; the station keeps trying. */
  | 'reconnecting';

export interface KioskView {
  phase: LinkPhase;
  /** While pairing: the code a technician approves (`qms devices approve CODE`). */
  pairingCode: string | null;
  hubUrl: string;
  stationName: string;
  centreName: string;
  fields: FieldView[];
  printer: { configured: boolean; problem: PrinterProblem | null };
  /** False while the printer has a problem and the kiosk is set to stop issuing then. */
  issuing: boolean;
  /** What the kiosk does when it cannot print: stop issuing, or show the ticket on screen. */
  onPrinterProblem: 'stop' | 'screen';
  /** The citizen whose CCCD was scanned last, for the greeting; cleared after a ticket or a while. */
  citizen: { name: string; idMasked: string } | null;
  /** The last scan could not be read as a CCCD (shown briefly). */
  scanError: string | null;
  cameraScan: boolean;
  /** Seconds the confirmation screen stays before returning home. */
  confirmSeconds: number;
  timeZone: string;
}

export interface IssueParams {
  serviceId: number;
  priority: Priority;
  /** One per press, kept across retries: the hub never gives two numbers for it. */
  key: string;
}

export interface IssuedTicket {
  id: number;
  label: string;
  serviceId: number;
  serviceName: string;
  serviceNameEn: string;
  priority: Priority;
  issuedAt: string;
  ahead: number;
  estimatedWaitSeconds: number | null;
  counters: number[];
  /** What the ticket's QR code holds. */
  trackingUrl: string;
  citizen: { name: string; idMasked: string } | null;
}

export type PrintOutcome = { ok: true } | { ok: false; problem: PrinterProblem; message: string } | { ok: false; problem: 'no_printer'; message: string };

export interface IssueResult {
  ticket: IssuedTicket;
  print: PrintOutcome;
}

/** What the renderer may ask for, with its parameters and answer. */
export interface BridgeMethods {
  issue: { params: IssueParams; result: IssueResult };
  reprint: { params: { ticketId: number }; result: PrintOutcome };
  /** A code read by the renderer (camera or keyboard-wedge scanner). */
  scan: { params: { text: string }; result: { kind: 'cccd' | 'invalid' | 'text' } };
  clearCitizen: { params: Record<string, never>; result: null };
}

export type BridgeMethod = keyof BridgeMethods;

export interface BridgeError {
  code: string;
  message: string;
}

/** Renderer → agent. */
export interface BridgeRequest<M extends BridgeMethod = BridgeMethod> {
  id: number;
  method: M;
  params: BridgeMethods[M]['params'];
}

/** Agent → renderer. */
export type BridgeMessage =
  | { type: 'view'; view: KioskView }
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: BridgeError };

/** The object the renderer uses, whichever transport carries it. */
export interface StationBridge {
  onView(listener: (view: KioskView) => void): () => void;
  call<M extends BridgeMethod>(method: M, params: BridgeMethods[M]['params']): Promise<BridgeMethods[M]['result']>;
}

export const BRIDGE_PATH = '/bridge';
