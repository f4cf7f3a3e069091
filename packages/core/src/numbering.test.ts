import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { assertPrefixFree, formatLabel, nextNumber, validateNumbering } from './numbering.js';

const A = { code: 'dat-dai', prefix: 'A', rangeStart: 1, rangeEnd: 999 };

describe('numbering', () => {
  it('pads the number to the width of the range end', () => {
    expect(formatLabel(A, 1)).toBe('A001');
    expect(formatLabel(A, 999)).toBe('A999');
    expect(formatLabel({ prefix: '1', rangeStart: 1, rangeEnd: 999 }, 1)).toBe('1001');
    expect(formatLabel({ prefix: 'HT', rangeStart: 1, rangeEnd: 9999 }, 42)).toBe('HT0042');
  });

  it('starts at the range start and counts up', () => {
    expect(nextNumber(A, null)).toBe(1);
    expect(nextNumber({ ...A, rangeStart: 100 }, null)).toBe(100);
    expect(nextNumber(A, 41)).toBe(42);
  });

  it('refuses to go past the range end instead of wrapping around', () => {
    expect(nextNumber(A, 998)).toBe(999);
    let error: unknown;
    try {
      nextNumber(A, 999);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('service.range_exhausted');
    expect((error as DomainError).message).toMatch(/A001-A999/);
  });

  it('validates prefix and range', () => {
    expect(() => validateNumbering({ prefix: 'a', rangeStart: 1, rangeEnd: 9 })).toThrowError(/capital letters or digits/);
    expect(() => validateNumbering({ prefix: 'ABCD', rangeStart: 1, rangeEnd: 9 })).toThrowError(/1 to 3/);
    expect(() => validateNumbering({ prefix: 'Đ', rangeStart: 1, rangeEnd: 9 })).toThrow();
    expect(() => validateNumbering({ prefix: 'A', rangeStart: 10, rangeEnd: 9 })).toThrowError(/start <= end/);
    expect(() => validateNumbering({ prefix: 'A', rangeStart: 1, rangeEnd: 100_000 })).toThrow();
    expect(() => validateNumbering({ prefix: 'A1', rangeStart: 0, rangeEnd: 99 })).not.toThrow();
  });

  it('keeps prefixes prefix-free so labels never collide', () => {
    const others = [{ code: 'x', prefix: '1' }];
    expect(() => assertPrefixFree('12', others)).toThrowError(/clashes/);
    expect(() => assertPrefixFree('A', [{ code: 'y', prefix: 'AB' }])).toThrowError(/clashes/);
    expect(() => assertPrefixFree('2', others)).not.toThrow();
  });
});
