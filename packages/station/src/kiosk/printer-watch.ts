import { EventEmitter } from 'node:events';
import { buildReceiptJob, notReadyReason, PAPER_WIDTH_DOTS, type ReceiptData, type ReceiptPrinter } from '@qms/printer';
import type { PrinterProblem, PrintOutcome } from '../bridge/contract.js';
import type { HubLink } from '../hub-link.js';
import type { PrinterSettings } from '../station-config.js';

const MESSAGES: Record<PrinterProblem, string> = {
  paper_out: 'Máy in hết giấy / The printer is out of paper',
  cover_open: 'Nắp máy in đang mở / The printer cover is open',
  offline: 'Máy in không sẵn sàng / The printer is offline',
  printer_error: 'Máy in báo lỗi / The printer reports an error',
  unreachable: 'Không kết nối được máy in / The printer cannot be reached',
  timeout: 'Máy in không trả lời / The printer does not answer',
  paper_out_while_printing: 'Máy in hết giấy khi đang in / Paper ran out while printing',
};

/**
 * One kiosk printer, watched: every job and status request goes through one queue (a receipt
 * printer takes one connection at a time), the known problem is kept for the screen, and each
 * change is reported to the hub as a device alert for the technician (sent again once the hub
 * can be reached, if it could not be then).
 */
export class PrinterWatch extends EventEmitter<{ change: [] }> {
  problem: PrinterProblem | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** What the hub was last told; unknown at start (an alert of an earlier run may still be open there). */
  private reported: PrinterProblem | null | 'unknown' = 'unknown';
  private checked = false;
  private stopped = false;

  constructor(
    private readonly printer: ReceiptPrinter,
    private readonly link: HubLink,
    private readonly log?: (level: 'info' | 'warn', message: string) => void,
  ) {
    super();
    link.on('change', () => {
      if (link.phase === 'ready' && this.checked && this.reported !== this.problem) void this.report();
    });
  }

  start(): void {
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** Looks again soon while there is a problem (to notice the fix), rarely otherwise. */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), this.problem ? 3_000 : 30_000);
    this.timer.unref();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  async check(): Promise<void> {
    await this.exclusive(async () => {
      try {
        const status = await this.printer.status();
        this.setProblem(notReadyReason(status) as PrinterProblem | null);
      } catch (error) {
        this.log?.('warn', `printer status: ${(error as Error).message}`);
        this.setProblem('unreachable');
      }
      if (!this.checked) {
        this.checked = true;
        void this.report();
      }
    });
    this.schedule();
  }

  async print(jobId: string, data: ReceiptData, settings: PrinterSettings): Promise<PrintOutcome> {
    const bytes = buildReceiptJob(data, { type: settings.type, widthDots: PAPER_WIDTH_DOTS[settings.width], encoding: settings.encoding });
    const result = await this.exclusive(() => this.printer.print({ id: jobId, bytes }));
    if (result.ok) {
      this.setProblem(result.status.paper === 'out' ? 'paper_out' : null);
      this.schedule();
      return { ok: true };
    }
    this.log?.('warn', `printing ${jobId} failed: ${result.reason}: ${result.message}`);
    this.setProblem(result.reason);
    this.schedule();
    return { ok: false, problem: result.reason, message: MESSAGES[result.reason] };
  }

  private setProblem(problem: PrinterProblem | null): void {
    if (problem === this.problem) return;
    this.log?.(problem ? 'warn' : 'info', problem ? `printer problem: ${problem}` : 'printer ready again');
    this.problem = problem;
    this.emit('change');
    void this.report();
  }

  private async report(): Promise<void> {
    const problem = this.problem;
    const previous = this.reported;
    if (problem === previous || this.link.phase !== 'ready' || !this.checked) return;
    try {
      if (problem) await this.link.client.reportAlert({ source: 'printer', code: problem, message: MESSAGES[problem], active: true });
      // At start the hub may still hold an alert from before a restart: clear it too.
      else await this.link.client.reportAlert({ source: 'printer', code: previous === 'unknown' || previous === null ? 'ready' : previous, message: 'ready again', active: false });
      this.reported = problem;
    } catch (error) {
      this.log?.('warn', `printer alert not sent yet: ${(error as Error).message}`);
    }
  }
}
