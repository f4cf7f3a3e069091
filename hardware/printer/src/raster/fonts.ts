import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { LineSize } from '../receipt.js';

/**
 * Receipts are drawn in DejaVu Sans (the dejavu-fonts-ttf package), which has every Vietnamese
 * letter, whole and with stacked marks, and stays crisp when thresholded at 203 dpi.
 */

/** Pixel sizes at 203 dpi (8 dots/mm): small ≈ 2.5 mm, normal ≈ 3 mm, large ≈ 4 mm, huge ≈ 12 mm. */
export const RECEIPT_FONT_PX: Record<LineSize, number> = { small: 20, normal: 25, large: 32, huge: 96 };

/** The receipt glyph atlas (glyph-atlas.ts), shipped beside the printer package's code: `npm run glyphs` writes it. */
export function receiptGlyphsFile(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@qms/printer/package.json')), 'glyphs', 'receipt-glyphs.bin');
}

/** The DejaVu Sans files, regular and bold: what the glyph atlas is made from and other documents (the counter's A4 PDF) embed. */
export function receiptFontFiles(): { regular: string; bold: string } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf') };
}
