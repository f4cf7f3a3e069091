import { type Bitmap, bytesPerRow, code128Bitmap, isBlack, renderTextLines } from '@qms/printer';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { PrintedBlock } from './receipt-builder.js';

function textSize(scale: number): 'normal' | 'large' | 'huge' {
  return scale >= 4 ? 'huge' : scale >= 2 ? 'large' : 'normal';
}

/** A QR code as the printer draws it: cellSize dots a module, a quiet zone of four modules. */
export function qrBitmap(data: string, cellSize: number): Bitmap {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const size = (modules + 8) * cellSize;
  const stride = bytesPerRow(size);
  const bits = new Uint8Array(stride * size);
  for (let row = 0; row < modules; row++) {
    for (let col = 0; col < modules; col++) {
      if (!qr.modules.get(row, col)) continue;
      for (let dy = 0; dy < cellSize; dy++) {
        for (let dx = 0; dx < cellSize; dx++) {
          const x = (col + 4) * cellSize + dx;
          const y = (row + 4) * cellSize + dy;
          bits[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
    }
  }
  return { width: size, height: size, data: bits };
}

/** The receipt as the paper would look: text, raster images and QR codes, top to bottom, as a PNG. */
export function receiptPng(blocks: readonly PrintedBlock[], paperWidth = 576): Buffer {
  const parts: { bitmap: Bitmap; align: 'left' | 'center' | 'right' }[] = [];
  for (const block of blocks) {
    if (block.kind === 'text') {
      parts.push({ bitmap: renderTextLines([{ text: block.text, size: textSize(block.scale), align: block.align === 'right' ? 'left' : block.align, bold: block.bold }], paperWidth), align: 'left' });
    } else if (block.kind === 'image') {
      parts.push({ bitmap: block.bitmap, align: 'left' });
    } else if (block.kind === 'qr') {
      parts.push({ bitmap: qrBitmap(block.data, Math.max(1, block.cellSize)), align: 'center' });
    } else if (block.kind === 'barcode') {
      // CODE128 as the printer draws it (2 dots a module), its text beneath; other symbologies as their text.
      if (block.symbology === 'CODE128') parts.push({ bitmap: code128Bitmap(block.data, 2, 80), align: 'center' });
      parts.push({ bitmap: renderTextLines([{ text: block.data, size: 'small', align: 'center' }], paperWidth), align: 'left' });
    } else {
      parts.push({ bitmap: { width: 1, height: block.dots, data: new Uint8Array(block.dots) }, align: 'left' });
    }
  }
  const width = Math.max(paperWidth, ...parts.map((part) => part.bitmap.width));
  const height = Math.max(
    1,
    parts.reduce((sum, part) => sum + part.bitmap.height, 0),
  );
  const png = new PNG({ width, height });
  png.data.fill(255);
  let top = 0;
  for (const { bitmap, align } of parts) {
    const left = align === 'center' ? Math.floor((width - bitmap.width) / 2) : 0;
    for (let y = 0; y < bitmap.height; y++) {
      for (let x = 0; x < bitmap.width; x++) {
        if (!isBlack(bitmap, x, y)) continue;
        const i = ((top + y) * width + left + x) * 4;
        png.data[i] = 0;
        png.data[i + 1] = 0;
        png.data[i + 2] = 0;
      }
    }
    top += bitmap.height;
  }
  return PNG.sync.write(png);
}
