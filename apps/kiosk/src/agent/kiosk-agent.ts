import { EventEmitter } from 'node:events';
import { HubError } from '@qms/client';
import { APPLICATION_PAGE_PREFIX, type Cancel, parseApplicationPagePath, PRIORITIES } from '@qms/core';
import { buildReceiptJob, type PrinterMonitor, printerProblemText, type ReceiptData } from '@qms/printer';
import { interpretScan, maskIdNumber } from '@qms/scanner';
import { BRIDGE_ERRORS, BridgeFailure, type BridgeHandlers, type StationAgent, type StationCommandHandlers, type StationContext } from '@qms/station';
import { type ApplicationScan, type IssuedTicket, type IssueParams, type IssueResult, KIOSK_ERRORS, type KioskMethods, type KioskOwnView, type PrintOutcome } from '../contract.js';
import { CitizenServices } from './citizen-services.js';
import { kioskCommands } from './kiosk-commands.js';
import type { KioskSettings } from './kiosk-settings.js';
import { fieldsOf, issuedTicketOf, kioskTextsOf, type KioskTexts, printerProfileOf, receiptOf } from './kiosk-view.js';
import { LastScan, type ScanSource } from './last-scan.js';
import { SampleReceipt, sampleTicketOf } from './sample-receipt.js';

const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/** A scanned identity is forgotten after this long without a ticket. */
export const CITIZEN_TTL_MS = 90_000;
/** How long a press keeps trying while the hub cannot be reached. */
export const ISSUE_RETRY_MS = 60_000;
/** How long "the card could not be read" stays on screen. */
export const SCAN_ERROR_MS = 6_000;
const REMEMBERED_TICKETS = 100;

const invalid = (message: string) => new BridgeFailure(BRIDGE_ERRORS.invalid, message);

/** The code and secret of an application receipt's QR (its page on the hub, /a/CODE/SECRET), or null for any other text. */
function receiptOfScan(text: string): { code: string; secret: string } | null {
  const trimmed = text.trim();
  return URL.canParse(trimmed) ? parseApplicationPagePath(new URL(trimmed).pathname) : null;
}

/**
 * The kiosk's use cases on the Node side: take a number (issued by the hub with the press's
 * idempotency key, then printed), reprint, read CCCD scans, and the kiosk's part of the view.
 */
export class KioskAgent extends EventEmitter<{ change: [] }> implements StationAgent<KioskOwnView, KioskMethods> {
  private citizen: { name: string; idMasked: string } | null = null;
  private scanError: string | null = null;
  private forgetCitizen: Cancel | undefined;
  private clearScanError: Cancel | undefined;
  /** The number read from the CCCD scanned last, kept only in memory and only as long as the greeting, for the citizen's own applications. */
  private citizenNumber: string | null = null;
  private citizenScans = 0;
  private applicationScan: ApplicationScan | null = null;
  private applicationScans = 0;
  private readonly issued = new Map<number, IssuedTicket>();
  private readonly reprints = new Map<number, number>();
  private readonly services: CitizenServices;

  readonly handlers: BridgeHandlers<KioskMethods> = {
    issue: (params) => this.issue(params),
    reprint: (params) => this.reprint(params.ticketId),
    scan: (params) => this.scan(params.text, 'screen'),
    clearCitizen: () => (this.setCitizen(null), null),
    procedures: (params) => this.services.procedures(params ?? {}),
    printProcedure: (params) => this.services.printProcedure(params.procedureId),
    lookupApplication: (params) => this.services.lookup(params.code, params.secret),
    citizenApplications: () => this.services.byCitizen(this.citizenNumber),
    pickup: (params) => this.services.pickup(params.code, params.secret),
    sendFeedback: (params) => this.services.feedback(params),
    clearApplicationScan: () => {
      this.applicationScan = null;
      this.emit('change');
      return null;
    },
  };

  private readonly lastScan: LastScan;
  /** What a technician can ask of this kiosk from the console. */
  readonly commands: StationCommandHandlers;

  constructor(
    private readonly context: StationContext<KioskSettings>,
    private readonly printer: PrinterMonitor | null,
    private readonly scanner: { on(event: 'scan', listener: (text: string) => void): unknown; start(): void; stop(): Promise<void> } | null,
  ) {
    super();
    printer?.on('health', () => this.emit('change'));
    scanner?.on('scan', (text) => this.scan(text, 'serial'));
    this.lastScan = new LastScan(context.clock);
    const { config, link } = context;
    const sample = new SampleReceipt((at) => receiptOf(sampleTicketOf(link.state, config.hubUrl, at), this.texts, link.timeZone), context.clock);
    this.commands = kioskCommands({ sample, lastScan: this.lastScan, profile: () => printerProfileOf(config.printer), print: (receipt, jobId) => this.printReceipt(receipt, jobId) });
    this.services = new CitizenServices(context, {
      texts: () => this.texts,
      profile: () => printerProfileOf(config.printer),
      printJob: (bytes, jobId) => this.printBytes(bytes, jobId),
      printTicket: (ticket, jobId, note) => this.printReceipt({ ...receiptOf(ticket, this.texts, this.context.link.timeZone), note }, jobId),
      remember: (ticket) => this.remember(ticket),
    });
  }

  start(): void {
    this.printer?.start();
    this.scanner?.start();
  }

  async stop(): Promise<void> {
    this.forgetCitizen?.();
    this.clearScanError?.();
    this.printer?.stop();
    await this.scanner?.stop();
  }

  private get settings(): KioskSettings {
    return this.context.config.section;
  }

  /** The centre's name and hotline: the hub's when set there (applied live), else station.json's. */
  private get texts(): KioskTexts {
    return kioskTextsOf(this.settings, this.context.link.centre);
  }

  view(): KioskOwnView {
    const { link } = this.context;
    const problem = this.printer?.problem ?? null;
    return {
      centreName: this.texts.centreName,
      fields: link.state ? fieldsOf(link.state) : [],
      printer: { configured: this.printer !== null, problem },
      issuing: !(problem && this.settings.onPrinterProblem === 'stop'),
      onPrinterProblem: this.settings.onPrinterProblem,
      citizen: this.citizen,
      scanError: this.scanError,
      cameraScan: this.settings.cameraScan,
      confirmSeconds: this.settings.confirmSeconds,
      counterNumbers: (link.state?.counters ?? []).map((counter) => counter.number).sort((a, b) => a - b),
      citizenScans: this.citizenScans,
      applicationScan: this.applicationScan,
    };
  }

  async issue(params: IssueParams): Promise<IssueResult> {
    const { config, link } = this.context;
    if (!Number.isInteger(params.serviceId) || params.serviceId < 1) throw invalid('serviceId must be a positive whole number');
    if (!PRIORITIES.includes(params.priority)) throw invalid(`priority must be one of ${PRIORITIES.join(', ')}`);
    if (typeof params.key !== 'string' || !KEY_PATTERN.test(params.key)) throw invalid('key must be 8 to 128 letters, digits or . _ : -');
    if (this.printer?.problem && this.settings.onPrinterProblem === 'stop') {
      // The paper may have been refilled since the last look.
      await this.printer.check();
      if (this.printer.problem) throw new BridgeFailure(KIOSK_ERRORS.printerUnavailable, `the printer cannot print (${this.printer.problem}); this kiosk stops issuing until it is fixed`);
    }
    const citizen = this.citizen;
    const answer = await this.issueAtHub(params, citizen);
    if (citizen) this.setCitizen(null);
    const ticket = issuedTicketOf(answer, link.state, config.hubUrl);
    this.remember(ticket);
    const print = await this.print(ticket, `ticket-${ticket.id}`);
    return { ticket, print };
  }

  /** The hub's answer to this press, trying again while the hub cannot be reached (same key: one number). */
  private async issueAtHub(params: IssueParams, citizen: { name: string; idMasked: string } | null) {
    const { link, clock, log } = this.context;
    const deadline = clock.now().getTime() + ISSUE_RETRY_MS;
    let waitMs = 200;
    for (;;) {
      try {
        return await link.client.issueTicket(params.serviceId, {
          priority: params.priority,
          idempotencyKey: params.key,
          ...(citizen ? { citizen } : {}),
        });
      } catch (error) {
        if (error instanceof HubError && error.status < 500) throw new BridgeFailure(error.code, error.message);
        if (clock.now().getTime() >= deadline) throw new BridgeFailure(BRIDGE_ERRORS.hubUnreachable, `the hub at ${link.client.baseUrl} did not answer: ${(error as Error).message}`);
        log('warn', `issue: hub not answering (${(error as Error).message}); trying again with the same key`);
        await clock.sleep(waitMs);
        waitMs = Math.min(waitMs * 2, 2_000);
      }
    }
  }

  async reprint(ticketId: number): Promise<PrintOutcome> {
    if (!Number.isInteger(ticketId)) throw invalid('ticketId must be a whole number');
    const ticket = this.issued.get(ticketId);
    if (!ticket) throw new BridgeFailure('ticket.not_found', `ticket ${ticketId} was not issued at this kiosk recently`);
    const count = (this.reprints.get(ticketId) ?? 0) + 1;
    this.reprints.set(ticketId, count);
    return this.print(ticket, `ticket-${ticketId}-reprint-${count}`);
  }

  private print(ticket: IssuedTicket, jobId: string): Promise<PrintOutcome> {
    return this.printReceipt(receiptOf(ticket, this.texts, this.context.link.timeZone), jobId);
  }

  /** Prints a receipt on the kiosk's printer: a ticket's, or the technician's sample. */
  async printReceipt(receipt: ReceiptData, jobId: string): Promise<PrintOutcome> {
    const { config } = this.context;
    if (!this.printer || !config.printer) return { ok: false, problem: 'no_printer', message: printerProblemText('no_printer') };
    return this.printBytes(buildReceiptJob(receipt, printerProfileOf(config.printer)), jobId);
  }

  /** Sends a job (a receipt, a procedure slip) to the kiosk's printer. */
  private async printBytes(bytes: Buffer, jobId: string): Promise<PrintOutcome> {
    if (!this.printer || !this.context.config.printer) return { ok: false, problem: 'no_printer', message: printerProblemText('no_printer') };
    const result = await this.printer.print({ id: jobId, bytes });
    return result.ok ? { ok: true } : { ok: false, problem: result.reason, message: printerProblemText(result.reason) };
  }

  private remember(ticket: IssuedTicket): void {
    this.issued.set(ticket.id, ticket);
    if (this.issued.size > REMEMBERED_TICKETS) {
      const oldest = this.issued.keys().next().value;
      if (oldest !== undefined) {
        this.issued.delete(oldest);
        this.reprints.delete(oldest);
      }
    }
  }

  /** A code from the serial scanner or from the renderer's camera. The ID number is never logged. */
  scan(text: string, source: ScanSource = 'screen'): KioskMethods['scan']['result'] {
    if (typeof text !== 'string' || text.length > 4096) throw invalid('text must be the scanned code, up to 4096 characters');
    const { clock, log } = this.context;
    const result = interpretScan(text);
    const receipt = result.kind === 'text' ? receiptOfScan(result.text) : null;
    // A receipt's secret is not for the technician's eyes: the last scan keeps its code only.
    this.lastScan.record(source, receipt ? { kind: 'text', text: `${APPLICATION_PAGE_PREFIX}${receipt.code}/******` } : result);
    if (receipt) {
      log('info', 'application receipt scanned');
      void this.scanReceipt(receipt.code, receipt.secret);
      return { kind: 'application' };
    }
    if (result.kind === 'cccd') {
      this.scanError = null;
      this.citizenScans += 1;
      this.setCitizen({ name: result.fullName, idMasked: maskIdNumber(result.idNumber) }, result.idNumber);
      log('info', 'CCCD scanned');
    } else if (result.kind === 'invalid') {
      this.scanError = result.reason;
      log('info', `unreadable CCCD scan: ${result.reason}`);
      this.clearScanError?.();
      this.clearScanError = clock.schedule(SCAN_ERROR_MS, () => {
        this.scanError = null;
        this.emit('change');
      });
      this.emit('change');
    }
    return { kind: result.kind };
  }

  /**
   * A receipt's QR read: a ready application (9) gets its results ticket, printed; any other shows
   * its status. The outcome goes into the view, for whatever screen is open.
   */
  private async scanReceipt(code: string, secret: string): Promise<void> {
    const seq = ++this.applicationScans;
    let outcome: ApplicationScan;
    try {
      outcome = { seq, kind: 'pickup', ...(await this.services.pickup(code, secret)) };
    } catch (error) {
      const failure = error as { code?: string };
      // Not ready (or no results field): the code and secret were right, so the lookup shows its status.
      const status = failure.code === 'application.not_ready' || failure.code === 'application.pickup_off' ? await this.services.lookup(code, secret).catch(() => null) : null;
      outcome = status ? { seq, kind: 'status', application: status } : { seq, kind: 'error', code: failure.code ?? BRIDGE_ERRORS.internal };
    }
    if (seq !== this.applicationScans) return; // a later scan came meanwhile
    this.applicationScan = outcome;
    this.emit('change');
  }

  setCitizen(citizen: { name: string; idMasked: string } | null, idNumber: string | null = null): void {
    this.forgetCitizen?.();
    this.citizen = citizen;
    this.citizenNumber = citizen ? idNumber : null;
    if (citizen) this.forgetCitizen = this.context.clock.schedule(CITIZEN_TTL_MS, () => this.setCitizen(null));
    this.emit('change');
  }
}
