import { EventEmitter } from 'node:events';
import type { DeviceHealth, DeviceHealthSource } from '@qms/core';
import { SerialPort } from 'serialport';

export interface ReconnectingPortOptions {
  path: string;
  baudRate?: number;
  /** How often to try again while the device is unplugged. */
  reconnectMs?: number;
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
      if (error) this.lost(port, error.message);
      else this.setStatus('connected', this.options.path);
    });
  }

  private lost(port: SerialPort, detail: string): void {
    if (port !== this.port) return; // an older port's late event
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
