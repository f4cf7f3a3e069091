/**
 * The kiosk's contract with its screen: the view the agent pushes and the methods the screen may
 * call, carried by the platform's bridge (@qms/station/contract). Pure types: the renderer imports
 * them too.
 */
import type { OpeningPeriod, Priority } from '@qms/core';
import type { PrinterProblem } from '@qms/printer/problems';
import type { ProcedureDto } from '@qms/protocol';
import type { StationView } from '@qms/station/contract';

export interface FieldView {
  id: number;
  name: string;
  nameEn: string;
  prefix: string;
  open: boolean;
  openingHours: OpeningPeriod[];
  waiting: number;
  estimatedWaitSeconds: number | null;
}

/** The kiosk's own part of its view (the platform adds phase, pairing code, hub, name, time zone). */
export interface KioskOwnView {
  /** The hub's centreName when set there, else station.json's. */
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
  /** The centre's counters by number, in order (feedback may name one). */
  counterNumbers: number[];
  /** CCCD scans since the agent started: the lookup screen lists the citizen's applications when it moves. */
  citizenScans: number;
  /** What the last scan of an application receipt's QR gave (a results ticket, or the status), until cleared. */
  applicationScan: ApplicationScan | null;
}

/** An application as the citizen may see it at the kiosk (the hub's lookup: status, dates, procedure, masked name). */
export interface ApplicationRow {
  code: string;
  /** The national status number, 1 to 10 (9: ready to collect). */
  status: number;
  statusName: { vi: string; en: string };
  receivedAt: string;
  dueAt: string;
  procedureName: string;
  applicantName: string;
}

/** A results-pickup ticket issued for a ready application, as printed. */
export interface PickupResult {
  ticket: IssuedTicket;
  print: PrintOutcome;
  /** The same ticket as before for this application (it was still open). */
  replayed: boolean;
  application: ApplicationRow;
}

/** The outcome of scanning a receipt's QR (its /a/CODE/SECRET page), with a number that moves on each scan. */
export type ApplicationScan = ({ seq: number; kind: 'pickup' } & PickupResult) | { seq: number; kind: 'status'; application: ApplicationRow } | { seq: number; kind: 'error'; code: string };

export type ProcedureView = ProcedureDto;

export interface FeedbackParams {
  text: string;
  phone?: string;
  counterNumber?: number;
}

export type KioskView = StationView<KioskOwnView>;

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
  /** What the ticket's QR code holds: its page on the hub. */
  trackingUrl: string;
  citizen: { name: string; idMasked: string } | null;
}

export type PrintOutcome = { ok: true } | { ok: false; problem: PrinterProblem; message: string };

export interface IssueResult {
  ticket: IssuedTicket;
  print: PrintOutcome;
}

/** What the kiosk screen may ask for, with its parameters and answer. */
export type KioskMethods = {
  issue: { params: IssueParams; result: IssueResult };
  reprint: { params: { ticketId: number }; result: PrintOutcome };
  /** A code read by the renderer (camera or keyboard-wedge scanner). */
  scan: { params: { text: string }; result: { kind: 'cccd' | 'invalid' | 'text' | 'application' } };
  clearCitizen: { params: Record<string, never>; result: null };
  /** The catalogue, by field and/or words (accents optional). */
  procedures: { params: { serviceId?: number; q?: string }; result: ProcedureView[] };
  /** Prints the procedure's slip (fees, documents, time, the portal's QR). */
  printProcedure: { params: { procedureId: number }; result: PrintOutcome };
  /** An application by the code and secret typed from its receipt. */
  lookupApplication: { params: { code: string; secret: string }; result: ApplicationRow };
  /** The applications of the citizen whose CCCD was scanned last (the number stays in the agent). */
  citizenApplications: { params: Record<string, never>; result: ApplicationRow[] };
  /** A results-pickup ticket for a ready application, printed like any ticket. */
  pickup: { params: { code: string; secret: string }; result: PickupResult };
  sendFeedback: { params: FeedbackParams; result: { id: number } };
  clearApplicationScan: { params: Record<string, never>; result: null };
};

/** Refusals of the kiosk's own (besides the bridge's and the hub's). */
export const KIOSK_ERRORS = {
  printerUnavailable: 'printer.unavailable',
  /** No CCCD was scanned (or it was forgotten) when the citizen's applications were asked for. */
  noCitizen: 'citizen.not_scanned',
} as const;
