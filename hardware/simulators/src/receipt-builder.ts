import { type Bitmap, decodeCp1258, decodeTcvn3 } from '@qms/printer';

/** What a receipt holds, in the order it was printed. */
export type PrintedBlock =
  | { kind: 'text'; text: string; align: 'left' | 'center' | 'right'; scale: number; bold: boolean }
  | { kind: 'image'; bitmap: Bitmap }
  | { kind: 'qr'; data: string; cellSize: number }
  | { kind: 'feed'; dots: number }
  /** A GS k barcode: its symbology (CODE128 here, else GS k's m) and its data (CODE128's code set prefix such as "{B" taken off). */
  | { kind: 'barcode'; symbology: string; data: string };

/**
 * The receipt as the printer puts it on paper while commands arrive: text gathered into lines in
 * the current mode and code page, raster bands joined into images, QR codes and feeds, until the cut.
 */
export class ReceiptBuilder {
  private blocks: PrintedBlock[] = [];
  private line: number[] = [];
  codePage = 0;
  align: 'left' | 'center' | 'right' = 'left';
  scale = 1;
  bold = false;
  qrData = '';
  qrCellSize = 3;
  private starBand: { stride: number; rows: Uint8Array[] } | undefined;

  /** The blocks printed since the last cut (a receipt still being printed). */
  pending(): PrintedBlock[] {
    return [...this.blocks];
  }

  /** ESC @: the text mode goes back to its defaults. */
  reset(): void {
    this.codePage = 0;
    this.align = 'left';
    this.scale = 1;
    this.bold = false;
  }

  /** One byte of text on the current line. */
  text(byte: number): void {
    this.line.push(byte);
  }

  flushLine(): void {
    if (this.line.length === 0) return;
    const bytes = Uint8Array.from(this.line);
    const text = this.codePage === 52 ? decodeCp1258(bytes) : this.codePage === 30 || this.codePage === 31 ? decodeTcvn3(bytes) : Buffer.from(bytes).toString('latin1');
    this.blocks.push({ kind: 'text', text, align: this.align, scale: this.scale, bold: this.bold });
    this.line = [];
  }

  feed(dots: number): void {
    this.blocks.push({ kind: 'feed', dots });
  }

  /** A GS k barcode, function A (m 0-6) or B (m 65-79). */
  addBarcode(m: number, data: string): void {
    const code128 = m === 73;
    this.blocks.push({ kind: 'barcode', symbology: code128 ? 'CODE128' : `m${m}`, data: code128 ? data.replace(/^\{[ABC]/, '') : data });
  }

  /** Prints the QR code stored last, at the cell size set last. */
  printQr(): void {
    this.blocks.push({ kind: 'qr', data: this.qrData, cellSize: this.qrCellSize });
  }

  /** A Star raster band (24 rows): it becomes an image when the next band, a line feed or the cut comes. */
  addStarBand(stride: number, rows: Uint8Array[]): void {
    this.flushStarBand();
    this.starBand = { stride, rows };
  }

  flushStarBand(): void {
    if (!this.starBand) return;
    const { stride, rows } = this.starBand;
    const data = new Uint8Array(stride * rows.length);
    rows.forEach((row, index) => data.set(row, index * stride));
    this.addImage({ width: stride * 8, height: rows.length, data });
    this.starBand = undefined;
  }

  /** Consecutive raster bands are one image. */
  addImage(bitmap: Bitmap): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last?.kind === 'image' && last.bitmap.width === bitmap.width) {
      const data = new Uint8Array(last.bitmap.data.length + bitmap.data.length);
      data.set(last.bitmap.data);
      data.set(bitmap.data, last.bitmap.data.length);
      last.bitmap = { width: bitmap.width, height: last.bitmap.height + bitmap.height, data };
    } else {
      this.blocks.push({ kind: 'image', bitmap });
    }
  }

  /** The paper is cut: the receipt is complete; the next one starts empty. */
  cut(): PrintedBlock[] {
    this.flushLine();
    this.flushStarBand();
    const receipt = this.blocks;
    this.blocks = [];
    return receipt;
  }
}
