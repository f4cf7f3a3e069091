import { closeSync, openSync, readSync } from 'node:fs';

/**
 * The receipt font as bitmaps: each character of the receipt charset, in DejaVu Sans regular and
 * bold at the receipt sizes, drawn by Skia once (`npm run glyphs`) and thresholded to 1 bit at the
 * four quarter-dot positions Skia itself places glyphs at. Receipts are then laid out and drawn in
 * plain JavaScript with the same advances, kerning and ligatures, so a station prints without
 * loading Skia (about 27 MB of memory) and its receipts are the dots Skia would have printed.
 */

/** Skia positions glyphs to a quarter of a dot: four images of each glyph, one for each position. */
export const SUBPIXEL_STEPS = 4;

/** One image of a glyph: its 1-bit dots (rows packed MSB first) and where they sit from the pen. */
export interface GlyphImage {
  /** Dots from the pen's whole-dot position to the image's left edge. */
  left: number;
  /** Dots from the baseline to the image's top edge (negative: above the baseline). */
  top: number;
  width: number;
  height: number;
  bits: Uint8Array;
}

export interface Glyph {
  /** How far the pen moves after the glyph, in dots. */
  advance: number;
  /** The glyph drawn at a pen position of 0, ¼, ½ and ¾ of a dot. */
  images: GlyphImage[];
}

/** One face (regular or bold) at one size, as `npm run glyphs` makes it. */
export interface GlyphFace {
  bold: boolean;
  px: number;
  glyphs: Map<number, Glyph>;
}

/** Kerning in em (multiply by the size in dots), per pair of code points (pairKey). */
export type Kerning = Map<number, number>;

export interface GlyphAtlas {
  kerning: { regular: Kerning; bold: Kerning };
  faces: GlyphFace[];
}

export function pairKey(left: number, right: number): number {
  return left * 0x110000 + right;
}

/*
 * The file, little-endian, read a glyph at a time (a station keeps only the glyphs it printed):
 *
 *   "QGA3", u32 header length, u8 face count
 *   each face:          u8 bold, u16 size in dots, u32 glyph count
 *   each face's glyphs: u32 code point, f32 advance, u32 offset of its images, u32 their length
 *   kerning, regular then bold: u32 pair count, each u32 left, u32 right, f32 kern in em
 *   then the images, SUBPIXEL_STEPS a glyph: i16 left, i16 top, u16 width, u16 height, the bits
 */
const MAGIC = 'QGA3';
const FACE_ENTRY = 7;
const GLYPH_ENTRY = 16;
const KERN_ENTRY = 12;
const IMAGE_HEADER = 8;

function imageBytes(image: GlyphImage): Buffer {
  const header = Buffer.alloc(IMAGE_HEADER);
  header.writeInt16LE(image.left, 0);
  header.writeInt16LE(image.top, 2);
  header.writeUInt16LE(image.width, 4);
  header.writeUInt16LE(image.height, 6);
  return Buffer.concat([header, image.bits]);
}

export function encodeAtlas(atlas: GlyphAtlas): Buffer {
  const glyphCount = atlas.faces.reduce((sum, face) => sum + face.glyphs.size, 0);
  const kerningLength = 8 + KERN_ENTRY * (atlas.kerning.regular.size + atlas.kerning.bold.size);
  const headerLength = 9 + FACE_ENTRY * atlas.faces.length + GLYPH_ENTRY * glyphCount + kerningLength;
  const header = Buffer.alloc(headerLength);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(headerLength, 4);
  header.writeUInt8(atlas.faces.length, 8);
  let at = 9;
  for (const face of atlas.faces) {
    header.writeUInt8(face.bold ? 1 : 0, at);
    header.writeUInt16LE(face.px, at + 1);
    header.writeUInt32LE(face.glyphs.size, at + 3);
    at += FACE_ENTRY;
  }
  const images: Buffer[] = [];
  let offset = headerLength;
  for (const face of atlas.faces) {
    for (const [codePoint, glyph] of face.glyphs) {
      const bytes = Buffer.concat(glyph.images.map(imageBytes));
      header.writeUInt32LE(codePoint, at);
      header.writeFloatLE(glyph.advance, at + 4);
      header.writeUInt32LE(offset, at + 8);
      header.writeUInt32LE(bytes.length, at + 12);
      at += GLYPH_ENTRY;
      images.push(bytes);
      offset += bytes.length;
    }
  }
  for (const pairs of [atlas.kerning.regular, atlas.kerning.bold]) {
    header.writeUInt32LE(pairs.size, at);
    at += 4;
    for (const [key, kern] of pairs) {
      header.writeUInt32LE(Math.floor(key / 0x110000), at);
      header.writeUInt32LE(key % 0x110000, at + 4);
      header.writeFloatLE(kern, at + 8);
      at += KERN_ENTRY;
    }
  }
  return Buffer.concat([header, ...images]);
}

function readAt(path: string, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    if (readSync(fd, buffer, 0, length, position) !== length) throw new Error(`the receipt glyph atlas ${path} is cut short`);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** One face of the atlas file: its index in memory, each glyph's images read at its first use. */
export class AtlasFace {
  readonly bold: boolean;
  readonly px: number;
  readonly #path: string;
  readonly #index = new Map<number, number>();
  readonly #advances: Float32Array;
  /** Offset and length of each glyph's images in the file. */
  readonly #blocks: Uint32Array;
  readonly #images = new Map<number, GlyphImage[]>();

  constructor(path: string, bold: boolean, px: number, index: Buffer) {
    this.#path = path;
    this.bold = bold;
    this.px = px;
    const count = index.length / GLYPH_ENTRY;
    this.#advances = new Float32Array(count);
    this.#blocks = new Uint32Array(2 * count);
    for (let glyph = 0; glyph < count; glyph++) {
      const at = glyph * GLYPH_ENTRY;
      this.#index.set(index.readUInt32LE(at), glyph);
      this.#advances[glyph] = index.readFloatLE(at + 4);
      this.#blocks[2 * glyph] = index.readUInt32LE(at + 8);
      this.#blocks[2 * glyph + 1] = index.readUInt32LE(at + 12);
    }
  }

  get codePoints(): number[] {
    return [...this.#index.keys()];
  }

  has(codePoint: number): boolean {
    return this.#index.has(codePoint);
  }

  advance(codePoint: number): number {
    return this.#advances[this.#glyph(codePoint)]!;
  }

  /** The glyph's image with its pen at `step` quarters of a dot. */
  image(codePoint: number, step: number): GlyphImage {
    let images = this.#images.get(codePoint);
    if (!images) {
      const glyph = this.#glyph(codePoint);
      const bytes = readAt(this.#path, this.#blocks[2 * glyph]!, this.#blocks[2 * glyph + 1]!);
      images = [];
      for (let at = 0; images.length < SUBPIXEL_STEPS;) {
        const width = bytes.readUInt16LE(at + 4);
        const height = bytes.readUInt16LE(at + 6);
        const size = Math.ceil(width / 8) * height;
        images.push({ left: bytes.readInt16LE(at), top: bytes.readInt16LE(at + 2), width, height, bits: new Uint8Array(bytes.buffer, bytes.byteOffset + at + IMAGE_HEADER, size) });
        at += IMAGE_HEADER + size;
      }
      this.#images.set(codePoint, images);
    }
    return images[step]!;
  }

  #glyph(codePoint: number): number {
    const glyph = this.#index.get(codePoint);
    if (glyph === undefined) throw new Error(`U+${codePoint.toString(16)} is not in the receipt glyph atlas`);
    return glyph;
  }
}

/** The atlas file: its faces' indexes and the kerning read at once (about 100 KB), the images on demand. */
export class AtlasFile {
  readonly faces: AtlasFace[] = [];
  readonly kerning: { regular: Kerning; bold: Kerning };

  constructor(path: string) {
    const start = readAt(path, 0, 8);
    if (start.toString('latin1', 0, 4) !== MAGIC) throw new Error(`${path} is not a receipt glyph atlas (npm run glyphs makes it)`);
    const header = readAt(path, 0, start.readUInt32LE(4));
    const faceCount = header.readUInt8(8);
    let at = 9 + FACE_ENTRY * faceCount;
    for (let face = 0; face < faceCount; face++) {
      const entry = 9 + FACE_ENTRY * face;
      const length = GLYPH_ENTRY * header.readUInt32LE(entry + 3);
      this.faces.push(new AtlasFace(path, header.readUInt8(entry) === 1, header.readUInt16LE(entry + 1), header.subarray(at, at + length)));
      at += length;
    }
    const kerning = (): Kerning => {
      const pairs: Kerning = new Map();
      const count = header.readUInt32LE(at);
      at += 4;
      for (let pair = 0; pair < count; pair++, at += KERN_ENTRY) pairs.set(pairKey(header.readUInt32LE(at), header.readUInt32LE(at + 4)), header.readFloatLE(at + 8));
      return pairs;
    };
    const regular = kerning();
    this.kerning = { regular, bold: kerning() };
  }

  face(px: number, bold: boolean): AtlasFace | undefined {
    return this.faces.find((face) => face.px === px && face.bold === bold);
  }
}
