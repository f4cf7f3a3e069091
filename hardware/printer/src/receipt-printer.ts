import { ConnectionError, openConnection, type PrinterConnection } from './connection/connection.js';
import { describeInterface, parsePrinterInterface, type PrinterInterface } from './connection/interface-spec.js';
import { isStatusByte, notReadyReason, parseStatus, type PrinterStatus, STATUS_REQUESTS } from './status.js';

import { type FailureReason, PRINTER_PROBLEM_TEXT } from './problems.js';

export type PrintResult =
  { ok: true; jobId: string; duplicate: boolean; status: PrinterStatus; ms: number } | { ok: false; jobId: string; reason: FailureReason; message: string; status?: PrinterStatus };

const message = (reason: FailureReason) => PRINTER_PROBLEM_TEXT[reason].en.replace(/^The/, 'the');

export interface ReceiptPrinterOptions {
  /** For connecting and for each status answer. */
  timeoutMs?: number;
  /** Finished job ids remembered, so a retried job is not printed again. */
  rememberJobs?: number;
}

/**
 * One receipt printer. A job is sent only when the printer says it can print it (DLE EOT before),
 * and counts as done only once the printer answers after the job's bytes (it processes commands
 * in order, so it has taken the whole job). Nothing is queued to print later: a job fails now,
 * with a reason, and a retry of a job that was done returns done without printing it again.
 */
export class ReceiptPrinter {
  readonly target: PrinterInterface;
  private readonly done = new Set<string>();

  constructor(
    spec: string,
    private readonly options: ReceiptPrinterOptions = {},
  ) {
    this.target = parsePrinterInterface(spec);
  }

  get description(): string {
    return describeInterface(this.target);
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 2_000;
  }

  private async query(connection: PrinterConnection): Promise<PrinterStatus> {
    const answer = async (request: Buffer) => {
      const [byte] = await connection.request(request, 1, this.timeoutMs);
      if (byte === undefined || !isStatusByte(byte)) throw new ConnectionError('timeout', `unexpected status answer 0x${(byte ?? 0).toString(16)}`);
      return byte;
    };
    const printer = await answer(STATUS_REQUESTS.printer);
    const offline = await answer(STATUS_REQUESTS.offline);
    const error = await answer(STATUS_REQUESTS.error);
    const paper = await answer(STATUS_REQUESTS.paper);
    return parseStatus({ printer, offline, error, paper });
  }

  async status(): Promise<PrinterStatus> {
    const connection = await openConnection(this.target, this.timeoutMs);
    try {
      return await this.query(connection);
    } finally {
      await connection.close();
    }
  }

  async print(job: { id: string; bytes: Buffer }): Promise<PrintResult> {
    const started = performance.now();
    if (this.done.has(job.id)) {
      return { ok: true, jobId: job.id, duplicate: true, status: { online: true, paper: 'ok', coverOpen: false, error: false }, ms: 0 };
    }
    let connection: PrinterConnection | undefined;
    try {
      connection = await openConnection(this.target, this.timeoutMs);
      const before = await this.query(connection);
      const blocked = notReadyReason(before);
      if (blocked) return { ok: false, jobId: job.id, reason: blocked, message: message(blocked), status: before };
      await connection.write(job.bytes);
      const after = await this.query(connection);
      if (after.paper === 'out') {
        return { ok: false, jobId: job.id, reason: 'paper_out_while_printing', message: message('paper_out_while_printing'), status: after };
      }
      this.remember(job.id);
      return { ok: true, jobId: job.id, duplicate: false, status: after, ms: performance.now() - started };
    } catch (error) {
      if (error instanceof ConnectionError) return { ok: false, jobId: job.id, reason: error.reason, message: `${message(error.reason)}: ${error.message}` };
      throw error;
    } finally {
      await connection?.close();
    }
  }

  private remember(id: string): void {
    this.done.add(id);
    if (this.done.size > (this.options.rememberJobs ?? 1_000)) {
      const oldest = this.done.values().next().value;
      if (oldest !== undefined) this.done.delete(oldest);
    }
  }
}
