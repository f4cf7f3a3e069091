import { describe, expect, it } from 'vitest';
import { type CsvSyntaxError, parseCsv } from './csv.js';

const fields = (text: string) => parseCsv(text).map((record) => record.fields);

describe('CSV (RFC 4180)', () => {
  it('splits records and fields, CRLF or LF, without an empty last record', () => {
    expect(fields('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fields('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fields('a,,\n')).toEqual([['a', '', '']]);
    expect(fields('')).toEqual([]);
  });

  it('reads quoted fields with commas, line breaks and doubled quotes, and ignores a BOM', () => {
    const records = parseCsv('\uFEFFname,note\r\n"Đăng ký, khai sinh","dòng 1\r\ndòng 2"\r\n"Giấy ""A""",""\r\nx,y\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Đăng ký, khai sinh', 'dòng 1\r\ndòng 2'] },
      { line: 4, fields: ['Giấy "A"', ''] },
      { line: 5, fields: ['x', 'y'] },
    ]);
  });

  it('refuses a stray or unclosed quote, with its line', () => {
    const failure = (text: string) => {
      try {
        parseCsv(text);
      } catch (error) {
        return error as CsvSyntaxError;
      }
      throw new Error('expected a CsvSyntaxError');
    };
    expect(failure('a,b\n1,"2\n3,4\n')).toMatchObject({ line: 2, message: expect.stringMatching(/not closed/) });
    expect(failure('a,b\n1,2"x"\n')).toMatchObject({ line: 2, message: expect.stringMatching(/a " inside a field/) });
    expect(failure('a,b\n"1"x,2\n')).toMatchObject({ line: 2, message: expect.stringMatching(/text after the closing quote/) });
  });
});
