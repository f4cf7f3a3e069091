import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { type Bitmap, RECEIPT_FONT_PX, receiptFontFiles, type TextLine, toBitmap } from '@qms/printer';

/**
 * The receipt's text drawn by Skia (@napi-rs/canvas), as the printer package drew it before its
 * glyph atlas: the reference the atlas's receipts are checked against, dot for dot.
 */

const FAMILY = 'QmsSkiaReference';
let registered = false;

function register(): void {
  if (registered) return;
  const files = receiptFontFiles();
  for (const file of [files.regular, files.bold]) {
    if (!GlobalFonts.registerFromPath(file, FAMILY)) throw new Error(`cannot load ${file}`);
  }
  registered = true;
}

function font(size: TextLine['size'], bold: boolean | undefined): string {
  return `${bold ? 'bold ' : ''}${RECEIPT_FONT_PX[size]}px ${FAMILY}`;
}

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

export function skiaTextLines(lines: readonly TextLine[], width: number, margin = 8): Bitmap {
  register();
  const measure = createCanvas(width, 1).getContext('2d');
  const laidOut: { text: string; line: TextLine; height: number }[] = [];
  for (const line of lines) {
    measure.font = font(line.size, line.bold);
    for (const text of wrap(measure, line.text, width - 2 * margin)) laidOut.push({ text, line, height: Math.ceil(RECEIPT_FONT_PX[line.size] * 1.25) });
  }
  const height = Math.max(
    1,
    laidOut.reduce((sum, entry) => sum + entry.height, 0),
  );
  const context = createCanvas(width, height).getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  let y = 0;
  for (const { text, line, height: lineHeight } of laidOut) {
    context.font = font(line.size, line.bold);
    const x = line.align === 'center' ? Math.max(margin, (width - context.measureText(text).width) / 2) : margin;
    context.fillText(text, Math.round(x), Math.round(y + RECEIPT_FONT_PX[line.size] * (0.125 + 0.85)));
    y += lineHeight;
  }
  return toBitmap(context.getImageData(0, 0, width, height).data, width, height);
}

export function skiaRow(cells: readonly string[], shares: readonly number[], size: TextLine['size'], bold: boolean, width: number, margin = 8): Bitmap {
  register();
  const px = RECEIPT_FONT_PX[size];
  const lineHeight = Math.ceil(px * 1.25);
  const inner = width - 2 * margin;
  const measure = createCanvas(width, 1).getContext('2d');
  measure.font = font(size, bold);
  let left = margin;
  const columns = cells.map((text, index) => {
    const columnWidth = Math.floor(inner * (shares[index] ?? 0));
    const column = { left, width: columnWidth, lines: wrap(measure, text, columnWidth - 8) };
    left += columnWidth;
    return column;
  });
  const height = Math.max(1, ...columns.map((column) => column.lines.length)) * lineHeight;
  const context = createCanvas(width, height).getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.font = font(size, bold);
  columns.forEach((column, index) => {
    column.lines.forEach((text, line) => {
      const x = index === 0 ? column.left : column.left + Math.max(0, (column.width - context.measureText(text).width) / 2);
      context.fillText(text, Math.round(x), Math.round(line * lineHeight + px * 0.97));
    });
  });
  return toBitmap(context.getImageData(0, 0, width, height).data, width, height);
}
