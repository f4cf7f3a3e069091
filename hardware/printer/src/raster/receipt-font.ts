import type { LineSize } from '../receipt.js';
import { type Bitmap, bytesPerRow } from './bitmap.js';
import { RECEIPT_FONT_PX, receiptGlyphsFile } from './fonts.js';
import { AtlasFile, type AtlasFace, type Kerning, pairKey, SUBPIXEL_STEPS } from './glyph-atlas.js';

/** What a character outside the receipt charset prints as. */
const MISSING = '?'.codePointAt(0)!;

/** The ligatures Skia draws (DejaVu Sans has them): the atlas holds their glyphs as characters. */
const LIGATURES: Record<string, string> = { ff: '\ufb00', fi: '\ufb01', fl: '\ufb02', ffi: '\ufb03', ffl: '\ufb04' };

let atlas: AtlasFile | undefined;

/** The shipped atlas, opened at the first receipt drawn. */
export function shippedAtlas(): AtlasFile {
  atlas ??= new AtlasFile(receiptGlyphsFile());
  return atlas;
}

/** A face of the receipt font at one line size: measures and draws text as Skia's canvas would. */
export class ReceiptFont {
  readonly px: number;
  readonly #face: AtlasFace;
  readonly #kerning: Kerning;

  constructor(size: LineSize, bold: boolean) {
    this.px = RECEIPT_FONT_PX[size];
    const face = shippedAtlas().face(this.px, bold);
    if (!face) throw new Error(`the receipt glyph atlas has no ${bold ? 'bold' : 'regular'} face at ${this.px} px (run npm run glyphs)`);
    this.#face = face;
    this.#kerning = bold ? shippedAtlas().kerning.bold : shippedAtlas().kerning.regular;
  }

  /** The text's characters (ligatures joined, unknown ones as "?") with the pen position of each, from 0. */
  #layout(text: string): { codePoint: number; x: number }[] {
    const shaped = text.normalize('NFC').replace(/ff[il]|f[fil]/g, (letters) => LIGATURES[letters] ?? letters);
    const codePoints = Array.from(shaped, (character) => {
      const codePoint = character.codePointAt(0)!;
      return this.#face.has(codePoint) ? codePoint : MISSING;
    });
    let x = 0;
    return codePoints.map((codePoint, index) => {
      const placed = { codePoint, x };
      const next = codePoints[index + 1];
      x += this.#face.advance(codePoint) + (next === undefined ? 0 : (this.#kerning.get(pairKey(codePoint, next)) ?? 0) * this.px);
      return placed;
    });
  }

  /** The text's width in dots (fractional, as the canvas measures it). */
  measure(text: string): number {
    const last = this.#layout(text).at(-1);
    return last ? last.x + this.#face.advance(last.codePoint) : 0;
  }

  /** Draws the text black into the bitmap, its pen starting at x (a whole dot) on the baseline. */
  draw(target: Bitmap, text: string, x: number, baseline: number): void {
    const stride = bytesPerRow(target.width);
    for (const { codePoint, x: offset } of this.#layout(text)) {
      // The pen to the nearest quarter dot, as Skia places it.
      const quarters = Math.round(offset * SUBPIXEL_STEPS);
      const image = this.#face.image(codePoint, quarters % SUBPIXEL_STEPS);
      const left = x + Math.floor(quarters / SUBPIXEL_STEPS) + image.left;
      const top = baseline + image.top;
      const imageStride = bytesPerRow(image.width);
      for (let row = 0; row < image.height; row++) {
        const y = top + row;
        if (y < 0 || y >= target.height) continue;
        for (let column = 0; column < image.width; column++) {
          const dot = left + column;
          if (dot < 0 || dot >= target.width || (image.bits[row * imageStride + (column >> 3)]! & (0x80 >> (column & 7))) === 0) continue;
          target.data[y * stride + (dot >> 3)]! |= 0x80 >> (dot & 7);
        }
      }
    }
  }
}

const fonts = new Map<string, ReceiptFont>();

export function receiptFont(size: LineSize, bold: boolean): ReceiptFont {
  const key = `${size}/${bold}`;
  let font = fonts.get(key);
  if (!font) fonts.set(key, (font = new ReceiptFont(size, bold)));
  return font;
}
