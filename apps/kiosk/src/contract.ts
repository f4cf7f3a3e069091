/**
 * The kiosk's contract with its screen: the view the agent pushes and the methods the screen may
 * call, carried by the platform's bridge (@qms/station/contract). Pure types: the renderer imports
 * them too.
 */
import type { OpeningPeriod, Priority } from '@qms/core';
import type { PrinterProblem } from '@qms/printer/problems';
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
  scan: { params: { text: string }; result: { kind: 'cccd' | 'invalid' | 'text' } };
  clearCitizen: { params: Record<string, never>; result: null };
};

/** Refusals of the kiosk's own (besides the bridge's and the hub's). */
export const KIOSK_ERRORS = {
  printerUnavailable: 'printer.unavailable',
} as const;
