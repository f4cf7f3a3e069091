import { bytesPerRow, isBlack } from '@qms/printer';
import type { PNG } from 'pngjs';

/** A 1-bit image as rows of '0'/'1', from the printer's raster (rows padded to whole bytes). */
export function rowsOfRaster(images: readonly { width: number; height: number; data: Uint8Array }[]): string[] {
  return images.flatMap((image) =>
    Array.from({ length: image.height }, (_, y) => Array.from({ length: image.width }, (_, x) => (isBlack({ ...image, width: bytesPerRow(image.width) * 8 }, x, y) ? '1' : '0')).join('')),
  );
}

/** A PNG's pixels as rows of '0'/'1' (dark is 1). */
export function rowsOfPng(png: PNG): string[] {
  return Array.from({ length: png.height }, (_, y) => Array.from({ length: png.width }, (_, x) => ((png.data[(y * png.width + x) * 4] ?? 255) < 128 ? '1' : '0')).join(''));
}
