import { EventEmitter } from 'node:events';
import { InterByteTimeoutParser, ReadlineParser, SerialPort } from 'serialport';

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

export type ScannerStatus = 'connected' | 'disconnected';

export interface SerialScannerEvents {
  scan: [payload: string];
  status: [status: ScannerStatus, detail: string];
}

/**
 * A serial or USB-CDC barcode/QR scanner. Emits 'scan' with each code as text (UTF-8, the
 * Vietnamese on a CCCD included) and 'status' when it is plugged in or out. When the port goes
 * away it keeps trying to open it again, so unplugging and plugging back needs no restart.
 */
export class SerialScanner extends EventEmitter<SerialScannerEvents> {
  private port: SerialPort | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;
  private status: ScannerStatus = 'disconnected';

  constructor(private readonly options: SerialScannerOptions) {
    super();
  }

  get connected(): boolean {
    return this.status === 'connected';
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

  private setStatus(status: ScannerStatus, detail: string): void {
    if (status === this.status) return;
    this.status = status;
    this.emit('status', status, detail);
  }

  private open(): void {
    if (this.stopped) return;
    const port = new SerialPort({ path: this.options.path, baudRate: this.options.baudRate ?? 9600, autoOpen: false });
    this.port = port;
    const framing = this.options.framing ?? { type: 'line' };
    const parser =
      framing.type === 'line'
        ? port.pipe(new ReadlineParser({ delimiter: framing.delimiter ?? '\r', encoding: 'utf8' }))
        : port.pipe(new InterByteTimeoutParser({ interval: framing.timeoutMs ?? 50 }));
    parser.on('data', (data: Buffer | string) => {
      const text = (typeof data === 'string' ? data : new TextDecoder().decode(data)).replace(/^[\r\n]+|[\r\n]+$/g, '');
      if (text !== '') this.emit('scan', text);
    });
    port.on('close', () => this.lost(port, 'the port closed (unplugged?)'));
    port.on('error', (error) => this.lost(port, error.message));
    port.open((error) => {
      if (error) {
        this.lost(port, error.message);
        return;
      }
      this.setStatus('connected', this.options.path);
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
