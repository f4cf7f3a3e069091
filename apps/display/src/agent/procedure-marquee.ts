import { EventEmitter } from 'node:events';
import type { Cancel, QueueEvent, TimerClock } from '@qms/core';
import type { ProcedureDto } from '@qms/protocol';
import type { HubLink } from '@qms/station';

/** Read again this often even without a configuration change (a catalogue changes rarely). */
export const PROCEDURES_REFRESH_MS = 3_600_000;
/** After a failed read (the hub away, the display not yet approved), tried again this soon. */
export const PROCEDURES_RETRY_MS = 30_000;
/** Between the items of the scrolling line. */
export const MARQUEE_SEPARATOR = '   •   ';

type MarqueeProcedure = Pick<ProcedureDto, 'name' | 'serviceId' | 'processingDays' | 'fee' | 'feeAmount'>;

const AMOUNT = new Intl.NumberFormat('vi-VN');

/**
 * One procedure as the hall reads it: "Đăng ký khai sinh – 0 đồng – 1 ngày làm việc". The fee is the
 * amount when it is one, else the fee's words up to the first ";" (the rest is detail for the
 * kiosk); the time is in working days, "trong ngày" for the same day.
 */
export function procedureLine(procedure: MarqueeProcedure): string {
  const fee = procedure.feeAmount !== null ? `${AMOUNT.format(procedure.feeAmount)} đồng` : (procedure.fee.split(';')[0] ?? '').trim();
  const time = procedure.processingDays === 0 ? 'trả kết quả trong ngày' : `${procedure.processingDays} ngày làm việc`;
  return [procedure.name, fee, time].filter(Boolean).join(' – ');
}

/** The centre's own text first, then the procedures of the fields shown (every field when `serviceIds` is null). */
export function marqueeWithProcedures(own: string, procedures: readonly MarqueeProcedure[], serviceIds: ReadonlySet<number> | null): string {
  const lines = procedures.filter((procedure) => serviceIds === null || serviceIds.has(procedure.serviceId)).map(procedureLine);
  return [own.trim(), ...lines].filter(Boolean).join(MARQUEE_SEPARATOR);
}

/**
 * The procedures the hall display's marquee cycles, when the hub's settings (marqueeProcedures)
 * or, when the hub sets nothing, station.json say so. Read from the hub (GET /api/settings, GET
 * /api/procedures) at start, on every configuration change (config.changed: the catalogue, the
 * settings, the counters), and hourly. Until the first read succeeds, the marquee shows only its text.
 */
export class ProcedureMarquee extends EventEmitter<{ change: [] }> {
  /** The active procedures when shown, else empty. */
  procedures: MarqueeProcedure[] = [];
  private cancelTimer: Cancel | undefined;
  private running = false;
  private reading: Promise<void> | undefined;
  private again = false;
  private readonly onEvent = (event: QueueEvent) => {
    if (event.type === 'config.changed') this.refresh();
  };
  /** Read again each time the link comes (back) to ready: a change made while away sends no event. */
  private readonly onLinkChange = () => {
    const ready = this.link.phase === 'ready';
    if (ready && !this.wasReady) this.refresh();
    this.wasReady = ready;
  };
  private wasReady = false;

  constructor(
    private readonly link: HubLink,
    private readonly clock: TimerClock,
    /** station.json's marqueeProcedures: what applies while the hub sets nothing. */
    private readonly ownSetting: boolean,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
  ) {
    super();
  }

  start(): void {
    this.running = true;
    this.link.on('event', this.onEvent);
    this.link.on('change', this.onLinkChange);
    this.onLinkChange();
  }

  stop(): void {
    this.running = false;
    this.link.off('event', this.onEvent);
    this.link.off('change', this.onLinkChange);
    this.cancelTimer?.();
  }

  /** Reads the setting and the catalogue again (a read already under way is followed by one more). */
  refresh(): void {
    if (!this.running) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read().finally(() => {
      this.reading = undefined;
      if (this.again) {
        this.again = false;
        this.refresh();
      }
    });
  }

  private async read(): Promise<void> {
    this.cancelTimer?.();
    let next = PROCEDURES_REFRESH_MS;
    try {
      const settings = (await this.link.client.request<{ marqueeProcedures?: boolean | null }>('GET', '/api/settings')).body;
      const shown = settings.marqueeProcedures ?? this.ownSetting;
      const procedures = shown ? (await this.link.client.request<ProcedureDto[]>('GET', '/api/procedures')).body : [];
      this.take(procedures.map(({ name, serviceId, processingDays, fee, feeAmount }) => ({ name, serviceId, processingDays, fee, feeAmount })));
    } catch (error) {
      next = PROCEDURES_RETRY_MS;
      this.log('warn', `procedures for the marquee: ${(error as Error).message}`);
    }
    if (this.running) this.cancelTimer = this.clock.schedule(next, () => this.refresh(), { background: true });
  }

  private take(procedures: MarqueeProcedure[]): void {
    if (JSON.stringify(procedures) === JSON.stringify(this.procedures)) return;
    this.procedures = procedures;
    this.emit('change');
  }
}
