import { type Bitmap, epsonRaster, type PrinterProfile, type ReceiptBlock, renderRule, renderTextLines, stack, starQr, starRaster, type TextLine } from '@qms/printer';

/** Epson QR (GS ( k): model 2, cell size, correction M, store the data, print it. */
function epsonQr(data: string, cellSize: number): Buffer {
  const bytes = Buffer.from(data, 'utf8');
  const store = bytes.length + 3;
  return Buffer.concat([
    Buffer.from([0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, cellSize]),
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31]),
    Buffer.from([0x1d, 0x28, 0x6b, store & 0xff, store >> 8, 0x31, 0x50, 0x30]),
    bytes,
    Buffer.from([0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30]),
  ]);
}

/**
 * The printer commands for a slip made of receipt blocks (the procedure slip), always as raster
 * text: its Vietnamese prints right on any printer, whatever code page the kiosk's tickets use.
 * Text lines and rules in a row become one image; QR codes are the printer's own command, centred.
 *
 * Why not the printer package's job builder: it lays out only the ticket receipt (ReceiptData);
 * once it takes blocks, this file should give way to it.
 */
export function buildSlipJob(blocks: readonly ReceiptBlock[], profile: PrinterProfile): Buffer {
  const width = profile.widthDots;
  const raster = (bitmap: Bitmap) => (profile.type === 'star' ? starRaster(bitmap) : epsonRaster(bitmap));
  const parts: Buffer[] = [Buffer.from([0x1b, 0x40])]; // ESC @: initialise
  let lines: TextLine[] = [];
  let images: Bitmap[] = [];
  const flushLines = () => {
    if (lines.length > 0) images.push(renderTextLines(lines, width));
    lines = [];
  };
  const flush = () => {
    flushLines();
    if (images.length > 0) parts.push(Buffer.from([0x1b, 0x61, 0x00]), raster(stack(images, width)));
    images = [];
  };
  for (const block of blocks) {
    if (block.kind === 'text') lines.push(block);
    else if (block.kind === 'rule') {
      flushLines();
      images.push(renderRule(width));
    } else if (block.kind === 'space') {
      flush();
      parts.push(Buffer.from([0x1b, 0x4a, block.dots]));
    } else {
      flush();
      const cellSize = width === 576 ? 6 : 4;
      parts.push(Buffer.from([0x1b, 0x61, 0x01]), profile.type === 'star' ? starQr(block.data, cellSize) : epsonQr(block.data, cellSize), Buffer.from('\n'), Buffer.from([0x1b, 0x61, 0x00]));
    }
  }
  flush();
  // Feed, then cut: GS V B 0 (Epson), ESC d 3 (Star).
  parts.push(Buffer.from('\n\n\n'), profile.type === 'star' ? Buffer.from([0x1b, 0x64, 0x03]) : Buffer.from([0x1d, 0x56, 0x42, 0x00]));
  return Buffer.concat(parts);
}
