import ThermalPrinterModule from 'node-thermal-printer';
import { encodeCp1258 } from '../encodings/cp1258.js';
import { encodeTcvn3 } from '../encodings/tcvn3.js';
import { type Bitmap, stack } from '../raster/bitmap.js';
import { code128Bitmap, code128ModuleDots } from '../barcode/barcode-bitmap.js';
import { renderRow } from '../raster/render-row.js';
import { renderRule, renderTextLines, type TextLine } from '../raster/render-text.js';
import { type ReceiptBlock, receiptBlocks, type ReceiptData } from '../receipt.js';
import { epsonCode128, epsonRaster, starQr, starRaster } from './raster-commands.js';

const { printer: ThermalPrinter, types: PrinterTypes } = ThermalPrinterModule as unknown as {
  printer: new (config: Record<string, unknown>) => NodeThermalPrinter;
  types: { EPSON: string; STAR: string };
};

/** The part of node-thermal-printer's builder used here (it is untyped). */
interface NodeThermalPrinter {
  initHardware(): void;
  alignCenter(): void;
  alignLeft(): void;
  add(buffer: Buffer): void;
  setTextSize(height: number, width: number): void;
  setTextNormal(): void;
  bold(enabled: boolean): void;
  newLine(): void;
  printQR(data: string, settings: Record<string, unknown>): void;
  cut(): void;
  getBuffer(): Buffer;
  printer: { config: Record<string, Buffer> };
}

export type PrinterType = 'epson' | 'star';
export type TextEncoding = 'raster' | 'cp1258' | 'tcvn3';

export interface PrinterProfile {
  type: PrinterType;
  /** 576 dots for 80 mm paper, 384 for 58 mm. */
  widthDots: 576 | 384;
  encoding: TextEncoding;
}

export const PAPER_WIDTH_DOTS = { 80: 576, 58: 384 } as const;

/** GS ! size per line size for code-page text (width and height multipliers). */
const TEXT_SCALE: Record<TextLine['size'], [number, number]> = { small: [0, 0], normal: [0, 0], large: [1, 1], huge: [4, 4] };

/** What a receipt is made of once laid out for a printer: what the decoded receipt must show again. */
export type ReceiptPiece =
  | { kind: 'image'; bitmap: Bitmap }
  | { kind: 'text'; block: Extract<ReceiptBlock, { kind: 'text' }>; bytes: Buffer }
  | { kind: 'qr'; data: string; cellSize: number }
  | { kind: 'feed'; dots: number }
  | { kind: 'barcode'; data: string; moduleDots: number; height: number };

/** Barcode height in dots (10 mm at 203 dpi). */
export const BARCODE_HEIGHT_DOTS = 80;

/**
 * Lays a receipt out for a printer profile: in raster mode consecutive text lines and rules become
 * one image; in a code-page mode each line is text in that code page, except a line the code page
 * cannot write right (a TCVN3 capital on a control byte, a character outside the page), which is
 * drawn as an image instead.
 */
export function layoutReceipt(data: ReceiptData, profile: PrinterProfile): ReceiptPiece[] {
  return layoutBlocks(receiptBlocks(data), profile);
}

/**
 * Lays any receipt's blocks out for a printer profile (the ticket's, the application receipt's), as
 * layoutReceipt says; table rows are always drawn; a barcode is the Epson GS k command when its
 * modules can be 2 dots wide or more, else (Star, narrow paper) drawn with its text beneath.
 */
export function layoutBlocks(blocks: readonly ReceiptBlock[], profile: PrinterProfile): ReceiptPiece[] {
  const pieces: ReceiptPiece[] = [];
  let lines: TextLine[] = [];
  let images: Bitmap[] = [];
  const flush = () => {
    if (lines.length > 0) images.push(renderTextLines(lines, profile.widthDots));
    lines = [];
    if (images.length > 0) pieces.push({ kind: 'image', bitmap: stack(images, profile.widthDots) });
    images = [];
  };
  const drawLines = () => {
    if (lines.length > 0) images.push(renderTextLines(lines, profile.widthDots));
    lines = [];
  };
  for (const block of blocks) {
    if (block.kind === 'text') {
      if (profile.encoding === 'raster') {
        lines.push(block);
        continue;
      }
      const encoded = profile.encoding === 'cp1258' ? { ...encodeCp1258(block.text), lowered: [] } : encodeTcvn3(block.text);
      if (encoded.unmapped.length > 0 || encoded.lowered.length > 0) {
        lines.push(block);
        continue;
      }
      flush();
      pieces.push({ kind: 'text', block, bytes: encoded.bytes });
    } else if (block.kind === 'rule') {
      drawLines();
      images.push(renderRule(profile.widthDots));
    } else if (block.kind === 'row') {
      drawLines();
      images.push(renderRow(block.cells, block.shares, block.size, block.bold ?? false, profile.widthDots));
    } else if (block.kind === 'barcode') {
      const moduleDots = code128ModuleDots(block.data, profile.widthDots);
      if (profile.type === 'epson' && moduleDots >= 2) {
        flush();
        pieces.push({ kind: 'barcode', data: block.data, moduleDots, height: BARCODE_HEIGHT_DOTS });
      } else {
        drawLines();
        images.push(code128Bitmap(block.data, moduleDots, BARCODE_HEIGHT_DOTS, profile.widthDots));
        lines.push({ text: block.data, size: 'small', align: 'center' });
      }
    } else if (block.kind === 'space') {
      flush();
      pieces.push({ kind: 'feed', dots: block.dots });
    } else {
      flush();
      pieces.push({ kind: 'qr', data: block.data, cellSize: profile.widthDots === 576 ? 6 : 4 });
    }
  }
  flush();
  return pieces;
}

/**
 * The printer commands for a receipt. Commands come from node-thermal-printer (init,
 * alignment, text size, code page, QR, cut) for the Epson or Star command set; text is either
 * drawn as raster images (default: every Vietnamese letter prints right on any printer) or sent
 * in the printer's CP1258 or TCVN3 code page (faster, for printers that have them).
 */
export function buildReceiptJob(data: ReceiptData, profile: PrinterProfile): Buffer {
  return buildBlocksJob(receiptBlocks(data), profile);
}

/** The printer commands for any receipt's blocks, as buildReceiptJob says. */
export function buildBlocksJob(blocks: readonly ReceiptBlock[], profile: PrinterProfile): Buffer {
  if (profile.type === 'star' && profile.encoding !== 'raster') {
    throw new Error(`the ${profile.encoding} code page needs an Epson-compatible printer; use --encoding raster for Star printers`);
  }
  const builder = new ThermalPrinter({ type: profile.type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON, width: profile.widthDots === 576 ? 48 : 32 });
  builder.initHardware();
  if (profile.encoding === 'cp1258') builder.add(builder.printer.config.CODE_PAGE_WPC1258_VIETNAMESE as Buffer);
  if (profile.encoding === 'tcvn3') builder.add(builder.printer.config.CODE_PAGE_TCVN3_VIETNAMESE_L as Buffer);
  for (const piece of layoutBlocks(blocks, profile)) {
    switch (piece.kind) {
      case 'image':
        builder.alignLeft();
        builder.add(profile.type === 'star' ? starRaster(piece.bitmap) : epsonRaster(piece.bitmap));
        break;
      case 'text': {
        const { block } = piece;
        if (block.align === 'center') builder.alignCenter();
        else builder.alignLeft();
        const [width, height] = TEXT_SCALE[block.size];
        builder.setTextSize(height, width);
        builder.bold(block.bold ?? false);
        builder.add(piece.bytes);
        builder.add(Buffer.from('\n'));
        builder.setTextNormal();
        builder.bold(false);
        break;
      }
      case 'feed':
        builder.add(Buffer.from([0x1b, 0x4a, piece.dots])); // ESC J n: feed n dots
        break;
      case 'barcode':
        builder.alignCenter();
        builder.add(epsonCode128(piece.data, piece.moduleDots, piece.height));
        builder.alignLeft();
        break;
      case 'qr':
        builder.alignCenter();
        if (profile.type === 'star') builder.add(starQr(piece.data, piece.cellSize));
        else builder.printQR(piece.data, { cellSize: piece.cellSize, correction: 'M', model: 2 });
        builder.newLine();
        builder.alignLeft();
        break;
    }
  }
  builder.add(Buffer.from('\n\n\n'));
  builder.cut();
  return builder.getBuffer();
}
