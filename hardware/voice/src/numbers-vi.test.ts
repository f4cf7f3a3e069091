import { describe, expect, it } from 'vitest';
import { numberWordsText, readDigits, readVietnameseNumber, type VietnameseNumberOptions } from './numbers-vi.js';

const read = (n: number, options?: VietnameseNumberOptions) => numberWordsText(readVietnameseNumber(n, options));

describe('Vietnamese number reading', () => {
  it.each([
    [0, 'không'],
    [1, 'một'],
    [4, 'bốn'],
    [5, 'năm'],
    [9, 'chín'],
    // mười (10) / mươi (20, 30 ...)
    [10, 'mười'],
    [20, 'hai mươi'],
    [90, 'chín mươi'],
    // mốt for a final 1 after tens of two or more, but mười một
    [11, 'mười một'],
    [21, 'hai mươi mốt'],
    [31, 'ba mươi mốt'],
    [91, 'chín mươi mốt'],
    [101, 'một trăm linh một'],
    // lăm for a final 5 after tens, but năm after linh
    [15, 'mười lăm'],
    [25, 'hai mươi lăm'],
    [105, 'một trăm linh năm'],
    [115, 'một trăm mười lăm'],
    [155, 'một trăm năm mươi lăm'],
    // bốn by default after tens
    [14, 'mười bốn'],
    [24, 'hai mươi bốn'],
    // hundreds
    [100, 'một trăm'],
    [110, 'một trăm mười'],
    [111, 'một trăm mười một'],
    [121, 'một trăm hai mươi mốt'],
    [999, 'chín trăm chín mươi chín'],
    // không trăm for a zero hundreds digit inside a larger number
    [1000, 'một nghìn'],
    [1001, 'một nghìn không trăm linh một'],
    [1010, 'một nghìn không trăm mười'],
    [1023, 'một nghìn không trăm hai mươi ba'],
    [1100, 'một nghìn một trăm'],
    [2002, 'hai nghìn không trăm linh hai'],
    [2021, 'hai nghìn không trăm hai mươi mốt'],
    [10_005, 'mười nghìn không trăm linh năm'],
    [21_000, 'hai mươi mốt nghìn'],
    [99_999, 'chín mươi chín nghìn chín trăm chín mươi chín'],
    [1_000_005, 'một triệu không trăm linh năm'],
    [2_500_000, 'hai triệu năm trăm nghìn'],
  ])('%i → %s', (n, text) => {
    expect(read(n)).toBe(text);
  });

  it('reads tư for a final 4 after tens of two or more, when asked', () => {
    expect(read(24, { useTu: true })).toBe('hai mươi tư');
    expect(read(1034, { useTu: true })).toBe('một nghìn không trăm ba mươi tư');
    expect(read(14, { useTu: true })).toBe('mười bốn');
    expect(read(104, { useTu: true })).toBe('một trăm linh bốn');
  });

  it('reads lẻ and ngàn in the southern dialect', () => {
    expect(read(101, { dialect: 'south' })).toBe('một trăm lẻ một');
    expect(read(2002, { dialect: 'south' })).toBe('hai ngàn không trăm lẻ hai');
    expect(read(105, { dialect: 'south' })).toBe('một trăm lẻ năm');
  });

  it('reads digit by digit', () => {
    expect(numberWordsText(readDigits('1023'))).toBe('một không hai ba');
    expect(numberWordsText(readDigits('005'))).toBe('không không năm');
  });

  it('refuses what is not a whole number in range', () => {
    expect(() => readVietnameseNumber(-1)).toThrow(RangeError);
    expect(() => readVietnameseNumber(1.5)).toThrow(RangeError);
    expect(() => readDigits('12a')).toThrow(RangeError);
  });
});
