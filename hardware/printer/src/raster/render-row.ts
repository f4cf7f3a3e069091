import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { LineSize } from '../receipt.js';
import { type Bitmap, toBitmap } from './bitmap.js';
import { RECEIPT_FONT, registerReceiptFonts } from './fonts.js';

const FONT_PX: Record<LineSize, number> = { small: 20, normal: 25, large: 32, huge: 96 };
const GAP = 8;

/** Words of a cell as lines that fit its width (a word wider than the cell stays whole on its line). */
function wrap(context: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (context.measureText(candidate).width <= maxWidth || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}

/**
 * One row of a table across the paper: the first cell left-aligned and wrapped in its share of the
 * width, the others centred in theirs (counts, short words). `shares` are fractions of the width
 * inside the margins, one per cell.
 */
export function renderRow(cells: readonly string[], shares: readonly number[], size: LineSize, bold: boolean, width: number, margin = 8): Bitmap {
  registerReceiptFonts();
  const px = FONT_PX[size];
  const lineHeight = Math.ceil(px * 1.25);
  const inner = width - 2 * margin;
  const font = `${bold ? 'bold ' : ''}${px}px ${RECEIPT_FONT}`;
  const measure = createCanvas(width, 1).getContext('2d');
  measure.font = font;
  let left = margin;
  const columns = cells.map((text, index) => {
    const columnWidth = Math.floor(inner * (shares[index] ?? 0));
    const column = { left, width: columnWidth, lines: wrap(measure, text, columnWidth - GAP) };
    left += columnWidth;
    return column;
  });
  const height = Math.max(1, ...columns.map((column) => column.lines.length)) * lineHeight;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.font = font;
  columns.forEach((column, index) => {
    column.lines.forEach((text, line) => {
      const x = index === 0 ? column.left : column.left + Math.max(0, (column.width - context.measureText(text).width) / 2);
      context.fillText(text, Math.round(x), Math.round(line * lineHeight + px * 0.97));
    });
  });
  return toBitmap(context.getImageData(0, 0, width, height).data, width, height);
}
