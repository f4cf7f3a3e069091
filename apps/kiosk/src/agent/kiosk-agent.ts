import { EventEmitter } from 'node:events';
import { HubError } from '@qms/client';
import { type Cancel, PRIORITIES } from '@qms/core';
import { buildReceiptJob, type PrinterMonitor, printerProblemText, type ReceiptData } from '@qms/printer';
import { interpretScan, maskIdNumber } from '@qms/scanner';
import { BRIDGE_ERRORS, BridgeFailure, type BridgeHandlers, type StationAgent, type StationCommandHandlers, type StationContext } from '@qms/station';
import { type IssuedTicket, type IssueParams, type IssueResult, KIOSK_ERRORS, type KioskMethods, type KioskOwnView, type PrintOutcome } from '../contract.js';
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

/**
 * The kiosk's use cases on the Node side: take a number (issued by the hub with the press's
 * idempotency key, then printed), reprint, read CCCD scans, and the kiosk's part of the view.
 */
export class KioskAgent extends EventEmitter<{ change: [] }> implements StationAgent<KioskOwnView, KioskMethods> {
  private citizen: { name: string; idMasked: string } | null = null;
  private scanError: string | null = null;
  private forgetCitizen: Cancel | undefined;
  private clearScanError: Cancel | undefined;
  private readonly issued = new Map<number, IssuedTicket>();
  private readonly reprints = new Map<number, number>();

  readonly handlers: BridgeHandlers<KioskMethods> = {
    issue: (params) => this.issue(params),
    reprint: (params) => this.reprint(params.ticketId),
    scan: (params) => this.scan(params.text, 'screen'),
    clearCitizen: () => (this.setCitizen(null), null),
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
    const bytes = buildReceiptJob(receipt, printerProfileOf(config.printer));
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
    this.lastScan.record(source, result);
    if (result.kind === 'cccd') {
      this.scanError = null;
      this.setCitizen({ name: result.fullName, idMasked: maskIdNumber(result.idNumber) });
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

  setCitizen(citizen: { name: string; idMasked: string } | null): void {
    this.forgetCitizen?.();
    this.citizen = citizen;
    if (citizen) this.forgetCitizen = this.context.clock.schedule(CITIZEN_TTL_MS, () => this.setCitizen(null));
    this.emit('change');
  }
}
