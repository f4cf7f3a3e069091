/**
 * The counter caller's contract with its screens (the clerk's screen at /, the citizen's rating pad
 * at /rating): the view the agent pushes and the methods the screens may call, carried by the
 * platform's bridge. Pure types: the renderer imports them too.
 */
import type { CounterStatus, PauseReason, Priority, TicketStatus } from '@qms/core';
import type { PrinterProblem } from '@qms/printer/problems';
import type { StationView } from '@qms/station/contract';

/** What a clerk presses, on screen, by keyboard or on the caller keypad. */
export const COUNTER_ACTIONS = ['call-next', 'recall', 'start', 'finish', 'no-show', 'pause', 'resume'] as const;
export type CounterAction = (typeof COUNTER_ACTIONS)[number];

export interface CurrentTicket {
  id: number;
  label: string;
  serviceId: number;
  serviceName: string;
  serviceNameEn: string;
  priority: Priority;
  status: TicketStatus;
  issuedAt: string;
  calledAt: string | null;
  startedAt: string | null;
  recallCount: number;
  /** Who took it, as the kiosk read the CCCD: the name and the masked number (null when none was scanned). */
  citizen: { name: string; idMasked: string } | null;
  /** A results-pickup ticket: the application whose result the citizen collects (null for any other ticket, and until read). */
  application: PickupApplication | null;
}

/** The application a results-pickup ticket is for, as the hub's ticket detail gives it to the counter. */
export interface PickupApplication {
  id: number;
  code: string;
  /** The national status number: 9 ready to hand over, 10 handed over. */
  status: number;
  procedureName: string;
  applicantName: string;
}

export interface WaitingTicket {
  id: number;
  label: string;
  serviceId: number;
  priority: Priority;
  issuedAt: string;
}

/** Served tickets and their mean service time (finish minus start, or call when never started), today. */
export interface DayFigures {
  served: number;
  serviceMeanSeconds: number | null;
}

/** What the clerk glances at beside the work: what comes next, who may come back, how the day goes. */
export interface CounterGlance {
  /** The first tickets in the order the hub would call them. */
  next: WaitingTicket[];
  /** Tickets marked absent at this counter that may still come back (put back in the queue, or called), newest first. */
  noShows: { id: number; label: string; noShowAt: string; until: string }[];
  /** Today at this counter, and of the clerk signed in (wherever they worked); null until known. */
  today: { counter: DayFigures; clerk: DayFigures | null } | null;
}

export interface RatingPadView {
  state: 'locked' | 'open' | 'thanks';
  /** While open: the ticket to rate and the clerk who served it. */
  label: string | null;
  clerk: string | null;
  counterNumber: number | null;
  /** The scale, best first, with its words in Vietnamese and English. */
  scale: { score: number; vi: string; en: string }[];
}

export interface FieldQueue {
  serviceId: number;
  name: string;
  nameEn: string;
  prefix: string;
  waiting: number;
  estimatedWaitSeconds: number | null;
}

/** How an application came in. */
export const APPLICATION_CHANNELS = ['counter', 'online', 'post'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export interface DocumentCount {
  name: string;
  original: number | null;
  copies: number | null;
}

/** A procedure of the catalogue as the receive screen offers it. */
export interface ProcedureChoice {
  id: number;
  code: string;
  name: string;
  nameEn: string | null;
  serviceId: number;
  processingDays: number;
  fee: string;
  /** The papers to bring, with the counts the rule asks for. */
  documents: DocumentCount[];
}

export interface ReceiveApplicationParams {
  procedureId: number;
  /** The CCCD number typed by the clerk (12 digits); leave it out to use the one the scanner read. */
  applicant: { fullName: string; phone?: string; address?: string; idNumber?: string };
  /** True: the number the counter's scanner read (the agent holds it; the screen only sees it masked). */
  useScannedId?: boolean;
  documents: DocumentCount[];
  channel: ApplicationChannel;
}

export type PrintOutcome = { ok: true } | { ok: false; problem: PrinterProblem; message: string };

/** What the result screen shows after a receipt: the code, the secret (this once), the due date. */
export interface ReceivedApplication {
  id: number;
  code: string;
  secret: string;
  receivedAt: string;
  dueAt: string;
  procedure: { code: string; name: string };
  applicant: { fullName: string; idMasked: string | null };
}

/** The receive screen's part of the view: what the counter's CCCD scanner read (masked), its printer. */
export interface ApplicationDeskView {
  /** The card last scanned, until used or forgotten; `seq` grows with each scan (the screen fills its fields once per scan). */
  scanned: { seq: number; fullName: string; idMasked: string; address: string } | null;
  scanError: string | null;
  scanner: boolean;
  printer: { configured: boolean; problem: PrinterProblem | null };
}

export interface CounterOwnView {
  /** The counter this station works at: bound at approval, or picked by the clerk at login. */
  counter: { id: number; number: number; name: string; status: CounterStatus; pauseReason: PauseReason | null } | null;
  /** True when the device was approved for a counter (the clerk does not pick one). */
  bound: boolean;
  /** The counters a clerk may pick at login when the device is not bound. */
  counters: { id: number; number: number; name: string }[];
  clerk: { username: string; displayName: string } | null;
  /** The citizen-facing rating pad (the page /rating): locked, open for the ticket just finished, or thanking. */
  rating: RatingPadView;
  /** The ticket the counter holds now (called or being served). */
  current: CurrentTicket | null;
  /** The fields this counter serves, in its order, with their waiting counts. */
  queues: FieldQueue[];
  /** Every active field, for a transfer. */
  fields: { id: number; name: string; nameEn: string }[];
  /** The next tickets, the absent ones that may come back, today's figures (while a clerk is signed in). */
  glance: CounterGlance;
  /** Minutes without a press before the clerk is signed out. */
  idleLogoutMinutes: number;
  /** Receiving applications: the scanned card, the receipt printer. */
  desk: ApplicationDeskView;
}

export type CounterView = StationView<CounterOwnView>;

export type CounterMethods = {
  login: { params: { username: string; secret: string; counterId?: number }; result: { username: string } };
  logout: { params: Record<string, never>; result: null };
  /** One press: the ticket the counter holds afterwards (null when nobody waits or it was let go). A pause may say why. */
  act: { params: { action: CounterAction; reason?: PauseReason }; result: { current: CurrentTicket | null } };
  /** Calls that ticket out of order (waiting, or a no-show that may still come back); the hub records who did. */
  callTicket: { params: { label: string }; result: { current: CurrentTicket | null } };
  /** The tickets waiting for this counter's fields, in the order the hub would call them. */
  waiting: { params: Record<string, never>; result: { tickets: WaitingTicket[] } };
  transfer: { params: { serviceId: number }; result: { current: null } };
  /** A citizen marked absent came back: their ticket waits again, with its issue time and priority. */
  requeue: { params: { ticketId: number }; result: { label: string } };
  /** The citizen's one press on the rating pad. */
  rate: { params: { score: number }; result: { score: number } };
  /** The catalogue's active procedures: words of the name or code (accents optional), or a field. */
  procedures: { params: { q?: string; serviceId?: number }; result: { procedures: ProcedureChoice[] } };
  /** Receives an application at the hub with the clerk's token: its code, secret and due date. */
  receiveApplication: { params: ReceiveApplicationParams; result: ReceivedApplication };
  /** Prints the receipt of an application received here lately on the counter's printer (80 mm). */
  printApplicationReceipt: { params: { applicationId: number }; result: PrintOutcome };
  /** The receipt as an A4 PDF: a URL on this station for the screen to open and print. */
  applicationPdf: { params: { applicationId: number }; result: { url: string } };
  /** Forgets the scanned card (the clerk starts over). */
  clearScan: { params: Record<string, never>; result: null };
  /** The result of the current ticket's application was handed over: the application goes to 10 (đã trả kết quả). */
  handOver: { params: Record<string, never>; result: { code: string; status: number } };
};

/** Refusals of the counter's own (besides the bridge's and the hub's). */
export const COUNTER_ERRORS = {
  notSignedIn: 'counter.not_signed_in',
  noCounter: 'counter.none_chosen',
  noTicket: 'counter.no_ticket',
  /** Hand over asked for a ticket that is not a results pickup. */
  noApplication: 'counter.no_application',
  ratingClosed: 'rating.closed',
  /** The receipt is no longer kept here (only the last few are, in memory): look the application up on the hub. */
  receiptGone: 'application.receipt_gone',
  noScan: 'counter.no_scan',
} as const;
