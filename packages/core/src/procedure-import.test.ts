import { describe, expect, it } from 'vitest';
import { describeImportProblem, PROCEDURE_COLUMNS, readProcedureCsv, readProcedureJson } from './procedure-import.js';

const SERVICES = [
  { id: 1, code: 'dat-dai' },
  { id: 2, code: 'ho-tich' },
  { id: 3, code: 'chung-thuc' },
];
const HEADER = PROCEDURE_COLUMNS.join(',');
const URL = 'https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=';

describe('reading a CSV catalogue', () => {
  it('reads every column: counts, documents, empty optional cells, quotes, a BOM, CRLF', () => {
    const csv = [
      HEADER,
      `1.001193,Đăng ký khai sinh,Birth registration,ho-tich,0,Miễn lệ phí,,"Tờ khai|1|;Giấy chứng sinh|1|","Cha, mẹ ""hoặc"" người thân",toan-trinh,${URL}1.001193,true`,
      `2.000815.000.00.00.H55,"Chứng thực bản sao, từ bản chính",,chung-thuc,0,2.000 đồng/trang,2000,Bản chính||;Bản sao|0|1,,mot-phan,,0`,
      '',
    ].join('\r\n');
    const reading = readProcedureCsv(`\uFEFF${csv}`, SERVICES);
    expect(reading.problems).toEqual([]);
    expect(reading.procedures).toEqual([
      {
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        nameEn: 'Birth registration',
        serviceId: 2,
        processingDays: 0,
        fee: 'Miễn lệ phí',
        feeAmount: null,
        documents: [
          { name: 'Tờ khai', original: 1, copies: null },
          { name: 'Giấy chứng sinh', original: 1, copies: null },
        ],
        applicants: 'Cha, mẹ "hoặc" người thân',
        level: 'toan-trinh',
        portalUrl: `${URL}1.001193`,
        active: true,
      },
      {
        code: '2.000815.000.00.00.H55',
        name: 'Chứng thực bản sao, từ bản chính',
        nameEn: null,
        serviceId: 3,
        processingDays: 0,
        fee: '2.000 đồng/trang',
        feeAmount: 2000,
        documents: [
          { name: 'Bản chính', original: null, copies: null },
          { name: 'Bản sao', original: 0, copies: 1 },
        ],
        applicants: '',
        level: 'mot-phan',
        portalUrl: null,
        active: false,
      },
    ]);
  });

  it('takes the columns in any order and skips blank rows', () => {
    const columns = [...PROCEDURE_COLUMNS].reverse();
    const row = { code: '1.000894', name: 'Đăng ký kết hôn', field: 'ho-tich', processingDays: '0', level: 'mot-phan' } as Record<string, string>;
    const csv = `${columns.join(',')}\n${columns.map((column) => row[column] ?? '').join(',')}\n,,,,,,,,,,,\n\n`;
    const reading = readProcedureCsv(csv, SERVICES);
    expect(reading.problems).toEqual([]);
    expect(reading.procedures).toMatchObject([{ code: '1.000894', serviceId: 2, documents: [], active: true }]);
  });

  it('reports every problem of every row (row as a spreadsheet counts it, column, reason) and gives no procedure', () => {
    const csv = [
      HEADER,
      `1.001193,Đăng ký khai sinh,,ho-tich,0,,,,,toan-trinh,,`,
      `1-000894,Đăng ký kết hôn,,ho-tieh,một,,2.000,,,mot-phan,,`,
      `1.000656,,,ho-tich,0,,,Tờ khai|x|;A|1|2|3,,online,ftp://x,maybe`,
      `1.001193,Trùng mã,,ho-tich,0,,,,,toan-trinh,,`,
      `1.2,too few fields`,
    ].join('\n');
    const reading = readProcedureCsv(csv, SERVICES);
    expect(reading.procedures).toEqual([]);
    expect(reading.problems.map(describeImportProblem)).toEqual([
      'row 3, processingDays: "một" must be a whole number of working days (0 = the same day)',
      'row 3, field: no service has code "ho-tieh" (the services: dat-dai, ho-tich, chung-thuc)',
      'row 3, feeAmount: the fee amount "2.000" must be digits only (e.g. 2000), or empty',
      'row 3, code: "1-000894" is not a national procedure code: digit groups joined by dots (1.004227), optionally followed by letter or digit groups (1.000948.H38)',
      'row 4, documents: item 1: the originals "x" must be digits only (e.g. 2000), or empty',
      'row 4, documents: item 2 "A|1|2|3" has more than name|originals|copies',
      'row 4, active: "maybe" must be true or false (or 1 or 0; empty means true)',
      'row 4, name: must not be empty',
      'row 4, level: must be one of: mot-phan, toan-trinh',
      'row 4, portalUrl: must be an http:// or https:// address of at most 500 characters, or empty',
      'row 5, code: 1.001193 is already on row 2',
      'row 6: has 2 fields, the header 12 (a comma inside a field needs the field in double quotes)',
    ]);
  });

  it('checks the header: every column exactly once, no unknown one', () => {
    const reading = readProcedureCsv(`${HEADER.replace('feeAmount', 'fee_amount')},code\n`, SERVICES);
    expect(reading.problems.map(describeImportProblem)).toEqual([
      `row 1, fee_amount: unknown column (the columns: ${HEADER})`,
      'row 1, code: the header names this column twice',
      'row 1, feeAmount: the header has no such column',
    ]);
    expect(readProcedureCsv(`${HEADER}\n`, SERVICES).problems).toEqual([{ row: null, column: null, reason: 'the file has no procedure' }]);
    expect(readProcedureCsv('', SERVICES).problems[0]?.reason).toMatch(/the file is empty; it needs a header row/);
    expect(readProcedureCsv(`${HEADER}\n"1.2,x\n`, SERVICES).problems.map(describeImportProblem)).toEqual(['file: not valid CSV: line 2: a quoted field is not closed (a " is missing)']);
  });
});

describe('reading a JSON catalogue', () => {
  it('reads an array of procedures, the optional keys left out', () => {
    const json = JSON.stringify([
      { code: '1.001193', name: 'Đăng ký khai sinh', field: 'ho-tich', processingDays: 0, level: 'toan-trinh' },
      {
        code: '1.000948.H38',
        name: 'Đăng ký đất đai',
        nameEn: 'Land registration',
        field: 'dat-dai',
        processingDays: 20,
        fee: 'Theo mức HĐND tỉnh',
        feeAmount: null,
        documents: [{ name: 'Đơn đăng ký', original: 1, copies: null }],
        applicants: 'Hộ gia đình, cá nhân',
        level: 'mot-phan',
        portalUrl: 'http://dichvucong.example.vn/1.000948',
        active: false,
      },
    ]);
    const reading = readProcedureJson(json, SERVICES);
    expect(reading.problems).toEqual([]);
    expect(reading.procedures).toEqual([
      {
        code: '1.001193',
        name: 'Đăng ký khai sinh',
        nameEn: null,
        serviceId: 2,
        processingDays: 0,
        fee: '',
        feeAmount: null,
        documents: [],
        applicants: '',
        level: 'toan-trinh',
        portalUrl: null,
        active: true,
      },
      {
        code: '1.000948.H38',
        name: 'Đăng ký đất đai',
        nameEn: 'Land registration',
        serviceId: 1,
        processingDays: 20,
        fee: 'Theo mức HĐND tỉnh',
        feeAmount: null,
        documents: [{ name: 'Đơn đăng ký', original: 1, copies: null }],
        applicants: 'Hộ gia đình, cá nhân',
        level: 'mot-phan',
        portalUrl: 'http://dichvucong.example.vn/1.000948',
        active: false,
      },
    ]);
  });

  it('reports every problem of every item, from item 1', () => {
    const json = JSON.stringify([
      { code: 1.001193, name: 'Đăng ký khai sinh', field: 'ho-tich', processingDays: '0', level: 'toan-trinh', colour: 'red' },
      { name: 'x', field: 'ho-tich', level: 'mot-phan', processingDays: 1, documents: [{ name: 'A', original: 1.5, pages: 2 }], feeAmount: -1, active: 'yes' },
      'not an object',
    ]);
    expect(readProcedureJson(json, SERVICES).problems.map(describeImportProblem)).toEqual([
      'row 1, colour: unknown key (the keys: code, name, nameEn, field, processingDays, fee, feeAmount, documents, applicants, level, portalUrl, active)',
      'row 1, code: "1.001193" is not a national procedure code: digit groups joined by dots (1.004227), optionally followed by letter or digit groups (1.000948.H38)',
      'row 1, processingDays: must be a whole number of working days from 0 (the same day) to 365',
      'row 2, code: is missing',
      'row 2, documents: item 1 has an unknown key "pages" (the keys: name, original, copies)',
      'row 2, feeAmount: must be a whole number of đồng from 0 to 1000000000, or empty when it is free or varies',
      'row 2, active: must be true or false',
      'row 3: must be an object {"code": ..., "name": ...}',
    ]);
    expect(readProcedureJson('{"code": 1}', SERVICES).problems[0]?.reason).toMatch(/must be a JSON array/);
    expect(readProcedureJson('[{', SERVICES).problems[0]?.reason).toMatch(/^not valid JSON/);
  });
});
