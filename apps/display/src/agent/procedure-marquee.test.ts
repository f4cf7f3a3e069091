import { describe, expect, it } from 'vitest';
import { MARQUEE_SEPARATOR, marqueeWithProcedures, procedureLine } from './procedure-marquee.js';

const birth = { name: 'Đăng ký khai sinh', serviceId: 1, processingDays: 1, fee: 'Miễn lệ phí', feeAmount: 0 };
const land = { name: 'Chứng thực hợp đồng', serviceId: 2, processingDays: 0, fee: '50.000 đồng/hợp đồng; sửa đổi: 30.000 đồng', feeAmount: null };

describe("the hall display's procedure marquee", () => {
  it('reads a procedure as name – fee – time', () => {
    expect(procedureLine(birth)).toBe('Đăng ký khai sinh – 0 đồng – 1 ngày làm việc');
    expect(procedureLine({ ...birth, feeAmount: 1_500_000, processingDays: 12 })).toBe('Đăng ký khai sinh – 1.500.000 đồng – 12 ngày làm việc');
    // The words up to the first ";" when the fee is not one amount; the same day in words.
    expect(procedureLine(land)).toBe('Chứng thực hợp đồng – 50.000 đồng/hợp đồng – trả kết quả trong ngày');
    expect(procedureLine({ ...land, fee: '' })).toBe('Chứng thực hợp đồng – trả kết quả trong ngày');
  });

  it("puts the centre's text first, then only the procedures of the fields shown", () => {
    expect(marqueeWithProcedures('Giờ làm việc 7:30', [birth, land], null)).toBe(['Giờ làm việc 7:30', procedureLine(birth), procedureLine(land)].join(MARQUEE_SEPARATOR));
    expect(marqueeWithProcedures('', [birth, land], new Set([2]))).toBe(procedureLine(land));
    expect(marqueeWithProcedures('Giờ làm việc 7:30', [], null)).toBe('Giờ làm việc 7:30');
  });
});
