import { bytesPerRow } from '@qms/printer';
import { ReceiptBuilder, type PrintedBlock } from './receipt-builder.js';

export type Dialect = 'epson' | 'star';

export interface DecoderEvents {
  /** A DLE EOT status request: the printer answers with one byte. */
  status(n: number): void;
  /** The paper was cut: one receipt is complete. */
  cut(blocks: PrintedBlock[]): void;
}

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;

/**
 * Decodes an ESC/POS byte stream (Epson, or Star Line Mode as node-thermal-printer writes it)
 * incrementally: text in the selected code page (CP1258 for ESC t 52, TCVN3 for ESC t 30/31),
 * raster images (GS v 0; Star ESC k bands), QR codes (GS ( k; Star ESC GS y), barcodes (GS k), feeds, cuts and
 * status requests. Unknown commands are skipped and counted, never guessed into text.
 */
export class EscPosDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly receipt = new ReceiptBuilder();
  unknownCommands = 0;

  constructor(
    private readonly dialect: Dialect,
    private readonly events: DecoderEvents,
  ) {}

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    let offset = 0;
    for (;;) {
      const used = this.step(this.buffer, offset);
      if (used === 0) break; // needs more bytes
      offset += used;
    }
    this.buffer = this.buffer.subarray(offset);
  }

  /** The blocks printed since the last cut (a receipt still being printed). */
  pending(): PrintedBlock[] {
    return this.receipt.pending();
  }

  private cut(): void {
    this.events.cut(this.receipt.cut());
  }

  /** Decodes one command or byte at `at`; returns the bytes used, or 0 when more are needed. */
  private step(b: Buffer, at: number): number {
    const left = b.length - at;
    if (left <= 0) return 0;
    const byte = b[at] as number;
    const need = (n: number) => left >= n;
    if (byte === 0x0a) {
      this.receipt.flushLine();
      this.receipt.flushStarBand();
      return 1;
    }
    if (byte === 0x0d) return 1;
    if (byte === 0x0b || byte === 0x0c) {
      // VT / FF: feed (Star cuts are preceded by them)
      this.receipt.flushLine();
      return 1;
    }
    if (byte === DLE) {
      if (!need(3)) return 0;
      if (b[at + 1] === 0x04) this.events.status(b[at + 2] as number);
      else this.unknownCommands++;
      return 3;
    }
    if (byte === ESC) return this.escape(b, at, left);
    if (byte === GS) return this.groupSeparator(b, at, left);
    if (byte < 0x20) {
      this.unknownCommands++;
      return 1;
    }
    this.receipt.text(byte);
    return 1;
  }

  private escape(b: Buffer, at: number, left: number): number {
    if (left < 2) return 0;
    const command = b[at + 1] as number;
    const param = b[at + 2];
    switch (command) {
      case 0x40: // ESC @ init
        this.receipt.flushLine();
        this.receipt.reset();
        return 2;
      case 0x74: // ESC t n code page
        if (left < 3) return 0;
        this.receipt.flushLine();
        this.receipt.codePage = param as number;
        return 3;
      case 0x61: // ESC a n align (Epson)
        if (left < 3) return 0;
        this.receipt.flushLine();
        this.receipt.align = [0, 48].includes(param as number) ? 'left' : [1, 49].includes(param as number) ? 'center' : 'right';
        return 3;
      case 0x45: // ESC E n bold (Epson) / ESC E bold on (Star)
        if (this.dialect === 'star') {
          this.receipt.bold = true;
          return 2;
        }
        if (left < 3) return 0;
        this.receipt.bold = (param as number) % 2 === 1;
        return 3;
      case 0x46: // ESC F bold off (Star)
        this.receipt.bold = false;
        return 2;
      case 0x21: // ESC ! n print mode
      case 0x2d: // ESC - n underline
      case 0x33: // ESC 3 n line spacing
      case 0x4d: // ESC M n font
      case 0x7b: // ESC { n upside down
        return left < 3 ? 0 : 3;
      case 0x32: // ESC 2 default line spacing
        return 2;
      case 0x30: // ESC 0 (Star: 1/8 inch spacing)
        return 2;
      case 0x4a: // ESC J n feed dots
        if (left < 3) return 0;
        this.receipt.flushLine();
        this.receipt.feed(param as number);
        return 3;
      case 0x64: // ESC d n: Epson feed lines; Star cut
        if (left < 3) return 0;
        if (this.dialect === 'star') this.cut();
        else this.receipt.flushLine();
        return 3;
      case 0x69: // ESC i n1 n2 (Star text size)
        if (left < 4) return 0;
        this.receipt.flushLine();
        this.receipt.scale = (b[at + 2] as number) + 1;
        return 4;
      case 0x6b: {
        // ESC k n1 n2 d (Star raster band: 24 rows of n1 bytes)
        if (left < 4) return 0;
        const stride = (b[at + 2] as number) + (b[at + 3] as number) * 256;
        const length = stride * 24;
        if (left < 4 + length) return 0;
        this.receipt.flushLine();
        const rows: Uint8Array[] = [];
        for (let row = 0; row < 24; row++) rows.push(Uint8Array.from(b.subarray(at + 4 + row * stride, at + 4 + (row + 1) * stride)));
        this.receipt.addStarBand(stride, rows);
        return 4 + length;
      }
      case 0x7a: // ESC z n (Star)
        return left < 3 ? 0 : 3;
      case 0x1d:
        return this.starEscGs(b, at, left);
      default:
        this.unknownCommands++;
        return 2;
    }
  }

  /** Star's ESC GS commands: align and QR. */
  private starEscGs(b: Buffer, at: number, left: number): number {
    if (left < 3) return 0;
    const command = b[at + 2] as number;
    if (command === 0x61) {
      if (left < 4) return 0;
      this.receipt.flushLine();
      const n = b[at + 3] as number;
      this.receipt.align = n === 1 ? 'center' : n === 2 ? 'right' : 'left';
      return 4;
    }
    if (command === 0x79) {
      // ESC GS y S 0|1|2 n: settings; ESC GS y D 1 m nL nH data: store; ESC GS y P: print
      if (left < 4) return 0;
      const sub = b[at + 3] as number;
      if (sub === 0x53) {
        if (left < 6) return 0;
        if (b[at + 4] === 0x32) this.receipt.qrCellSize = b[at + 5] as number;
        return 6;
      }
      if (sub === 0x44) {
        if (left < 8) return 0;
        const length = (b[at + 6] as number) + (b[at + 7] as number) * 256;
        if (left < 8 + length) return 0;
        this.receipt.qrData = b.subarray(at + 8, at + 8 + length).toString('utf8');
        return 8 + length;
      }
      if (sub === 0x50) {
        this.receipt.flushLine();
        this.receipt.printQr();
        return 4;
      }
    }
    this.unknownCommands++;
    return 3;
  }

  private groupSeparator(b: Buffer, at: number, left: number): number {
    if (left < 2) return 0;
    const command = b[at + 1] as number;
    switch (command) {
      case 0x21: {
        // GS ! n: character size
        if (left < 3) return 0;
        this.receipt.flushLine();
        const n = b[at + 2] as number;
        this.receipt.scale = Math.max((n >> 4) + 1, (n & 0x0f) + 1);
        return 3;
      }
      case 0x56: {
        // GS V m [n]: cut
        if (left < 3) return 0;
        const m = b[at + 2] as number;
        const length = m >= 65 ? 4 : 3;
        if (left < length) return 0;
        this.cut();
        return length;
      }
      case 0x76: {
        // GS v 0 m xL xH yL yH d: raster image
        if (left < 8) return 0;
        const stride = (b[at + 4] as number) + (b[at + 5] as number) * 256;
        const rows = (b[at + 6] as number) + (b[at + 7] as number) * 256;
        const length = stride * rows;
        if (left < 8 + length) return 0;
        this.receipt.flushLine();
        this.receipt.addImage({ width: stride * 8, height: rows, data: Uint8Array.from(b.subarray(at + 8, at + 8 + length)) });
        return 8 + length;
      }
      case 0x28: {
        // GS ( k pL pH cn fn ...: 2D codes (QR)
        if (left < 5) return 0;
        const length = (b[at + 3] as number) + (b[at + 4] as number) * 256;
        if (left < 5 + length) return 0;
        if (b[at + 2] === 0x6b && b[at + 5] === 0x31) {
          const fn = b[at + 6];
          if (fn === 0x43) this.receipt.qrCellSize = b[at + 7] as number;
          if (fn === 0x50) this.receipt.qrData = b.subarray(at + 8, at + 5 + length).toString('utf8');
          if (fn === 0x51) {
            this.receipt.flushLine();
            this.receipt.printQr();
          }
        } else {
          this.unknownCommands++;
        }
        return 5 + length;
      }
      case 0x6b: {
        // GS k m ...: a barcode. Function A (m 0-6): data up to NUL; function B (m 65-79): n, then n bytes.
        if (left < 3) return 0;
        const m = b[at + 2] as number;
        if (m <= 6) {
          const end = b.indexOf(0x00, at + 3);
          if (end < 0) return 0;
          this.receipt.flushLine();
          this.receipt.addBarcode(m, b.subarray(at + 3, end).toString('latin1'));
          return end + 1 - at;
        }
        if (left < 4) return 0;
        const length = b[at + 3] as number;
        if (left < 4 + length) return 0;
        this.receipt.flushLine();
        this.receipt.addBarcode(m, b.subarray(at + 4, at + 4 + length).toString('latin1'));
        return 4 + length;
      }
      case 0x42: // GS B n reverse
      case 0x48: // GS H n HRI position
      case 0x66: // GS f n HRI font
      case 0x68: // GS h n barcode height
      case 0x77: // GS w n barcode width
        return left < 3 ? 0 : 3;
      default:
        this.unknownCommands++;
        return 2;
    }
  }
}

/** The printed raster images' row stride, for tests comparing bitmaps. */
export const rasterStride = bytesPerRow;
