import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/**
 * The fonts receipts are drawn with: DejaVu Sans (the dejavu-fonts-ttf package), which has every
 * Vietnamese letter, whole and with stacked marks, and stays crisp when thresholded at 203 dpi.
 */
export const RECEIPT_FONT = 'QmsReceiptSans';

let registered = false;

/** The DejaVu Sans files, regular and bold: what other documents (the counter's A4 PDF) embed. */
export function receiptFontFiles(): { regular: string; bold: string } {
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return { regular: join(dir, 'DejaVuSans.ttf'), bold: join(dir, 'DejaVuSans-Bold.ttf') };
}

export function registerReceiptFonts(): void {
  if (registered) return;
  const dir = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  for (const file of ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']) {
    if (!GlobalFonts.registerFromPath(join(dir, file), RECEIPT_FONT)) throw new Error(`cannot load the receipt font ${file} from ${dir}`);
  }
  registered = true;
}
