import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { type Bitmap, type PaperState, type PrinterStatus, statusBytes } from '@qms/printer';
import { type Dialect, EscPosDecoder } from './escpos-decoder.js';
import type { PrintedBlock } from './receipt-builder.js';
import { receiptPng } from './receipt-image.js';

export interface PrintedReceipt {
  /** 1, 2, 3 … in the order the paper was cut. */
  index: number;
  blocks: PrintedBlock[];
  /** The text lines printed in a code page (raster text is in `images`). */
  text: string[];
  qr: string[];
  /** The data of the barcodes printed by command (GS k). */
  barcodes: string[];
  images: Bitmap[];
  png: Buffer;
  /** Where the receipt was written, when the printer has an output folder. */
  files?: { png: string; txt: string };
}

export interface VirtualPrinterOptions {
  dialect?: Dialect;
  /** A folder to write each receipt to (receipt-0001.png, receipt-0001.txt). */
  outputDir?: string;
  paperWidthDots?: number;
}

type Events = { receipt: [PrintedReceipt]; status: [n: number] };

/**
 * A receipt printer that speaks ESC/POS, over TCP (port 9100 by default) or on a pseudo-terminal
 * (a device file or serial port for the real drivers). It decodes each receipt into text, QR
 * payloads, raster images and a PNG of the paper, answers DLE EOT status requests, and can be told
 * it is out of paper, has its cover open, or is offline. Like a real printer, it keeps what it
 * receives while out of paper and prints it once paper is loaded again: a driver that sends
 * blindly gets a late, surprise receipt.
 */
export class VirtualPrinter extends EventEmitter<Events> {
  readonly receipts: PrintedReceipt[] = [];
  private readonly held: PrintedBlock[][] = [];
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private device: SerialPort | undefined;
  private state: PrinterStatus = { online: true, paper: 'ok', coverOpen: false, error: false };

  constructor(private readonly options: VirtualPrinterOptions = {}) {
    super();
    if (options.outputDir) mkdirSync(options.outputDir, { recursive: true });
  }

  get status(): PrinterStatus {
    return { ...this.state };
  }

  setPaper(paper: PaperState): void {
    this.state.paper = paper;
    this.releaseHeld();
  }

  setCoverOpen(open: boolean): void {
    this.state.coverOpen = open;
    this.releaseHeld();
  }

  setOnline(online: boolean): void {
    this.state.online = online;
    this.releaseHeld();
  }

  /** Listens on TCP; port 0 picks a free one. Resolves with the port. */
  listen(port = 9100, host = '127.0.0.1'): Promise<number> {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => this.sockets.delete(socket));
      const decoder = this.decoder((bytes) => socket.write(bytes));
      socket.on('data', (chunk) => decoder.push(chunk));
    });
    return new Promise((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, host, () => {
        const address = this.server?.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /**
   * Serves one end of a pseudo-terminal pair: the other end is the printer's device file or serial
   * port. Opened through serialport (event-driven polling), never a blocking read.
   */
  async attachDevice(path: string): Promise<void> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    const decoder = this.decoder((bytes) => port.write(bytes));
    port.on('data', (chunk: Buffer) => decoder.push(chunk));
    port.on('error', () => undefined); // the pair went away: the test closed it
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(error) : resolve())));
    this.device = port;
  }

  async close(): Promise<void> {
    const device = this.device;
    this.device = undefined;
    if (device?.isOpen) await new Promise<void>((resolve) => device.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private ready(): boolean {
    return this.state.online && this.state.paper !== 'out' && !this.state.coverOpen && !this.state.error;
  }

  private decoder(reply: (bytes: Buffer) => void): EscPosDecoder {
    return new EscPosDecoder(this.options.dialect ?? 'epson', {
      status: (n) => {
        const bytes = statusBytes(this.state);
        const byte = n === 1 ? bytes.printer : n === 2 ? bytes.offline : n === 3 ? bytes.error : bytes.paper;
        reply(Buffer.from([byte]));
        this.emit('status', n);
      },
      cut: (blocks) => {
        if (this.ready()) this.print(blocks);
        else this.held.push(blocks);
      },
    });
  }

  private releaseHeld(): void {
    while (this.ready() && this.held.length > 0) this.print(this.held.shift() as PrintedBlock[]);
  }

  private print(blocks: PrintedBlock[]): void {
    const index = this.receipts.length + 1;
    const receipt: PrintedReceipt = {
      index,
      blocks,
      text: blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : [])),
      qr: blocks.flatMap((block) => (block.kind === 'qr' ? [block.data] : [])),
      barcodes: blocks.flatMap((block) => (block.kind === 'barcode' ? [block.data] : [])),
      images: blocks.flatMap((block) => (block.kind === 'image' ? [block.bitmap] : [])),
      png: receiptPng(blocks, this.options.paperWidthDots ?? 576),
    };
    if (this.options.outputDir) {
      const name = `receipt-${String(index).padStart(4, '0')}`;
      const png = join(this.options.outputDir, `${name}.png`);
      const txt = join(this.options.outputDir, `${name}.txt`);
      writeFileSync(png, receipt.png);
      writeFileSync(
        txt,
        [...receipt.text, ...receipt.qr.map((data) => `[QR] ${data}`), ...receipt.barcodes.map((data) => `[barcode] ${data}`), `[${receipt.images.length} raster image(s)]`, ''].join('\n'),
      );
      receipt.files = { png, txt };
    }
    this.receipts.push(receipt);
    this.emit('receipt', receipt);
  }
}
