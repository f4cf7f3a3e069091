import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { LineSize } from '../receipt.js';
import { type Bitmap, toBitmap } from './bitmap.js';
import { RECEIPT_FONT, registerReceiptFonts } from './fonts.js';

/** Pixel sizes at 203 dpi (8 dots/mm): small ≈ 2.5 mm, normal ≈ 3 mm, large ≈ 4 mm, huge ≈ 12 mm. */
const FONT_PX: Record<LineSize, number> = { small: 20, normal: 25, large: 32, huge: 96 };
const LINE_GAP = 0.25;

export interface TextLine {
  text: string;
  size: LineSize;
  align: 'left' | 'center';
  bold?: boolean;
}

function font(line: Pick<TextLine, 'size' | 'bold'>): string {
  return `${line.bold ? 'bold ' : ''}${FONT_PX[line.size]}px ${RECEIPT_FONT}`;
}

/** Splits text into lines that fit the width, at spaces; a word wider than the line is cut. */
function wrap(context: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (context.measureText(candidate).width <= maxWidth || !current) {
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
 * Draws text lines black on white across the paper width and thresholds them to 1 bit. The
 * margin keeps ink off the unprintable edge.
 */
export function renderTextLines(lines: readonly TextLine[], width: number, margin = 8): Bitmap {
  registerReceiptFonts();
  const measure = createCanvas(width, 1).getContext('2d');
  const laidOut: { text: string; line: TextLine; height: number }[] = [];
  for (const line of lines) {
    measure.font = font(line);
    for (const text of wrap(measure, line.text, width - 2 * margin)) {
      laidOut.push({ text, line, height: Math.ceil(FONT_PX[line.size] * (1 + LINE_GAP)) });
    }
  }
  const height = Math.max(
    1,
    laidOut.reduce((sum, entry) => sum + entry.height, 0),
  );
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.textBaseline = 'alphabetic';
  let y = 0;
  for (const { text, line, height: lineHeight } of laidOut) {
    context.font = font(line);
    const textWidth = context.measureText(text).width;
    const x = line.align === 'center' ? Math.max(margin, (width - textWidth) / 2) : margin;
    // Baseline at 80 % of the font size below the line top: room for the stacked marks above.
    context.fillText(text, Math.round(x), Math.round(y + FONT_PX[line.size] * (LINE_GAP / 2 + 0.85)));
    y += lineHeight;
  }
  return toBitmap(context.getImageData(0, 0, width, height).data, width, height);
}

/** A horizontal rule across the paper. */
export function renderRule(width: number, margin = 8, thickness = 2, padding = 6): Bitmap {
  const canvas = createCanvas(width, thickness + 2 * padding);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, thickness + 2 * padding);
  context.fillStyle = '#000';
  context.fillRect(margin, padding, width - 2 * margin, thickness);
  return toBitmap(context.getImageData(0, 0, width, thickness + 2 * padding).data, width, thickness + 2 * padding);
}
