import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { foldSearchText, isProcedureCode, matchesSearch, type ProcedureInput, procedureProblems, procedureSearchKey, searchWords, validateProcedure } from './procedures.js';

const KHAI_SINH: ProcedureInput = {
  code: '1.001193',
  name: 'Đăng ký khai sinh',
  nameEn: 'Birth registration',
  serviceId: 2,
  processingDays: 0,
  fee: 'Miễn lệ phí',
  feeAmount: null,
  documents: [{ name: 'Tờ khai đăng ký khai sinh', original: 1, copies: null }],
  applicants: 'Cha, mẹ của trẻ',
  level: 'toan-trinh',
  portalUrl: 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193',
  active: true,
};

function refusal(fn: () => void): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('procedure codes', () => {
  it('are digit groups joined by dots, with optional local groups of letters and digits', () => {
    for (const code of ['1.004227', '1.001193', '1.000948.H38', '2.000815.000.00.00.H55', '1.012812.H19', '3.000323']) expect(isProcedureCode(code), code).toBe(true);
  });

  it('refuse anything else', () => {
    for (const code of ['', '1', '1004227', 'H38.1.000948', '1.', '.1.2', '1..2', '1.2.', '1.2 .H38', '1.2.H-38', '1,004227', ' 1.2', `1.${'2'.repeat(70)}`])
      expect(isProcedureCode(code), JSON.stringify(code)).toBe(false);
  });
});

describe('the search key', () => {
  it('folds đ/Đ to d, drops accents and tone marks, lower-cases and collapses spaces', () => {
    expect(foldSearchText('Đăng ký khai sinh')).toBe('dang ky khai sinh');
    expect(foldSearchText('  ĐĂNG   KÝ\tKẾT HÔN ')).toBe('dang ky ket hon');
    expect(foldSearchText('Chứng thực bản sao từ bản chính')).toBe('chung thuc ban sao tu ban chinh');
    expect(foldSearchText('Hòa giải; Hoà giải')).toBe('hoa giai; hoa giai');
    // Precomposed (NFC) and decomposed (NFD) input fold alike.
    expect(foldSearchText('Đăng ký'.normalize('NFD'))).toBe(foldSearchText('Đăng ký'.normalize('NFC')));
  });

  it('is the folded name then the code', () => {
    expect(procedureSearchKey({ name: 'Đăng ký khai sinh', code: '1.000948.H38' })).toBe('dang ky khai sinh 1.000948.h38');
  });

  it('finds a procedure when every word of the search is in its name or code, with or without accents', () => {
    const key = procedureSearchKey(KHAI_SINH);
    expect(matchesSearch(key, searchWords('dang ky khai sinh'))).toBe(true);
    expect(matchesSearch(key, searchWords('Đăng ký KHAI SINH'))).toBe(true);
    expect(matchesSearch(key, searchWords('khai sinh dang'))).toBe(true);
    expect(matchesSearch(key, searchWords('1.001193'))).toBe(true);
    expect(matchesSearch(key, searchWords('khai tu'))).toBe(false);
    expect(searchWords('   ')).toEqual([]);
    expect(matchesSearch(key, searchWords(''))).toBe(true);
  });
});

describe('procedure validation', () => {
  it('accepts a good procedure, free or with an amount, with or without a portal page', () => {
    expect(procedureProblems(KHAI_SINH)).toEqual([]);
    expect(procedureProblems({ ...KHAI_SINH, feeAmount: 2000, portalUrl: null, nameEn: null, documents: [] })).toEqual([]);
    expect(() => validateProcedure(KHAI_SINH, [{ id: 2 }], new Set(['1.000894']))).not.toThrow();
  });

  it('names every bad field and says what it must be', () => {
    const problems = procedureProblems({
      ...KHAI_SINH,
      code: '1-001193',
      name: ' ',
      processingDays: -1,
      feeAmount: 2.5,
      documents: [{ name: '', original: 1, copies: -2 }],
      level: 'online' as never,
      portalUrl: 'ftp://example.org/x',
    });
    expect(problems.map((problem) => problem.field)).toEqual(['code', 'name', 'processingDays', 'feeAmount', 'documents[0]', 'documents[0]', 'level', 'portalUrl']);
    expect(problems[0]?.reason).toMatch(/not a national procedure code/);
    expect(problems[2]?.reason).toMatch(/working days from 0 \(the same day\)/);
    expect(problems[5]?.reason).toMatch(/copies must be a whole number from 0 to 99, or empty/);
  });

  it('throws procedure.invalid with every problem in its details, service.not_found, procedure.code_taken', () => {
    const invalid = refusal(() => validateProcedure({ ...KHAI_SINH, name: '', processingDays: 1.5 }, [{ id: 2 }], new Set()));
    expect(invalid.code).toBe('procedure.invalid');
    expect(invalid.message).toBe('procedure 1.001193: name must not be empty (and 1 more problem)');
    expect(invalid.details?.problems).toHaveLength(2);
    expect(refusal(() => validateProcedure(KHAI_SINH, [{ id: 3 }], new Set())).code).toBe('service.not_found');
    expect(refusal(() => validateProcedure(KHAI_SINH, [{ id: 2 }], new Set(['1.001193']))).code).toBe('procedure.code_taken');
  });
});
