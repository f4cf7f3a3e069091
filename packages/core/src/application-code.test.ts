import { describe, expect, it } from 'vitest';
import { applicationCode, isLookupSecret, LOOKUP_ALPHABET, newLookupSecret, normalizeLookupSecret, parseApplicationCode } from './application-code.js';

/** A random source that plays back the given bytes, then zeros. */
function bytes(...values: number[]) {
  const queue = [...values];
  return (count: number) => Uint8Array.from({ length: count }, () => queue.shift() ?? 0);
}

describe('application codes', () => {
  it('are CENTRE-YYMMDD-NNNN, UBND by default', () => {
    expect(applicationCode('2026-11-27', 42)).toBe('UBND-261127-0042');
    expect(applicationCode('2027-01-05', 9999, 'PHUONG7')).toBe('PHUONG7-270105-9999');
    expect(() => applicationCode('2026-11-27', 1, 'ub nd')).toThrowError(/centre code "ub nd"/);
    expect(() => applicationCode('2026-11-27', 10_000)).toThrowError(RangeError);
    expect(() => applicationCode('2026-11-27', 0)).toThrowError(RangeError);
  });

  it('parse back, forgiving case and spaces, and refuse what is not one', () => {
    expect(parseApplicationCode(' ubnd-261127-0042 ')).toEqual({ centre: 'UBND', day: '2026-11-27', sequence: 42 });
    expect(parseApplicationCode('UBND-260230-0001')).toBeNull(); // 30 February
    expect(parseApplicationCode('UBND-261127-0000')).toBeNull();
    expect(parseApplicationCode('UBND-261127-42')).toBeNull();
  });
});

describe('lookup secrets', () => {
  it('are 6 characters from the alphabet without look-alikes', () => {
    expect(LOOKUP_ALPHABET).not.toMatch(/[01ILO]/);
    expect(LOOKUP_ALPHABET).toHaveLength(31);
    expect(newLookupSecret(bytes(0, 1, 30, 31, 62, 247))).toBe('23Z22Z'); // 31 → 0, 62 → 0, 247 → 30
  });

  it('throw away bytes of 248 and above, so no character is more likely than another', () => {
    expect(newLookupSecret(bytes(248, 255, 0, 1, 2, 3, 4, 5))).toBe('234567');
    expect(() => newLookupSecret(() => new Uint8Array([255]))).toThrowError(/not random/);
  });

  it('are compared without case, spaces or dashes', () => {
    expect(normalizeLookupSecret('ab c-9z')).toBe('ABC9Z');
    expect(isLookupSecret('AB3XY9')).toBe(true);
    expect(isLookupSecret('AB0XY9')).toBe(false); // 0 is not in the alphabet
    expect(isLookupSecret('AB3XY')).toBe(false);
  });
});
