import { describe, expect, it } from 'vitest';
import { maskApplicantName } from './application-lookup.js';

describe('maskApplicantName', () => {
  it('keeps the first letter of each word and hides the others, one star each, three at most', () => {
    expect(maskApplicantName('Nguyễn Văn An')).toBe('N*** V** A*');
    expect(maskApplicantName('Đặng Thị Ánh')).toBe('Đ*** T** Á**');
    expect(maskApplicantName('Hoàng Thị Bé')).toBe('H*** T** B*');
  });

  it('folds spaces and keeps a one-letter word', () => {
    expect(maskApplicantName('  Lê   B  ')).toBe('L* B');
  });

  it('counts a letter with a combining accent as one letter', () => {
    // "Việt" written with combining marks (NFD) is masked as its NFC form: four letters.
    expect(maskApplicantName('Vie\u0302\u0323t')).toBe('V***');
  });
});
