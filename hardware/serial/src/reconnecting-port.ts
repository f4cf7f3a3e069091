import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type { DeviceHealth, DeviceHealthSource } from '@qms/core';
import { SerialPort } from 'serialport';

export interface ReconnectingPortOptions {
  path: string;
  baudRate?: number;
  /** How often to try again while the device is unplugged. */
  reconnectMs?: number;
  /** How often to look whether the device file is still there while connected (0: never). */
  presenceCheckMs?: number;
}

export type PortStatus = 'connected' | 'disconnected';

export interface ReconnectingPortEvents {
  data: [chunk: Buffer];
  status: [status: PortStatus, detail: string];
  /** The same change as a device's health (the first outcome of opening is reported too). */
  health: [health: DeviceHealth];
}

/**
 * A serial port (RS-232, RS-485 adapter, USB-CDC) that opens itself again after the device is
 * unplugged and plugged back, reporting each change as a 'status' event and as its 'health'.
 * Scanners and signage buses are built on it.
 */
export class ReconnectingPort extends EventEmitter<ReconnectingPortEvents> implements DeviceHealthSource {
  private port: SerialPort | undefined;
  private retry: NodeJS.Timeout | undefined;
  private presence: NodeJS.Timeout | undefined;
  private stopped = true;
  private status: PortStatus = 'disconnected';
  private detail = 'not opened yet';
  private known = false;

  constructor(private readonly options: ReconnectingPortOptions) {
    super();
  }

  get connected(): boolean {
    return this.status === 'connected';
  }

  get health(): DeviceHealth {
    return this.status === 'connected' ? { state: 'connected' } : { state: 'disconnected', detail: this.detail };
  }

  get path(): string {
    return this.options.path;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.presence);
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /** Writes bytes now; false when the device is not connected. */
  write(bytes: Buffer): boolean {
    const port = this.port;
    if (!port?.isOpen) return false;
    port.write(bytes);
    return true;
  }

  private setStatus(status: PortStatus, detail: string): void {
    const changed = status !== this.status;
    const first = !this.known;
    this.known = true;
    this.detail = detail;
    if (!changed && !first) return;
    this.status = status;
    if (changed) this.emit('status', status, detail);
    this.emit('health', this.health);
  }

  private open(): void {
    if (this.stopped) return;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    this.port = port;
    port.on('data', (chunk: Buffer) => this.emit('data', chunk));
    port.on('close', () => this.lost(port, 'the port closed (unplugged?)'));
    port.on('error', (error) => this.lost(port, error.message));
    port.open((error) => {
      if (error) return this.lost(port, error.message);
      this.setStatus('connected', this.options.path);
      this.watchPresence(port);
    });
  }

  /**
   * A device file that disappears (a USB adapter unplugged, a pseudo-terminal whose other end
   * closed) is a lost device even when the driver's read never fails: some drivers stay silent.
   */
  private watchPresence(port: SerialPort): void {
    clearInterval(this.presence);
    const every = this.options.presenceCheckMs ?? 1_000;
    if (every <= 0 || !this.options.path.startsWith('/')) return;
    this.presence = setInterval(() => {
      if (port !== this.port) return clearInterval(this.presence);
      if (!existsSync(this.options.path)) this.lost(port, `${this.options.path} is gone (unplugged?)`);
    }, every);
    this.presence.unref();
  }

  private lost(port: SerialPort, detail: string): void {
    if (port !== this.port) return; // an older port's late event
    clearInterval(this.presence);
    this.port = undefined;
    port.removeAllListeners();
    port.on('error', () => undefined); // a closing port may still report; nobody listens any more
    if (port.isOpen) port.close();
    this.setStatus('disconnected', detail);
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.open(), this.options.reconnectMs ?? 1_000);
  }
}
