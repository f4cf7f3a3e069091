import { describe, expect, it } from 'vitest';
import { clockText, openingHoursText, waitText } from './format.js';

describe('screen formatting', () => {
  it('says an estimated wait as a person would, in both languages', () => {
    expect(waitText('vi', null)).toBe('Chưa xác định');
    expect(waitText('vi', 0)).toBe('Không phải chờ');
    expect(waitText('vi', 20)).toBe('khoảng 1 phút');
    expect(waitText('vi', 900)).toBe('khoảng 15 phút');
    expect(waitText('vi', 5_400)).toBe('khoảng 1 giờ 30 phút');
    expect(waitText('en', 7_200)).toBe('about 2 h');
  });

  it('puts opening hours with the same days together', () => {
    const weekdays = [1, 2, 3, 4, 5];
    expect(
      openingHoursText('vi', [
        { days: weekdays, open: '07:30', close: '11:30' },
        { days: weekdays, open: '13:30', close: '17:00' },
        { days: [6], open: '07:30', close: '11:30' },
      ]),
    ).toBe('T2–T6 07:30–11:30, 13:30–17:00; T7 07:30–11:30');
    expect(openingHoursText('en', [{ days: [1, 3], open: '08:00', close: '12:00' }])).toBe('Mon, Wed 08:00–12:00');
    expect(openingHoursText('vi', [])).toBe('chưa có lịch');
  });

  it("shows the clock in the centre's time zone, not the machine's", () => {
    expect(clockText('Asia/Ho_Chi_Minh', new Date('2026-11-27T17:05:00Z'))).toBe('00:05 28/11/2026');
  });
});
