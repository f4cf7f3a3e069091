import { EventEmitter } from 'node:events';
import type { DeviceHealth, DeviceHealthSource } from '@qms/core';
import { type PortStatus, ReconnectingPort } from '@qms/serial';

/**
 * How the scanner marks the end of a code: a line ending (most scanners send CR or CR LF), or a
 * pause between bytes (scanners configured without a suffix).
 */
export type Framing = { type: 'line'; delimiter?: string } | { type: 'idle'; timeoutMs?: number };

export interface SerialScannerOptions {
  path: string;
  baudRate?: number;
  framing?: Framing;
  /** How often to try again while the scanner is unplugged. */
  reconnectMs?: number;
}

export interface SerialScannerEvents {
  scan: [payload: string];
  status: [status: PortStatus, detail: string];
  health: [health: DeviceHealth];
}

/**
 * A serial or USB-CDC barcode/QR scanner. Emits 'scan' with each code as text (UTF-8, the
 * Vietnamese on a CCCD included) and 'status' when it is plugged in or out; it reconnects by
 * itself, so unplugging and plugging back needs no restart.
 */
export class SerialScanner extends EventEmitter<SerialScannerEvents> implements DeviceHealthSource {
  private readonly port: ReconnectingPort;
  private pending = Buffer.alloc(0);
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SerialScannerOptions) {
    super();
    this.port = new ReconnectingPort(options);
    this.port.on('status', (status, detail) => {
      if (status === 'disconnected') this.pending = Buffer.alloc(0);
      this.emit('status', status, detail);
    });
    this.port.on('health', (health) => this.emit('health', health));
    this.port.on('data', (chunk) => this.receive(chunk));
  }

  get health(): DeviceHealth {
    return this.port.health;
  }

  get connected(): boolean {
    return this.port.connected;
  }

  start(): void {
    this.port.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.port.stop();
  }

  private receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    const framing = this.options.framing ?? { type: 'line' };
    if (framing.type === 'idle') {
      clearTimeout(this.idleTimer);
      this.idleTimer = setTimeout(() => this.emitCode(this.take(this.pending.length)), framing.timeoutMs ?? 50);
      return;
    }
    // Any of CR, LF or the configured delimiter ends a code; CR LF counts once.
    const delimiter = Buffer.from(framing.delimiter ?? '\r');
    for (;;) {
      const ends = [this.pending.indexOf(delimiter), this.pending.indexOf(0x0a), this.pending.indexOf(0x0d)].filter((index) => index >= 0);
      if (ends.length === 0) return;
      const end = Math.min(...ends);
      const code = this.take(end);
      this.pending = this.pending.subarray(1);
      this.emitCode(code);
    }
  }

  private take(length: number): Buffer {
    const code = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return code;
  }

  private emitCode(bytes: Buffer): void {
    const text = new TextDecoder().decode(bytes).replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (text !== '') this.emit('scan', text);
  }
}
