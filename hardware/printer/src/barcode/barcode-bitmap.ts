import { type Bitmap, bytesPerRow } from '../raster/bitmap.js';
import { code128Modules } from './code128.js';

/**
 * A CODE128 barcode as a 1-bit image `width` dots wide, centred with its quiet zones, `height`
 * dots tall: what a printer without the barcode command (Star line mode here) is sent, and what
 * the virtual printer draws for a GS k command.
 */
export function code128Bitmap(text: string, moduleDots: number, height: number, width?: number): Bitmap {
  const modules = code128Modules(text);
  const codeWidth = modules.length * moduleDots;
  const paper = width ?? codeWidth + 20 * moduleDots;
  const left = Math.max(0, Math.floor((paper - codeWidth) / 2));
  const stride = bytesPerRow(paper);
  const data = new Uint8Array(stride * height);
  modules.forEach((bar, index) => {
    if (!bar) return;
    for (let dot = 0; dot < moduleDots; dot++) {
      const x = left + index * moduleDots + dot;
      if (x >= paper) continue;
      for (let y = 0; y < height; y++) data[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  });
  return { width: paper, height, data };
}

/** The widest module (in dots, 1 to 3) at which the code fits the paper with its quiet zones. */
export function code128ModuleDots(text: string, paperDots: number): number {
  const modules = code128Modules(text).length + 20;
  return Math.max(1, Math.min(3, Math.floor(paperDots / modules)));
}
