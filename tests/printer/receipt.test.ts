import { bytesPerRow, buildReceiptJob, formatIssueTime, formatWait, layoutReceipt, receiptText } from '@qms/printer';
import { EscPosDecoder, type PrintedBlock } from '@qms/simulators';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { RECEIPT } from './fixtures.js';
import { receiptPng } from '@qms/simulators';

function decode(bytes: Buffer, dialect: 'epson' | 'star' = 'epson'): PrintedBlock[] {
  let receipt: PrintedBlock[] | undefined;
  const decoder = new EscPosDecoder(dialect, { status: () => undefined, cut: (blocks) => (receipt = blocks) });
  // Fed in small chunks, as a network delivers it.
  for (let i = 0; i < bytes.length; i += 1_000) decoder.push(bytes.subarray(i, i + 1_000));
  if (!receipt) throw new Error('no cut in the job');
  expect(decoder.unknownCommands).toBe(0);
  return receipt;
}

describe('receipt layout', () => {
  it('holds everything a citizen needs, the time in the centre time zone', () => {
    const text = receiptText(RECEIPT);
    expect(text).toEqual([
      'UBND xã Hòa Bình – Bộ phận Một cửa',
      'ĐẤT ĐAI',
      'Land',
      'SỐ THỨ TỰ / YOUR NUMBER',
      'A001',
      '★ ƯU TIÊN – Người cao tuổi',
      'Thời gian lấy số: 27/11/2026 08:05',
      'Số người chờ trước bạn: 3',
      'Thời gian chờ dự kiến: khoảng 15 phút',
      'Quầy phục vụ: 1, 2',
      'Quét mã để theo dõi lượt của bạn',
      'Đường dây nóng: 0221 3862 123',
      'Xin cảm ơn quý công dân!',
    ]);
    expect(formatIssueTime('2026-11-27T16:59:00Z', 'Asia/Ho_Chi_Minh')).toBe('27/11/2026 23:59');
    expect(formatIssueTime('2026-11-27T17:00:00Z', 'Asia/Ho_Chi_Minh')).toBe('28/11/2026 00:00');
    expect(formatWait(null)).toBe('chưa xác định');
    expect(formatWait(0)).toBe('không phải chờ');
    expect(formatWait(5_400)).toBe('khoảng 1 giờ 30 phút');
  });
});

describe('ESC/POS receipt job', () => {
  for (const [type, width] of [
    ['epson', 576],
    ['epson', 384],
    ['star', 576],
  ] as const) {
    it(`${type} ${width} dots, raster: the decoded images are exactly the drawn ones, the QR is the printer's own`, () => {
      const profile = { type, widthDots: width, encoding: 'raster' } as const;
      const pieces = layoutReceipt(RECEIPT, profile);
      const blocks = decode(buildReceiptJob(RECEIPT, profile), type).filter((block) => block.kind !== 'feed');
      const images = blocks.filter((block) => block.kind === 'image');
      const expected = pieces.filter((piece) => piece.kind === 'image');
      expect(images).toHaveLength(expected.length);
      images.forEach((image, index) => {
        if (image.kind !== 'image') return;
        const want = expected[index];
        if (want?.kind !== 'image') throw new Error('layout mismatch');
        // Star bands are 24 rows: the decoded image may carry blank rows at the bottom.
        expect(image.bitmap.width).toBe(bytesPerRow(width) * 8);
        expect(Buffer.from(image.bitmap.data.subarray(0, want.bitmap.data.length)).equals(Buffer.from(want.bitmap.data))).toBe(true);
        expect(image.bitmap.data.subarray(want.bitmap.data.length).every((byte) => byte === 0)).toBe(true);
        // Ink on the paper: a receipt that prints blank would pass no test.
        expect(want.bitmap.data.some((byte) => byte !== 0)).toBe(true);
      });
      expect(blocks.filter((block) => block.kind === 'qr').map((block) => (block.kind === 'qr' ? block.data : ''))).toEqual([RECEIPT.trackingUrl]);
      expect(blocks.filter((block) => block.kind === 'text')).toEqual([]);
    });
  }

  it('the PNG of the decoded receipt shows a QR code that scans back to the tracking page', () => {
    const blocks = decode(buildReceiptJob(RECEIPT, { type: 'epson', widthDots: 576, encoding: 'raster' }));
    const png = PNG.sync.read(receiptPng(blocks));
    expect(png.width).toBe(576);
    expect(png.height).toBeGreaterThan(700);
    const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(found?.data).toBe(RECEIPT.trackingUrl);
  });

  it('CP1258 code page: every line comes back as the same Vietnamese text', () => {
    const blocks = decode(buildReceiptJob(RECEIPT, { type: 'epson', widthDots: 576, encoding: 'cp1258' }));
    const text = blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : []));
    // The star is not in CP1258: that one line is drawn instead.
    expect(text).toEqual(receiptText(RECEIPT).filter((line) => !line.startsWith('★')));
    expect(blocks.some((block) => block.kind === 'image')).toBe(true);
    expect(blocks.find((block) => block.kind === 'text' && block.text === 'A001')).toMatchObject({ scale: 5, align: 'center', bold: true });
  });

  it('TCVN3 code page: a line with a capital on a control byte is drawn as raster instead', () => {
    const data = { ...RECEIPT, priority: 'normal' as const, serviceName: 'Ứng dụng', centreName: 'UBND xã Ứng Hòa' };
    const job = buildReceiptJob(data, { type: 'epson', widthDots: 576, encoding: 'tcvn3' });
    const blocks = decode(job);
    const text = blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : []));
    expect(text).not.toContain('UBND xã Ứng Hòa');
    expect(text).not.toContain('ỨNG DỤNG');
    expect(text).toContain('Số người chờ trước bạn: 3');
    // No byte of the text parts is a control byte standing for a letter.
    const pieces = layoutReceipt(data, { type: 'epson', widthDots: 576, encoding: 'tcvn3' });
    for (const piece of pieces) if (piece.kind === 'text') expect([...piece.bytes].every((byte) => byte >= 0x20)).toBe(true);
  });

  it('refuses a code page on a Star printer, with the fix in the message', () => {
    expect(() => buildReceiptJob(RECEIPT, { type: 'star', widthDots: 576, encoding: 'cp1258' })).toThrow(/use --encoding raster/);
  });
});
