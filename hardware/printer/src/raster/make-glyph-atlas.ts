/**
 * Makes the receipt glyph atlas with Skia (@napi-rs/canvas, a development dependency): `npm run
 * glyphs` writes glyphs/receipt-glyphs.bin. Run it again when the charset, the sizes or the font change;
 * a test checks the file still matches what this makes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { bytesPerRow, isBlack, toBitmap } from './bitmap.js';
import { RECEIPT_FONT_PX, receiptFontFiles } from './fonts.js';
import { encodeAtlas, type Glyph, type GlyphAtlas, type GlyphFace, type GlyphImage, pairKey, SUBPIXEL_STEPS } from './glyph-atlas.js';

const FAMILY = 'QmsReceiptSans';

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/**
 * What a receipt can print: ASCII, Latin-1 and Latin Extended-A (names and foreign words), the
 * Vietnamese letters (Ơ ơ Ư ư and the whole Latin Extended Additional block of tone-marked vowels),
 * and the punctuation and signs receipts and procedure names use. Anything else prints as "?".
 */
export const RECEIPT_CHARSET: readonly number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...range(0x100, 0x17f),
  0x1a0,
  0x1a1,
  0x1af,
  0x1b0,
  ...range(0x1ea0, 0x1ef9),
  ...range(0x2010, 0x2022),
  0x2026,
  0x2030,
  0x2032,
  0x2033,
  0x20ab,
  0x20ac,
  0x2116,
  0x2122,
  ...range(0x2190, 0x2193),
  0x2212,
  0x2605,
  0x2606,
  0x2713,
  // The ligatures Skia draws for ff, fi, fl, ffi and ffl.
  ...range(0xfb00, 0xfb04),
];

function fontSpec(bold: boolean, px: number): string {
  return `${bold ? 'bold ' : ''}${px}px ${FAMILY}`;
}

function registerFonts(): void {
  const files = receiptFontFiles();
  for (const file of [files.regular, files.bold]) {
    if (!GlobalFonts.registerFromPath(file, FAMILY)) throw new Error(`cannot load the receipt font ${file}`);
  }
}

/** The glyph drawn alone with its pen at `phase` of a dot, thresholded as receipts are, cropped to its ink. */
function glyphImage(text: string, bold: boolean, px: number, phase: number): GlyphImage {
  const pad = 2 * px;
  const width = Math.ceil(3 * px + 2 * pad);
  const height = 4 * px;
  const baseline = 3 * px;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000';
  context.font = fontSpec(bold, px);
  context.fillText(text, pad + phase, baseline);
  const bitmap = toBitmap(context.getImageData(0, 0, width, height).data, width, height);
  const ink = (x: number, y: number) => isBlack(bitmap, x, y);
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!ink(x, y)) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (maxX < 0) return { left: 0, top: 0, width: 0, height: 0, bits: new Uint8Array(0) };
  if (minX === 0 || minY === 0 || maxX === width - 1 || maxY === height - 1) throw new Error(`the glyph U+${text.codePointAt(0)?.toString(16)} at ${px} px does not fit its canvas`);
  const imageWidth = maxX - minX + 1;
  const imageHeight = maxY - minY + 1;
  const imageStride = bytesPerRow(imageWidth);
  const bits = new Uint8Array(imageStride * imageHeight);
  for (let y = 0; y < imageHeight; y++) {
    for (let x = 0; x < imageWidth; x++) {
      if (ink(minX + x, minY + y)) bits[y * imageStride + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return { left: minX - pad, top: minY - baseline, width: imageWidth, height: imageHeight, bits };
}

/**
 * DejaVu Sans has 2048 units to the em. Skia lays text out with the font's advances and kerning
 * scaled exactly, but measureText rounds to 0.01 of a dot: measured at 2048 px, both are whole units.
 */
const UNITS_PER_EM = 2048;

/** Each character's advance in em. */
function advances(bold: boolean, charset: readonly number[]): number[] {
  const context = createCanvas(8, 8).getContext('2d');
  context.font = fontSpec(bold, UNITS_PER_EM);
  return charset.map((codePoint) => Math.round(context.measureText(String.fromCodePoint(codePoint)).width) / UNITS_PER_EM);
}

/** Kerning of every pair of the charset in a face, in em (pairs Skia does not kern are left out). */
function kerning(bold: boolean, charset: readonly number[], advance: readonly number[]): Map<number, number> {
  const context = createCanvas(8, 8).getContext('2d');
  context.font = fontSpec(bold, UNITS_PER_EM);
  const text = charset.map((codePoint) => String.fromCodePoint(codePoint));
  const pairs = new Map<number, number>();
  text.forEach((left, i) => {
    text.forEach((right, j) => {
      const units = Math.round(context.measureText(left + right).width - (advance[i]! + advance[j]!) * UNITS_PER_EM);
      if (units !== 0) pairs.set(pairKey(charset[i]!, charset[j]!), units / UNITS_PER_EM);
    });
  });
  return pairs;
}

export function makeGlyphAtlas(charset: readonly number[] = RECEIPT_CHARSET): GlyphAtlas {
  registerFonts();
  const faces: GlyphFace[] = [];
  const kerns: Map<number, number>[] = [];
  const sizes = [...new Set(Object.values(RECEIPT_FONT_PX))].sort((a, b) => a - b);
  for (const bold of [false, true]) {
    const advance = advances(bold, charset);
    kerns.push(kerning(bold, charset, advance));
    for (const px of sizes) {
      const glyphs = new Map<number, Glyph>();
      charset.forEach((codePoint, index) => {
        const text = String.fromCodePoint(codePoint);
        const images = Array.from({ length: SUBPIXEL_STEPS }, (_, step) => glyphImage(text, bold, px, step / SUBPIXEL_STEPS));
        glyphs.set(codePoint, { advance: advance[index]! * px, images });
      });
      faces.push({ bold, px, glyphs });
    }
  }
  return { kerning: { regular: kerns[0]!, bold: kerns[1]! }, faces };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  // The printer package's glyphs/ folder, which the build copies beside each command.
  const file = fileURLToPath(new URL('../../glyphs/receipt-glyphs.bin', import.meta.url));
  const bytes = encodeAtlas(makeGlyphAtlas());
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  process.stdout.write(`wrote ${file} (${Math.round(bytes.length / 1024)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
