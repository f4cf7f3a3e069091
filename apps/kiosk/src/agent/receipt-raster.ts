import { type Bitmap, isBlack, layoutReceipt, type PrinterProfile, type ReceiptData, stack } from '@qms/printer';
import { CommandFailure } from '@qms/station';
import { PNG } from 'pngjs';

/**
 * The raster images the printer gets for a receipt, top to bottom in one bitmap: the same layout
 * buildReceiptJob sends (QR codes and paper feeds are printer commands, so they are not in it).
 */
export function receiptRaster(receipt: ReceiptData, profile: PrinterProfile): Bitmap {
  const images = layoutReceipt(receipt, profile).flatMap((piece) => (piece.kind === 'image' ? [piece.bitmap] : []));
  if (images.length === 0) throw new CommandFailure('no_raster', `this printer prints the receipt as ${profile.encoding} text: it gets no raster image to preview`);
  return stack(images, profile.widthDots);
}

/** A 1-bit bitmap as a PNG: black dots black, the rest white. */
export function bitmapPng(bitmap: Bitmap): Buffer {
  const png = new PNG({ width: bitmap.width, height: bitmap.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  const gray = Buffer.alloc(bitmap.width * bitmap.height, 255);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) if (isBlack(bitmap, x, y)) gray[y * bitmap.width + x] = 0;
  }
  png.data = gray;
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}
