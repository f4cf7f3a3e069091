import { describe, expect, it } from 'vitest';
import { maskIdNumber, parseCardDate, parseCccd } from './cccd.js';
import { interpretScan } from './scan-result.js';

const GOOD = '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên|20042021';

describe('CCCD QR parser', () => {
  it('reads every field, dates as YYYY-MM-DD', () => {
    expect(parseCccd(GOOD)).toEqual({
      ok: true,
      citizen: {
        idNumber: '001203012345',
        oldIdNumber: '123456789',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1990-08-15',
        sex: 'Nam',
        address: 'Số 12, thôn Đông, xã Hòa Bình, huyện Mỹ Hào, tỉnh Hưng Yên',
        issueDate: '2021-04-20',
      },
    });
  });

  it.each([
    ['an empty old ID', '038190000123||Trần Thị Bình|29021992|Nữ|Phường Đông Vệ, Thanh Hóa|01072022', { oldIdNumber: null, sex: 'Nữ', dateOfBirth: '1992-02-29' }],
    ['a missing last field', '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Hưng Yên', { issueDate: null }],
    ['an empty last field', '001203012345|123456789|Nguyễn Văn An|15081990|Nam|Hưng Yên|', { issueDate: null }],
    ['extra fields of newer cards', `${GOOD}|Nguyễn Văn Bố|Lê Thị Mẹ|extra`, { issueDate: '2021-04-20' }],
    ['a trailing newline from the scanner', `${GOOD}\r\n`, { issueDate: '2021-04-20' }],
    ['decomposed Unicode', GOOD.normalize('NFD'), { fullName: 'Nguyễn Văn An' }],
    ['sex without diacritics', '001203012345||Lê Thị Hoa|01011980|NU|Hà Nội|02022020', { sex: 'Nữ' }],
  ])('tolerates %s', (_name, payload, expected) => {
    const result = parseCccd(payload);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.citizen).toMatchObject(expected);
  });

  it.each([
    ['an 11-digit ID', '00120301234|123456789|A|15081990|Nam|X|20042021', /12 digits/],
    ['a 13-digit ID', '0012030123456|123456789|A|15081990|Nam|X|20042021', /12 digits/],
    ['letters in the ID', '00120301234A|123456789|A|15081990|Nam|X|20042021', /12 digits/],
    ['an 8-digit old ID', '001203012345|12345678|A|15081990|Nam|X|20042021', /old ID number must be 9 digits/],
    ['30 February', '001203012345||A|30021990|Nam|X|20042021', /date of birth "30021990" is not a real date/],
    ['29 February in a common year', '001203012345||A|29021991|Nam|X|20042021', /not a real date/],
    ['month 13', '001203012345||A|01131990|Nam|X|20042021', /not a real date/],
    ['a date in another format', '001203012345||A|1990-08-15|Nam|X|20042021', /not a real date/],
    ['an impossible issue date', '001203012345||A|15081990|Nam|X|32012021', /issue date "32012021"/],
    ['an issue date before birth', '001203012345||A|15081990|Nam|X|01011980', /before the date of birth/],
    ['an unknown sex', '001203012345||A|15081990|Male|X|20042021', /sex must be "Nam" or "Nữ"/],
    ['an empty name', '001203012345|||15081990|Nam|X|20042021', /full name is empty/],
    ['too few fields', '001203012345|123456789|Nguyễn Văn An|15081990', /4 fields, at least 6/],
    ['no separators at all', 'hello world', /not a CCCD code/],
  ])('refuses %s with a reason', (_name, payload, reason) => {
    const result = parseCccd(payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(reason);
      expect(result.reason).not.toContain('001203012345'); // the ID number never goes into a message
    }
  });

  it('checks calendar dates', () => {
    expect(parseCardDate('29022000')).toBe('2000-02-29');
    expect(parseCardDate('29021900')).toBeNull();
    expect(parseCardDate('31042021')).toBeNull();
  });

  it('masks ID numbers for logs and tickets', () => {
    expect(maskIdNumber('001203012345')).toBe('001******345');
  });

  it('tells a CCCD, a malformed CCCD and other text apart', () => {
    expect(interpretScan(GOOD)).toMatchObject({ kind: 'cccd', idNumber: '001203012345', fullName: 'Nguyễn Văn An' });
    expect(interpretScan('0012030123|x|y|15081990|Nam|Z|20042021')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/12 digits/) });
    expect(interpretScan('http://hub.local/t/12-A001\r')).toEqual({ kind: 'text', text: 'http://hub.local/t/12-A001' });
    expect(interpretScan('8934567890123')).toEqual({ kind: 'text', text: '8934567890123' });
  });
});
