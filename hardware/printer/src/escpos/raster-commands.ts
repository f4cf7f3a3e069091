import { type Bitmap, bytesPerRow } from '../raster/bitmap.js';

/** Rows per raster command: within what every Epson-compatible printer accepts, clones included. */
const BAND_ROWS = 255;

/**
 * Epson ESC/POS raster image, GS v 0 m xL xH yL yH d1...dk, in bands of at most 255 rows.
 * Written here rather than by node-thermal-printer, whose image path walks every pixel as an
 * object (too slow for a full receipt at 203 dpi).
 */
export function epsonRaster(bitmap: Bitmap): Buffer {
  const stride = bytesPerRow(bitmap.width);
  const parts: Buffer[] = [];
  for (let top = 0; top < bitmap.height; top += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, bitmap.height - top);
    parts.push(Buffer.from([0x1d, 0x76, 0x30, 0x00, stride & 0xff, stride >> 8, rows & 0xff, rows >> 8]));
    parts.push(Buffer.from(bitmap.data.subarray(top * stride, (top + rows) * stride)));
  }
  return Buffer.concat(parts);
}

/**
 * Star Line Mode raster, as node-thermal-printer writes it: ESC 0, then for each band of 24 rows
 * ESC k n 0 and the band's rows (n bytes each), a line feed; ESC z 1 afterwards.
 */
export function starRaster(bitmap: Bitmap): Buffer {
  const stride = bytesPerRow(bitmap.width);
  const parts: Buffer[] = [Buffer.from([0x1b, 0x30])];
  for (let top = 0; top < bitmap.height; top += 24) {
    const band = Buffer.alloc(stride * 24);
    const rows = Math.min(24, bitmap.height - top);
    band.set(bitmap.data.subarray(top * stride, (top + rows) * stride));
    parts.push(Buffer.from([0x1b, 0x6b, stride, 0x00]), band, Buffer.from('\n'));
  }
  parts.push(Buffer.from([0x1b, 0x7a, 0x01]));
  return Buffer.concat(parts);
}

/**
 * A Star QR code: model 2, correction M, cell size, ESC GS y D 1 0 nL nH data, print. Written
 * here because node-thermal-printer's Star printQR leaves out the "ESC GS y D 1 0" before the
 * data (the printer would print the URL as text and no code).
 */
export function starQr(data: string, cellSize: number): Buffer {
  const bytes = Buffer.from(data, 'utf8');
  return Buffer.concat([
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x30, 0x02]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x31, 0x01]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x53, 0x32, cellSize]),
    Buffer.from([0x1b, 0x1d, 0x79, 0x44, 0x31, 0x00, bytes.length & 0xff, bytes.length >> 8]),
    bytes,
    Buffer.from([0x1b, 0x1d, 0x79, 0x50]),
  ]);
}

/**
 * An Epson CODE128 barcode: GS h height, GS w module width, GS H 2 (its text printed beneath),
 * GS f 0, then GS k 73 n with the data in code set B ("{B" first). The code is printable ASCII.
 */
export function epsonCode128(text: string, moduleDots: number, height: number): Buffer {
  const data = Buffer.from(`{B${text}`, 'latin1');
  return Buffer.concat([Buffer.from([0x1d, 0x68, height, 0x1d, 0x77, moduleDots, 0x1d, 0x48, 0x02, 0x1d, 0x66, 0x00]), Buffer.from([0x1d, 0x6b, 73, data.length]), data]);
}
