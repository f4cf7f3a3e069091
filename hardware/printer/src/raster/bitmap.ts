/** A 1-bit image, rows packed MSB first (1 = black), as ESC/POS raster commands take it. */
export interface Bitmap {
  width: number;
  height: number;
  /** bytesPerRow × height bytes. */
  data: Uint8Array;
}

export function bytesPerRow(width: number): number {
  return Math.ceil(width / 8);
}

/** Thresholds RGBA pixels (from a canvas) to a 1-bit bitmap: dark and opaque enough is black. */
export function toBitmap(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, threshold = 128): Bitmap {
  const stride = bytesPerRow(width);
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const alpha = rgba[i + 3] ?? 0;
      // Composite on white, then luminance.
      const luminance = 255 - ((255 - (0.2126 * (rgba[i] ?? 0) + 0.7152 * (rgba[i + 1] ?? 0) + 0.0722 * (rgba[i + 2] ?? 0))) * alpha) / 255;
      if (luminance < threshold) data[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { width, height, data };
}

export function isBlack(bitmap: Bitmap, x: number, y: number): boolean {
  return ((bitmap.data[y * bytesPerRow(bitmap.width) + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
}

/** Stacks bitmaps of the same width top to bottom. */
export function stack(bitmaps: readonly Bitmap[], width: number): Bitmap {
  const stride = bytesPerRow(width);
  const height = bitmaps.reduce((sum, bitmap) => sum + bitmap.height, 0);
  const data = new Uint8Array(stride * height);
  let offset = 0;
  for (const bitmap of bitmaps) {
    if (bitmap.width !== width) throw new Error(`cannot stack a ${bitmap.width}-dot bitmap on ${width} dots`);
    data.set(bitmap.data, offset);
    offset += bitmap.data.length;
  }
  return { width, height, data };
}
