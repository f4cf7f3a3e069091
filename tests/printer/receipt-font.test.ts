import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { applicationReceiptBlocks, type Bitmap, isBlack, type ReceiptBlock, receiptBlocks, renderRow, renderTextLines, type TextLine } from '@qms/printer';
import { describe, expect, it } from 'vitest';
import { pairKey } from '../../hardware/printer/src/raster/glyph-atlas.js';
import { makeGlyphAtlas, RECEIPT_CHARSET } from '../../hardware/printer/src/raster/make-glyph-atlas.js';
import { shippedAtlas } from '../../hardware/printer/src/raster/receipt-font.js';
import { skiaRow, skiaTextLines } from '../support/skia-receipt.js';
import { APPLICATION } from './application-fixture.js';
import { RECEIPT } from './fixtures.js';

/** The dots where two bitmaps differ, or why they cannot be compared. */
function difference(ours: Bitmap, skia: Bitmap): { differing: number; ink: number } | string {
  if (ours.width !== skia.width || ours.height !== skia.height) return `${ours.width}×${ours.height} against Skia's ${skia.width}×${skia.height}`;
  let differing = 0;
  let ink = 0;
  for (let y = 0; y < ours.height; y++) {
    for (let x = 0; x < ours.width; x++) {
      if (isBlack(skia, x, y)) ink++;
      if (isBlack(ours, x, y) !== isBlack(skia, x, y)) differing++;
    }
  }
  return { differing, ink };
}

const VIETNAMESE = 'aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ';

/** Text that exercises the layout: every Vietnamese letter in both cases, kerned pairs, ligatures, signs, wrapping. */
const SAMPLES = [
  VIETNAMESE,
  VIETNAMESE.toUpperCase(),
  'AVATAR To Ta LT Yo "Wave" P.A. AWAY Vượt Tỷ Ý kiến',
  'Office of Justice: certification fee 15.000 ₫ — “affluent” ‘ffl’ … • ★ № 5 ™ ← → ✓ 20 ‰',
  'Đăng ký kết hôn có yếu tố nước ngoài tại Ủy ban nhân dân cấp xã ở khu vực biên giới với công dân nước láng giềng',
];

describe('receipts drawn from the glyph atlas, without Skia', () => {
  const compare = (block: ReceiptBlock, width: 576 | 384) => {
    if (block.kind === 'text') return difference(renderTextLines([block], width), skiaTextLines([block], width));
    if (block.kind === 'row')
      return difference(renderRow(block.cells, block.shares, block.size, block.bold ?? false, width), skiaRow(block.cells, block.shares, block.size, block.bold ?? false, width));
    return undefined;
  };

  it('prints the ticket and the application receipt dot for dot as Skia draws them, on 80 mm and 58 mm paper', () => {
    const receipts = [
      ...(['normal', 'elderly', 'disabled', 'pregnant', 'child'] as const).map((priority) => receiptBlocks({ ...RECEIPT, priority, estimatedWaitSeconds: 5_400, counters: [1, 2, 3, 4, 5, 6, 7] })),
      applicationReceiptBlocks(APPLICATION),
    ];
    let compared = 0;
    for (const blocks of receipts) {
      for (const block of blocks) {
        for (const width of [576, 384] as const) {
          const result = compare(block, width);
          if (result === undefined) continue;
          compared++;
          expect(result, `${JSON.stringify(block)} on ${width} dots`).toEqual({ differing: 0, ink: expect.any(Number) });
          expect((result as { ink: number }).ink).toBeGreaterThan(100);
        }
      }
    }
    expect(compared).toBeGreaterThan(60);
  });

  it('prints every Vietnamese letter, kerned pairs, ligatures and signs at every size, regular and bold, wrapped as Skia wraps them', () => {
    // Where a kerned pair's glyphs touch, Skia adds their grey edges before the threshold and the
    // atlas's 1-bit glyphs cannot: a dot or two of the sample (about one in 10,000 of its ink) may differ.
    let differing = 0;
    for (const width of [576, 384] as const) {
      for (const size of ['small', 'normal', 'large', 'huge'] as const) {
        for (const bold of [false, true]) {
          const lines: TextLine[] = SAMPLES.map((text, index) => ({ text, size, bold, align: index % 2 === 0 ? 'left' : 'center' }));
          const result = difference(renderTextLines(lines, width), skiaTextLines(lines, width));
          if (typeof result === 'string') expect.fail(`${size}${bold ? ' bold' : ''} on ${width} dots: ${result}`);
          expect(result.differing, `${size}${bold ? ' bold' : ''} on ${width} dots`).toBeLessThanOrEqual(result.ink / 5_000);
          differing += result.differing;
        }
      }
    }
    expect(differing).toBeLessThan(20);
  });

  it('prints text typed with combining marks as the composed letters, and a character outside the charset as "?"', () => {
    const line = (text: string): TextLine[] => [{ text, size: 'normal', align: 'left' }];
    const composed = renderTextLines(line('Nguyễn Thị Hồng Nhung'), 576);
    expect(renderTextLines(line('Nguyễn Thị Hồng Nhung'.normalize('NFD')), 576).data).toEqual(composed.data);
    expect(renderTextLines(line('Số 漢 1'), 576).data).toEqual(renderTextLines(line('Số ? 1'), 576).data);
    expect(renderTextLines(line('Số ? 1'), 576).data).not.toEqual(renderTextLines(line('Số 1'), 576).data);
  });

  it('is what `npm run glyphs` makes from the font today (a sample of the charset, every face)', () => {
    const sample = [...'AVTaoy fiĐữỹ₫★'].map((character) => character.codePointAt(0)!).concat(0xfb01);
    for (const codePoint of sample) expect(RECEIPT_CHARSET).toContain(codePoint);
    const made = makeGlyphAtlas(sample);
    const shipped = shippedAtlas();
    const faceNames = (faces: readonly { bold: boolean; px: number }[]) => faces.map((face) => `${face.bold ? 'bold' : 'regular'} ${face.px}`);
    expect(faceNames(shipped.faces)).toEqual(faceNames(made.faces));
    for (const face of made.faces) {
      const shippedFace = shipped.face(face.px, face.bold)!;
      expect(shippedFace.codePoints).toEqual(RECEIPT_CHARSET);
      for (const [codePoint, glyph] of face.glyphs) {
        const name = `U+${codePoint.toString(16)} ${face.bold ? 'bold' : 'regular'} ${face.px} px`;
        expect(shippedFace.advance(codePoint), name).toBe(glyph.advance);
        glyph.images.forEach((image, step) => expect(shippedFace.image(codePoint, step), `${name}, pen at ${step}/4`).toEqual(image));
      }
    }
    for (const bold of [false, true] as const) {
      const madeKerning = bold ? made.kerning.bold : made.kerning.regular;
      expect(madeKerning.size).toBeGreaterThan(3);
      for (const left of sample) for (const right of sample) expect((bold ? shipped.kerning.bold : shipped.kerning.regular).get(pairKey(left, right))).toBe(madeKerning.get(pairKey(left, right)));
    }
  }, 60_000);

  it('prints a receipt without loading Skia', () => {
    // A Node of its own: vitest's process has Skia loaded by the tests above.
    const run = (extraImport: string) => {
      const script = `${extraImport}
      import { buildReceiptJob } from '@qms/printer';
      import { readFileSync } from 'node:fs';
      const job = buildReceiptJob(${JSON.stringify(RECEIPT)}, { type: 'epson', widthDots: 576, encoding: 'raster' });
      const natives = readFileSync('/proc/self/maps', 'utf8').split('\\n').filter((line) => line.endsWith('.node')).map((line) => line.split(' ').at(-1));
      console.log(JSON.stringify({ bytes: job.length, natives: [...new Set(natives)] }));`;
      const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8' });
      const { bytes, natives } = JSON.parse(output) as { bytes: number; natives: string[] };
      expect(bytes).toBeGreaterThan(10_000);
      return natives.filter((file) => /canvas|skia/i.test(file));
    };
    expect(run('')).toEqual([]);
    // The same check sees Skia when it is loaded.
    expect(run("import '@napi-rs/canvas';")).toHaveLength(1);
  });
});
