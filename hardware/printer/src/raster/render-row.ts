import type { LineSize } from '../receipt.js';
import type { Bitmap } from './bitmap.js';
import { receiptFont } from './receipt-font.js';
import { blankBitmap, wrapText } from './render-text.js';

const GAP = 8;

/**
 * One row of a table across the paper: the first cell left-aligned and wrapped in its share of the
 * width, the others centred in theirs (counts, short words). `shares` are fractions of the width
 * inside the margins, one per cell.
 */
export function renderRow(cells: readonly string[], shares: readonly number[], size: LineSize, bold: boolean, width: number, margin = 8): Bitmap {
  const font = receiptFont(size, bold);
  const lineHeight = Math.ceil(font.px * 1.25);
  const inner = width - 2 * margin;
  let left = margin;
  const columns = cells.map((text, index) => {
    const columnWidth = Math.floor(inner * (shares[index] ?? 0));
    const column = { left, width: columnWidth, lines: wrapText(font, text, columnWidth - GAP) };
    left += columnWidth;
    return column;
  });
  const bitmap = blankBitmap(width, Math.max(1, ...columns.map((column) => column.lines.length)) * lineHeight);
  columns.forEach((column, index) => {
    column.lines.forEach((text, line) => {
      const x = index === 0 ? column.left : column.left + Math.max(0, (column.width - font.measure(text)) / 2);
      font.draw(bitmap, text, Math.round(x), Math.round(line * lineHeight + font.px * 0.97));
    });
  });
  return bitmap;
}
