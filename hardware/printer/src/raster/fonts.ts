import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LineSize } from '../receipt.js';

/**
 * Receipts are drawn in DejaVu Sans (the dejavu-fonts-ttf package), which has every Vietnamese
 * letter, whole and with stacked marks, and stays crisp when thresholded at 203 dpi.
 */

/** Pixel sizes at 203 dpi (8 dots/mm): small ≈ 2.5 mm, normal ≈ 3 mm, large ≈ 4 mm, huge ≈ 12 mm. */
export const RECEIPT_FONT_PX: Record<LineSize, number> = { small: 20, normal: 25, large: 32, huge: 96 };

/**
 * The receipt glyph atlas this code prints with: the nearest glyphs/receipt-glyphs.bin in a folder
 * above it. From the sources that is the printer package's; scripts/build.mjs copies it into each
 * built command's dist/ (the station's, the hub's, each Electron app's), which its chunks sit under.
 */
export function receiptGlyphsFile(): string {
  const looked: string[] = [];
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'glyphs', 'receipt-glyphs.bin');
    if (existsSync(file)) return file;
    looked.push(dir);
    if (dirname(dir) === dir) throw new Error(`the receipt glyph atlas (glyphs/receipt-glyphs.bin) is in none of ${looked.join(', ')}: run npm run build`);
  }
}

/** The DejaVu Sans files, regular and bold: what the glyph atlas is made from and other documents (the counter's A4 PDF) embed. */
export function receiptFontFiles(): { regular: string; bold: string } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf') };
}
