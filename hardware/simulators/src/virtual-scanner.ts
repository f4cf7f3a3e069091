import { SerialPort } from 'serialport';

/**
 * A serial barcode/QR scanner on one end of a pseudo-terminal pair: scan(payload) sends the code
 * the way a scanner does (UTF-8, then its suffix), to the driver on the other end.
 */
export class VirtualScanner {
  private readonly port: SerialPort;
  private readonly opened: Promise<void>;

  constructor(
    path: string,
    private readonly suffix = '\r',
  ) {
    this.port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    this.port.on('error', () => undefined); // unplugged by the test
    this.opened = new Promise((resolve, reject) => this.port.open((error) => (error ? reject(error) : resolve())));
  }

  ready(): Promise<void> {
    return this.opened;
  }

  async scan(payload: string): Promise<void> {
    await this.opened;
    await new Promise<void>((resolve, reject) => this.port.write(Buffer.from(payload + this.suffix, 'utf8'), (error) => (error ? reject(error) : this.port.drain(() => resolve()))));
  }

  async close(): Promise<void> {
    await this.opened.catch(() => undefined);
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
