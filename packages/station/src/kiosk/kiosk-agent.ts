import { EventEmitter } from 'node:events';
import { HubError } from '@qms/client';
import type { ReceiptPrinter } from '@qms/printer';
import { ticketPageUrl } from '@qms/core';
import { interpretScan, maskIdNumber, type SerialScanner } from '@qms/scanner';
import type { BridgeMethods, IssuedTicket, IssueParams, IssueResult, KioskView, PrintOutcome, Priority } from '../bridge/contract.js';
import { BridgeFailure } from '../bridge/bridge-failure.js';
import type { HubLink } from '../hub-link.js';
import type { StationConfig } from '../station-config.js';
import { PrinterWatch } from './printer-watch.js';
import { fieldsOf, receiptOf } from './kiosk-view.js';

const PRIORITIES: readonly Priority[] = ['normal', 'elderly', 'disabled', 'pregnant', 'child'];
const KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;
/** A scanned identity is forgotten after this long without a ticket. */
const CITIZEN_TTL_MS = 90_000;
/** How long a press keeps trying while the hub cannot be reached. */
const ISSUE_RETRY_MS = 60_000;
/** How long "the card could not be read" stays on screen. */
const SCAN_ERROR_MS = 6_000;
const REMEMBERED_TICKETS = 100;

export interface KioskAgentEvents {
  view: [view: KioskView];
}

export interface KioskAgentOptions {
  config: StationConfig;
  link: HubLink;
  printer: ReceiptPrinter | null;
  scanner: SerialScanner | null;
  log?: (level: 'info' | 'warn', message: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The kiosk's use cases on the Node side: take a number (issued by the hub with the press's
 * idempotency key, then printed), reprint, read CCCD scans, and the picture the screen shows.
 */
export class KioskAgent extends EventEmitter<KioskAgentEvents> {
  private citizen: { name: string; idMasked: string } | null = null;
  private scanError: string | null = null;
  private citizenTimer: NodeJS.Timeout | undefined;
  private scanErrorTimer: NodeJS.Timeout | undefined;
  private readonly issued = new Map<number, IssuedTicket>();
  private readonly reprints = new Map<number, number>();
  readonly printerWatch: PrinterWatch | null;
  private viewTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: KioskAgentOptions) {
    super();
    const { link, printer, scanner } = options;
    this.printerWatch = printer ? new PrinterWatch(printer, link, options.log) : null;
    this.printerWatch?.on('change', () => this.publish());
    link.on('change', () => this.publish());
    scanner?.on('scan', (text) => this.scan(text));
    scanner?.on('status', (status, detail) => options.log?.(status === 'connected' ? 'info' : 'warn', `scanner ${status}: ${detail}`));
  }

  start(): void {
    this.printerWatch?.start();
    this.options.scanner?.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.citizenTimer);
    clearTimeout(this.scanErrorTimer);
    clearTimeout(this.viewTimer);
    this.printerWatch?.stop();
    await this.options.scanner?.stop();
  }

  view(): KioskView {
    const { config, link } = this.options;
    const problem = this.printerWatch?.problem ?? null;
    return {
      phase: link.phase === 'ready' && !link.state ? 'starting' : link.phase,
      pairingCode: link.pairingCode,
      hubUrl: config.hubUrl,
      stationName: config.name,
      centreName: config.kiosk.centreName,
      fields: link.state ? fieldsOf(link.state) : [],
      printer: { configured: this.options.printer !== null, problem },
      issuing: !(problem && config.kiosk.onPrinterProblem === 'stop'),
      onPrinterProblem: config.kiosk.onPrinterProblem,
      citizen: this.citizen,
      scanError: this.scanError,
      cameraScan: config.kiosk.cameraScan,
      confirmSeconds: config.kiosk.confirmSeconds,
      timeZone: link.timeZone,
    };
  }

  /** Tells the renderer, at most once per tick however many things changed together. */
  private publish(): void {
    if (this.viewTimer) return;
    this.viewTimer = setTimeout(() => {
      this.viewTimer = undefined;
      this.emit('view', this.view());
    }, 0);
  }

  async issue(params: IssueParams): Promise<IssueResult> {
    const { config, link } = this.options;
    if (!Number.isInteger(params.serviceId) || params.serviceId < 1) throw new BridgeFailure('request.invalid', 'serviceId must be a positive whole number');
    if (!PRIORITIES.includes(params.priority)) throw new BridgeFailure('request.invalid', `priority must be one of ${PRIORITIES.join(', ')}`);
    if (typeof params.key !== 'string' || !KEY_PATTERN.test(params.key)) throw new BridgeFailure('request.invalid', 'key must be 8 to 128 letters, digits or . _ : -');
    if (this.printerWatch?.problem && config.kiosk.onPrinterProblem === 'stop') {
      // The paper may have been refilled since the last look.
      await this.printerWatch.check();
      if (this.printerWatch.problem) throw new BridgeFailure('printer.unavailable', `the printer cannot print (${this.printerWatch.problem}); this kiosk stops issuing until it is fixed`);
    }
    const citizen = this.citizen;
    const answer = await this.issueAtHub(params, citizen);
    if (citizen) this.setCitizen(null);
    const state = link.state;
    const service = state?.services.find((s) => s.id === answer.serviceId);
    const ticket: IssuedTicket = {
      id: answer.id,
      label: answer.label,
      serviceId: answer.serviceId,
      serviceName: service?.name ?? '',
      serviceNameEn: service?.nameEn ?? '',
      priority: answer.priority,
      issuedAt: answer.issuedAt,
      ahead: answer.ahead ?? 0,
      estimatedWaitSeconds: answer.estimatedWaitSeconds ?? null,
      counters: (state?.counters ?? []).filter((c) => c.serviceIds.includes(answer.serviceId)).map((c) => c.number),
      trackingUrl: ticketPageUrl(config.hubUrl, answer.id, answer.label),
      citizen: answer.citizen ?? null,
    };
    this.remember(ticket);
    link.scheduleRefresh(0);
    const print = await this.print(ticket, `ticket-${ticket.id}`);
    return { ticket, print };
  }

  /** The hub's answer to this press, trying again while the hub cannot be reached (same key: one number). */
  private async issueAtHub(params: IssueParams, citizen: { name: string; idMasked: string } | null) {
    const { link } = this.options;
    const deadline = Date.now() + ISSUE_RETRY_MS;
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
        if (Date.now() >= deadline) throw new BridgeFailure('hub.unreachable', `the hub at ${link.client.baseUrl} did not answer: ${(error as Error).message}`);
        this.options.log?.('warn', `issue: hub not answering (${(error as Error).message}); trying again with the same key`);
        await sleep(waitMs);
        waitMs = Math.min(waitMs * 2, 2_000);
      }
    }
  }

  async reprint(ticketId: number): Promise<PrintOutcome> {
    if (!Number.isInteger(ticketId)) throw new BridgeFailure('request.invalid', 'ticketId must be a whole number');
    const ticket = this.issued.get(ticketId);
    if (!ticket) throw new BridgeFailure('ticket.not_found', `ticket ${ticketId} was not issued at this kiosk recently`);
    const count = (this.reprints.get(ticketId) ?? 0) + 1;
    this.reprints.set(ticketId, count);
    return this.print(ticket, `ticket-${ticketId}-reprint-${count}`);
  }

  private async print(ticket: IssuedTicket, jobId: string): Promise<PrintOutcome> {
    const { config } = this.options;
    if (!this.printerWatch || !config.printer) return { ok: false, problem: 'no_printer', message: 'this kiosk has no printer configured' };
    return this.printerWatch.print(jobId, receiptOf(ticket, config, this.options.link.timeZone), config.printer);
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
  scan(text: string): BridgeMethods['scan']['result'] {
    if (typeof text !== 'string' || text.length > 4096) throw new BridgeFailure('request.invalid', 'text must be the scanned code, up to 4096 characters');
    const result = interpretScan(text);
    if (result.kind === 'cccd') {
      this.scanError = null;
      this.setCitizen({ name: result.fullName, idMasked: maskIdNumber(result.idNumber) });
      this.options.log?.('info', 'CCCD scanned');
    } else if (result.kind === 'invalid') {
      this.scanError = result.reason;
      this.options.log?.('info', `unreadable CCCD scan: ${result.reason}`);
      clearTimeout(this.scanErrorTimer);
      this.scanErrorTimer = setTimeout(() => {
        this.scanError = null;
        this.publish();
      }, SCAN_ERROR_MS);
      this.publish();
    }
    return { kind: result.kind };
  }

  setCitizen(citizen: { name: string; idMasked: string } | null): void {
    clearTimeout(this.citizenTimer);
    this.citizen = citizen;
    if (citizen) this.citizenTimer = setTimeout(() => this.setCitizen(null), CITIZEN_TTL_MS);
    this.publish();
  }
}
