import { EventEmitter } from 'node:events';
import { type Cancel, type DeviceHealth, type DeviceHealthSource, systemClock, type TimerClock } from '@qms/core';
import { type FailureReason, PRINTER_PROBLEM_TEXT } from './problems.js';
import type { PrintResult, ReceiptPrinter } from './receipt-printer.js';
import { notReadyReason } from './status.js';

export interface PrinterMonitorOptions {
  clock?: TimerClock;
  /** How often to look while the printer has a problem (to notice the fix), and while it is fine. */
  problemCheckMs?: number;
  okCheckMs?: number;
  log?: (level: 'info' | 'warn', message: string) => void;
}

export interface PrinterMonitorEvents {
  health: [health: DeviceHealth];
}

/**
 * One receipt printer, watched: every job and status request goes through one queue (a receipt
 * printer takes one connection at a time), its known problem is kept, and each change is a
 * 'health' event (connected, or a problem with the printer's reason; a printer that cannot be
 * reached is disconnected). It looks again soon while there is a problem, rarely otherwise.
 */
export class PrinterMonitor extends EventEmitter<PrinterMonitorEvents> implements DeviceHealthSource {
  problem: FailureReason | null = null;
  /** False until the first status answer (or its absence) is known. */
  checked = false;
  private queue: Promise<unknown> = Promise.resolve();
  private cancelTimer: Cancel | undefined;
  private stopped = false;
  private readonly clock: TimerClock;

  constructor(
    readonly printer: ReceiptPrinter,
    private readonly options: PrinterMonitorOptions = {},
  ) {
    super();
    this.clock = options.clock ?? systemClock;
  }

  get health(): DeviceHealth {
    if (!this.checked) return { state: 'disconnected', detail: 'not checked yet' };
    if (this.problem === null) return { state: 'connected' };
    if (this.problem === 'unreachable' || this.problem === 'timeout') return { state: 'disconnected', detail: PRINTER_PROBLEM_TEXT[this.problem].en };
    return { state: 'problem', code: this.problem, detail: PRINTER_PROBLEM_TEXT[this.problem].en };
  }

  start(): void {
    this.stopped = false;
    void this.check();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
  }

  private schedule(): void {
    this.cancelTimer?.();
    if (this.stopped) return;
    const ms = this.problem ? (this.options.problemCheckMs ?? 3_000) : (this.options.okCheckMs ?? 30_000);
    this.cancelTimer = this.clock.schedule(ms, () => void this.check(), { background: true });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Asks the printer for its state now. */
  async check(): Promise<void> {
    await this.exclusive(async () => {
      try {
        this.setProblem(notReadyReason(await this.printer.status()));
      } catch (error) {
        this.options.log?.('warn', `printer status: ${(error as Error).message}`);
        this.setProblem('unreachable');
      }
    });
    this.schedule();
  }

  /** Prints one job through the queue; the outcome updates the known problem. */
  async print(job: { id: string; bytes: Buffer }): Promise<PrintResult> {
    const result = await this.exclusive(() => this.printer.print(job));
    if (result.ok) this.setProblem(result.status.paper === 'out' ? 'paper_out' : null);
    else {
      this.options.log?.('warn', `printing ${job.id} failed: ${result.reason}: ${result.message}`);
      this.setProblem(result.reason);
    }
    this.schedule();
    return result;
  }

  private setProblem(problem: FailureReason | null): void {
    const first = !this.checked;
    this.checked = true;
    if (problem === this.problem && !first) return;
    if (problem !== this.problem) this.options.log?.(problem ? 'warn' : 'info', problem ? `printer problem: ${problem}` : 'printer ready again');
    this.problem = problem;
    this.emit('health', this.health);
  }
}
