import { describe, expect, it } from 'vitest';
import { withTone } from './keyboard.js';

describe('tone marks typed after the word, as with Telex', () => {
  it.each([
    ['quây', '\u0300', 'quầy'],
    ['Cán bộ quây', '\u0300', 'Cán bộ quầy'],
    ['khai', '\u0301', 'khái'],
    ['toan', '\u0301', 'toán'],
    ['mua', '\u0300', 'mùa'],
    ['huong', '\u0301', 'huóng'],
    ['hương', '\u0301', 'hướng'],
    ['dân', '\u0303', 'dẫn'],
    ['gia', '\u0301', 'giá'],
    ['hoai', '\u0300', 'hoài'],
    ['tình', '\u0301', 'tính'],
    ['ký', '\u0323', 'kỵ'],
    ['xyz ', '\u0301', 'xyz '],
    ['bcd', '\u0301', 'bcd'],
  ])('%s + mark → %s', (text, mark, expected) => {
    expect(withTone(text, mark)).toBe(expected);
  });
});
