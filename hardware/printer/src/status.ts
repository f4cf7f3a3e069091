import type { FailureReason } from './problems.js';

/**
 * Real-time status, DLE EOT n (10 04 n): the printer answers one byte at once, even while
 * offline. n = 1 printer, 2 offline cause, 3 error cause, 4 paper roll sensor.
 */
export const STATUS_REQUESTS = {
  printer: Buffer.from([0x10, 0x04, 0x01]),
  offline: Buffer.from([0x10, 0x04, 0x02]),
  error: Buffer.from([0x10, 0x04, 0x03]),
  paper: Buffer.from([0x10, 0x04, 0x04]),
};

export type PaperState = 'ok' | 'near_end' | 'out';

export interface PrinterStatus {
  online: boolean;
  paper: PaperState;
  coverOpen: boolean;
  /** A cutter jam or another error that stops printing. */
  error: boolean;
}

/** Every answer has bit 1 and bit 4 set and bits 0 and 7 clear. */
export function isStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function parseStatus(bytes: { printer: number; offline: number; error: number; paper: number }): PrinterStatus {
  const paperOut = (bytes.paper & 0x60) !== 0 || (bytes.offline & 0x20) !== 0;
  const nearEnd = (bytes.paper & 0x0c) !== 0;
  return {
    online: (bytes.printer & 0x08) === 0,
    paper: paperOut ? 'out' : nearEnd ? 'near_end' : 'ok',
    coverOpen: (bytes.offline & 0x04) !== 0,
    error: (bytes.offline & 0x40) !== 0 || (bytes.error & 0x68) !== 0,
  };
}

/** The bytes a printer in this state answers (for the virtual printer). */
export function statusBytes(status: PrinterStatus): { printer: number; offline: number; error: number; paper: number } {
  const offline = !status.online || status.coverOpen || status.paper === 'out' || status.error;
  return {
    printer: 0x12 | (offline ? 0x08 : 0),
    offline: 0x12 | (status.coverOpen ? 0x04 : 0) | (status.paper === 'out' ? 0x20 : 0) | (status.error ? 0x40 : 0),
    error: 0x12 | (status.error ? 0x08 : 0),
    paper: 0x12 | (status.paper === 'near_end' ? 0x0c : 0) | (status.paper === 'out' ? 0x6c : 0),
  };
}

/** Why a job cannot print now, or null when it can. */
export function notReadyReason(status: PrinterStatus): FailureReason | null {
  if (status.paper === 'out') return 'paper_out';
  if (status.coverOpen) return 'cover_open';
  if (status.error) return 'printer_error';
  if (!status.online) return 'offline';
  return null;
}
