import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { HubClient } from '@qms/client';
import { applicationPageUrl, type Cancel } from '@qms/core';
import { type ApplicationReceiptData, applicationReceiptBlocks, buildBlocksJob, type PrinterMonitor, printerProblemText } from '@qms/printer';
import type { ApplicationDto, ProcedureDto } from '@qms/protocol';
import { interpretScan, maskIdNumber } from '@qms/scanner';
import { BRIDGE_ERRORS, BridgeFailure, type StationContext, type StationDocuments } from '@qms/station';
import {
  APPLICATION_CHANNELS,
  type ApplicationDeskView,
  COUNTER_ERRORS,
  type DocumentCount,
  type PrintOutcome,
  type ProcedureChoice,
  type ReceiveApplicationParams,
  type ReceivedApplication,
} from '../contract.js';
import { applicationReceiptPdf } from './application-pdf.js';
import type { CounterSettings } from './counter-settings.js';
import { printerProfileOf } from './counter-printer.js';

/** A scanned card is forgotten after this long unused. */
export const SCAN_TTL_MS = 10 * 60_000;
/** Receipts kept in memory to print again or as a PDF: the last few, never on disk. */
export const KEPT_RECEIPTS = 5;
const DEFAULT_CENTRE = 'Bộ phận Một cửa';
const CCCD = /^[0-9]{12}$/;

const invalid = (message: string) => new BridgeFailure(BRIDGE_ERRORS.invalid, message);
const text = (value: unknown, max: number) => (typeof value === 'string' && value.trim().length > 0 && value.trim().length <= max ? value.trim() : null);
const count = (value: unknown) => value === null || (Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 99);

interface Kept {
  receipt: ApplicationReceiptData;
  /** The PDF's name on the station's local server (unguessable), once made. */
  pdf: { name: string; body: Buffer } | null;
}

/**
 * Receiving applications at the counter: the procedures to choose from, the CCCD the counter's
 * scanner reads (the number held here only until the submit, never logged, the screen sees it
 * masked), the receipt at the hub with the clerk's token, and the receipt printed (80 mm) or made
 * into an A4 PDF the screen opens. The last few receipts, with their secrets, are kept in memory only.
 */
export class ApplicationDesk extends EventEmitter<{ change: [] }> {
  private scanned: { seq: number; fullName: string; idNumber: string; address: string } | null = null;
  private scanSeq = 0;
  private scanError: string | null = null;
  private forgetScan: Cancel | undefined;
  private readonly kept = new Map<number, Kept>();

  /** The PDFs, by name, for the station's local server. */
  readonly documents: StationDocuments = {
    get: (name) => {
      for (const { pdf } of this.kept.values()) if (pdf && pdf.name === name) return { type: 'application/pdf', body: pdf.body };
      return null;
    },
  };

  constructor(
    private readonly context: StationContext<CounterSettings>,
    private readonly printer: PrinterMonitor | null,
    private readonly scanner: { on(event: 'scan', listener: (text: string) => void): unknown; start(): void; stop(): Promise<void> } | null,
  ) {
    super();
    printer?.on('health', () => this.emit('change'));
    scanner?.on('scan', (payload) => this.scan(payload));
  }

  start(): void {
    this.printer?.start();
    this.scanner?.start();
  }

  async stop(): Promise<void> {
    this.forget();
    this.printer?.stop();
    await this.scanner?.stop();
  }

  view(): ApplicationDeskView {
    const { scanned } = this;
    return {
      scanned: scanned ? { seq: scanned.seq, fullName: scanned.fullName, idMasked: maskIdNumber(scanned.idNumber), address: scanned.address } : null,
      scanError: this.scanError,
      scanner: this.scanner !== null,
      printer: { configured: this.printer !== null, problem: this.printer?.problem ?? null },
    };
  }

  /** A code from the counter's scanner: a CCCD fills the applicant. The number is never logged. */
  scan(payload: string): void {
    const result = interpretScan(payload);
    if (result.kind === 'cccd') {
      this.scanError = null;
      this.hold({ seq: ++this.scanSeq, fullName: result.fullName, idNumber: result.idNumber, address: result.address });
      this.context.log('info', 'CCCD scanned at the receive screen');
    } else if (result.kind === 'invalid') {
      this.scanError = result.reason;
      this.context.log('info', `unreadable CCCD scan: ${result.reason}`);
      this.emit('change');
    }
  }

  private hold(scanned: ApplicationDesk['scanned']): void {
    this.forgetScan?.();
    this.scanned = scanned;
    if (scanned) this.forgetScan = this.context.clock.schedule(SCAN_TTL_MS, () => this.hold(null), { background: true });
    this.emit('change');
  }

  /** Forgets the scanned card and every kept receipt (the clerk signed out, the station stops). */
  forget(): void {
    this.hold(null);
    this.scanError = null;
    this.kept.clear();
  }

  clearScan(): void {
    this.scanError = null;
    this.hold(null);
  }

  async procedures(client: HubClient, params: { q?: string; serviceId?: number }): Promise<{ procedures: ProcedureChoice[] }> {
    const query = new URLSearchParams();
    if (params.q !== undefined) {
      if (typeof params.q !== 'string' || params.q.length > 200) throw invalid('q must be up to 200 characters');
      if (params.q.trim()) query.set('q', params.q.trim());
    }
    if (params.serviceId !== undefined) {
      if (!Number.isInteger(params.serviceId) || params.serviceId < 1) throw invalid('serviceId must be a positive whole number');
      query.set('serviceId', String(params.serviceId));
    }
    const found = await client.request<ProcedureDto[]>('GET', `/api/procedures${query.size > 0 ? `?${query}` : ''}`);
    return {
      procedures: found.body.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        serviceId: p.serviceId,
        processingDays: p.processingDays,
        fee: p.fee,
        documents: p.documents,
      })),
    };
  }

  /** The body the hub gets, checked here first so a slip is named on the screen without a round trip. */
  private bodyOf(params: ReceiveApplicationParams): Record<string, unknown> {
    if (!params || typeof params !== 'object') throw invalid('give the procedure, the applicant and the documents');
    if (!Number.isInteger(params.procedureId) || params.procedureId < 1) throw invalid('choose the procedure');
    const applicant = params.applicant ?? {};
    const fullName = text(applicant.fullName, 120);
    if (!fullName) throw invalid("the applicant's full name is needed (up to 120 characters)");
    const phone = applicant.phone === undefined || applicant.phone === '' ? null : text(applicant.phone, 32);
    if (phone === null && applicant.phone) throw invalid('the phone number is up to 32 characters');
    const address = applicant.address === undefined || applicant.address === '' ? null : text(applicant.address, 300);
    if (address === null && applicant.address) throw invalid('the address is up to 300 characters');
    let idNumber: string | null = null;
    if (params.useScannedId) {
      if (!this.scanned) throw new BridgeFailure(COUNTER_ERRORS.noScan, 'no card was scanned (or it was forgotten): scan it again or type the number');
      idNumber = this.scanned.idNumber;
    } else if (applicant.idNumber !== undefined && applicant.idNumber !== '') {
      if (typeof applicant.idNumber !== 'string' || !CCCD.test(applicant.idNumber.replace(/\s/g, ''))) throw invalid('the CCCD number is 12 digits');
      idNumber = applicant.idNumber.replace(/\s/g, '');
    }
    if (!APPLICATION_CHANNELS.includes(params.channel)) throw invalid(`channel must be one of ${APPLICATION_CHANNELS.join(', ')}`);
    const documents = Array.isArray(params.documents) ? params.documents : [];
    if (documents.length > 50 || documents.some((d: DocumentCount) => !text(d?.name, 300) || !count(d.original) || !count(d.copies))) {
      throw invalid('each document needs its name and counts of 0 to 99 (or none)');
    }
    return {
      procedureId: params.procedureId,
      applicant: { fullName, ...(phone ? { phone } : {}), ...(address ? { address } : {}), ...(idNumber ? { idNumber } : {}) },
      documents: documents.map((d) => ({ name: d.name.trim(), original: d.original, copies: d.copies })),
      channel: params.channel,
    };
  }

  /** Sends the application to the hub; the scanned number is forgotten once sent, whatever the answer. */
  async receive(client: HubClient, clerkName: string, params: ReceiveApplicationParams): Promise<ReceivedApplication> {
    const body = this.bodyOf(params);
    let answer: ApplicationDto & { secret: string };
    try {
      answer = (await client.request<ApplicationDto & { secret: string }>('POST', '/api/applications', body)).body;
    } finally {
      if (params.useScannedId) this.hold(null);
    }
    const { config, link } = this.context;
    this.keep(answer.id, {
      centreName: link.centre.centreName ?? DEFAULT_CENTRE,
      code: answer.code,
      secret: answer.secret,
      applicant: answer.applicant,
      procedure: { code: answer.procedure.code, name: answer.procedure.name },
      documents: answer.documents,
      channel: answer.channel,
      receivedAt: answer.receivedAt,
      dueAt: answer.dueAt,
      timeZone: link.timeZone,
      receivedBy: clerkName,
      pageUrl: applicationPageUrl(config.hubUrl, answer.code, answer.secret),
      ...(link.centre.hotline ? { hotline: link.centre.hotline } : {}),
    });
    this.context.log('info', `application ${answer.code} received`);
    return {
      id: answer.id,
      code: answer.code,
      secret: answer.secret,
      receivedAt: answer.receivedAt,
      dueAt: answer.dueAt,
      procedure: { code: answer.procedure.code, name: answer.procedure.name },
      applicant: { fullName: answer.applicant.fullName, idMasked: answer.applicant.idMasked },
    };
  }

  private keep(id: number, receipt: ApplicationReceiptData): void {
    this.kept.set(id, { receipt, pdf: null });
    while (this.kept.size > KEPT_RECEIPTS) this.kept.delete(this.kept.keys().next().value as number);
  }

  private keptOf(applicationId: number): Kept {
    if (!Number.isInteger(applicationId)) throw invalid('applicationId must be a whole number');
    const kept = this.kept.get(applicationId);
    if (!kept) throw new BridgeFailure(COUNTER_ERRORS.receiptGone, `the receipt of application ${applicationId} is no longer kept at this counter (only the last ${KEPT_RECEIPTS} are)`);
    return kept;
  }

  async print(applicationId: number): Promise<PrintOutcome> {
    const { receipt } = this.keptOf(applicationId);
    const { config } = this.context;
    if (!this.printer || !config.printer) return { ok: false, problem: 'no_printer', message: printerProblemText('no_printer') };
    const bytes = buildBlocksJob(applicationReceiptBlocks(receipt), printerProfileOf(config.printer));
    const result = await this.printer.print({ id: `application-${applicationId}-${this.context.clock.now().getTime()}`, bytes });
    return result.ok ? { ok: true } : { ok: false, problem: result.reason, message: printerProblemText(result.reason) };
  }

  async pdf(applicationId: number): Promise<{ url: string }> {
    const kept = this.keptOf(applicationId);
    if (!kept.pdf) {
      const body = await applicationReceiptPdf(kept.receipt, this.context.clock.now());
      kept.pdf = { name: `${randomBytes(12).toString('hex')}.pdf`, body };
    }
    return { url: `documents/${kept.pdf.name}` };
  }
}
