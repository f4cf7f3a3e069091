import { type ApplicationReceiptData, applicationReceiptBlocks, code128Modules, type LineSize, receiptFontFiles, type ReceiptBlock } from '@qms/printer';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/** Type sizes in points on the A4 page for the receipt's line sizes. */
const POINTS: Record<LineSize, number> = { small: 9.5, normal: 11.5, large: 16, huge: 28 };
const MARGIN = 56; // 2 cm
const REGULAR = 'ReceiptSans';
const BOLD = 'ReceiptSans-Bold';

/**
 * The application receipt as an A4 page (PDF), for centres that hand the receipt on paper: the same
 * blocks as the 80 mm receipt (one description, two renderers), in DejaVu Sans embedded so every
 * Vietnamese letter prints and reads back as text; the barcode and the QR drawn as vectors.
 */
export function applicationReceiptPdf(data: ApplicationReceiptData, createdAt: Date): Promise<Buffer> {
  const fonts = receiptFontFiles();
  // The document's default font is ours: pdfkit then never loads its built-in Helvetica.
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    font: fonts.regular,
    info: { Title: `Giấy tiếp nhận hồ sơ ${data.code}`, Subject: data.procedure.name, Creator: 'QMS counter', CreationDate: createdAt },
  });
  doc.registerFont(REGULAR, fonts.regular);
  doc.registerFont(BOLD, fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const block of applicationReceiptBlocks(data)) draw(doc, block);
  doc.end();
  return done;
}

function draw(doc: PDFKit.PDFDocument, block: ReceiptBlock): void {
  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  switch (block.kind) {
    case 'text':
      doc
        .font(block.bold ? BOLD : REGULAR)
        .fontSize(POINTS[block.size])
        .text(block.text, left, doc.y, { width, align: block.align === 'center' ? 'center' : 'left' });
      doc.moveDown(0.15);
      break;
    case 'rule':
      doc.moveDown(0.3);
      doc
        .moveTo(left, doc.y)
        .lineTo(left + width, doc.y)
        .lineWidth(0.8)
        .stroke();
      doc.moveDown(0.5);
      break;
    case 'space':
      doc.moveDown(block.dots / 25);
      break;
    case 'row': {
      const top = doc.y;
      let x = left;
      let bottom = top;
      doc.font(block.bold ? BOLD : REGULAR).fontSize(POINTS[block.size] + 1);
      block.cells.forEach((cell, index) => {
        const cellWidth = width * (block.shares[index] ?? 0);
        doc.text(cell, x, top, { width: cellWidth - 6, align: index === 0 ? 'left' : 'center' });
        bottom = Math.max(bottom, doc.y);
        x += cellWidth;
      });
      doc
        .moveTo(left, bottom + 2)
        .lineTo(left + width, bottom + 2)
        .lineWidth(0.3)
        .stroke();
      doc.x = left;
      doc.y = bottom + 5;
      break;
    }
    case 'barcode': {
      const modules = code128Modules(block.data);
      const module = 1.1;
      const height = 42;
      const start = left + (width - modules.length * module) / 2;
      const top = doc.y + 2;
      modules.forEach((bar, index) => {
        if (bar) doc.rect(start + index * module, top, module, height);
      });
      doc.fill('black');
      doc.y = top + height + 2;
      doc.font(REGULAR).fontSize(POINTS.small).text(block.data, left, doc.y, { width, align: 'center' });
      doc.moveDown(0.3);
      break;
    }
    case 'qr': {
      const qr = QRCode.create(block.data, { errorCorrectionLevel: 'M' });
      const size = qr.modules.size;
      const cell = 3;
      const start = left + (width - size * cell) / 2;
      const top = doc.y + 4;
      for (let row = 0; row < size; row++) for (let col = 0; col < size; col++) if (qr.modules.get(row, col)) doc.rect(start + col * cell, top + row * cell, cell, cell);
      doc.fill('black');
      doc.x = left;
      doc.y = top + size * cell + 6;
      break;
    }
  }
}
