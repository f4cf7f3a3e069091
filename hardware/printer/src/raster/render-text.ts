import type { LineSize } from '../receipt.js';
import { type Bitmap, bytesPerRow } from './bitmap.js';
import { type ReceiptFont, receiptFont } from './receipt-font.js';

const LINE_GAP = 0.25;

export interface TextLine {
  text: string;
  size: LineSize;
  align: 'left' | 'center';
  bold?: boolean;
}

/** A white bitmap. */
export function blankBitmap(width: number, height: number): Bitmap {
  return { width, height, data: new Uint8Array(bytesPerRow(width) * height) };
}

/** Splits text into lines that fit the width, at spaces; a word wider than the line stays whole on its line. */
export function wrapText(font: ReceiptFont, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.measure(candidate) <= maxWidth || !current) {
      current = candidate;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/**
 * Draws text lines black on white across the paper width, 1 bit a dot. The margin keeps ink off
 * the unprintable edge.
 */
export function renderTextLines(lines: readonly TextLine[], width: number, margin = 8): Bitmap {
  const laidOut: { text: string; font: ReceiptFont; line: TextLine; height: number }[] = [];
  for (const line of lines) {
    const font = receiptFont(line.size, line.bold ?? false);
    for (const text of wrapText(font, line.text, width - 2 * margin)) {
      laidOut.push({ text, font, line, height: Math.ceil(font.px * (1 + LINE_GAP)) });
    }
  }
  const bitmap = blankBitmap(
    width,
    Math.max(
      1,
      laidOut.reduce((sum, entry) => sum + entry.height, 0),
    ),
  );
  let y = 0;
  for (const { text, font, line, height } of laidOut) {
    const x = line.align === 'center' ? Math.max(margin, (width - font.measure(text)) / 2) : margin;
    // Baseline at 85 % of the font size below the line's top and half its gap: room for the stacked marks above.
    font.draw(bitmap, text, Math.round(x), Math.round(y + font.px * (LINE_GAP / 2 + 0.85)));
    y += height;
  }
  return bitmap;
}

/** A horizontal rule across the paper. */
export function renderRule(width: number, margin = 8, thickness = 2, padding = 6): Bitmap {
  const bitmap = blankBitmap(width, thickness + 2 * padding);
  const stride = bytesPerRow(width);
  for (let y = padding; y < padding + thickness; y++) {
    for (let x = margin; x < width - margin; x++) bitmap.data[y * stride + (x >> 3)]! |= 0x80 >> (x & 7);
  }
  return bitmap;
}
