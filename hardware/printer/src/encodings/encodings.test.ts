import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeCp1258, encodeCp1258 } from './cp1258.js';
import { decodeTcvn3, encodeTcvn3 } from './tcvn3.js';
import { VIETNAMESE_LETTERS, VIETNAMESE_LOWER } from './vietnamese-letters.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** glibc's iconv, where the machine has it: a second, independent encoder to compare with. */
function iconv(text: string, to: string): string | null {
  try {
    return execFileSync('iconv', ['-f', 'UTF-8', '-t', to], { input: text }).toString('hex');
  } catch {
    return null; // no iconv here: the golden bytes below still hold
  }
}

describe('Vietnamese letters', () => {
  it('are 134, in both cases', () => {
    expect(VIETNAMESE_LOWER).toHaveLength(67);
    expect(VIETNAMESE_LETTERS).toHaveLength(134);
    expect(new Set(VIETNAMESE_LETTERS).size).toBe(134);
  });
});

describe('CP1258 encoder', () => {
  it.each([
    ['Đất đai', 'd0e2ec7420f06169'],
    ['ố', 'f4ec'],
    ['Hộ tịch', '48f4f2207469f26368'],
    ['á à ả ã ạ', 'e120e02061d22061de2061f2'],
    ['Ứ', 'ddec'],
    ['ý', '79ec'],
  ])('%s → %s', (text, bytes) => {
    const encoded = encodeCp1258(text);
    expect(hex(encoded.bytes)).toBe(bytes);
    expect(encoded.unmapped).toEqual([]);
  });

  it('round-trips all 134 letters', () => {
    for (const letter of VIETNAMESE_LETTERS) {
      const { bytes, unmapped } = encodeCp1258(letter);
      expect(unmapped, letter).toEqual([]);
      expect(decodeCp1258(bytes), letter).toBe(letter);
    }
    const all = VIETNAMESE_LETTERS.join('');
    expect(decodeCp1258(encodeCp1258(all).bytes)).toBe(all);
  });

  it('writes the same bytes as glibc iconv', () => {
    const all = VIETNAMESE_LETTERS.join(' ');
    const reference = iconv(all, 'CP1258');
    if (reference !== null) expect(hex(encodeCp1258(all).bytes)).toBe(reference);
  });

  it('reports what the code page cannot write', () => {
    expect(encodeCp1258('số 1 · ☎').unmapped).toEqual(['☎']);
  });
});

describe('TCVN3 encoder', () => {
  it.each([
    ['Đất đai', 'a7ca7420ae6169'],
    ['Hộ tịch', '48e92074de6368'],
    ['Chứng thực', '4368f86e67207468f963'],
  ])('%s → %s', (text, bytes) => {
    expect(hex(encodeTcvn3(text).bytes)).toBe(bytes);
  });

  it('never sends a byte below 0x20 for a letter: those capitals fall back to lower case', () => {
    const onControlBytes = ['Ú', 'Ụ', 'Ừ', 'Ử', 'Ữ', 'Ứ', 'Ự', 'Ỳ', 'Ỷ', 'Ỹ', 'Ý', 'Ỵ'];
    for (const letter of VIETNAMESE_LETTERS) {
      const { bytes, unmapped, lowered } = encodeTcvn3(letter);
      expect(unmapped, letter).toEqual([]);
      expect(
        [...bytes].every((byte) => byte >= 0x20),
        letter,
      ).toBe(true);
      const back = decodeTcvn3(bytes);
      if (onControlBytes.includes(letter)) {
        expect(back, letter).toBe(letter.toLowerCase());
        expect(lowered).toEqual([letter]);
      } else {
        expect(back, letter).toBe(letter);
        expect(lowered).toEqual([]);
      }
    }
  });

  it('writes the same bytes as glibc iconv for every letter it writes whole', () => {
    const safe = VIETNAMESE_LETTERS.filter((letter) => encodeTcvn3(letter).lowered.length === 0).join(' ');
    const reference = iconv(safe, 'TCVN5712-1');
    if (reference !== null) expect(hex(encodeTcvn3(safe).bytes)).toBe(reference);
  });
});
