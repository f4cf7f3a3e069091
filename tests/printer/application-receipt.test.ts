import { join } from 'node:path';
import { applicationReceiptBlocks, applicationReceiptText, buildBlocksJob, code128Modules, type PrinterProfile, ReceiptPrinter } from '@qms/printer';
import { EscPosDecoder, type PrintedBlock, receiptPng, VirtualPrinter } from '@qms/simulators';
import zxing from '@zxing/library';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOfRaster } from '../support/raster-rows.js';
import { APPLICATION } from './application-fixture.js';
import { tempDir } from '../support/temp-dir.js';

const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatReader, RGBLuminanceSource } = zxing;

const EPSON_80: PrinterProfile = { type: 'epson', widthDots: 576, encoding: 'raster' };

function decode(bytes: Buffer, dialect: 'epson' | 'star' = 'epson'): PrintedBlock[] {
  let receipt: PrintedBlock[] | undefined;
  const decoder = new EscPosDecoder(dialect, { status: () => undefined, cut: (blocks) => (receipt = blocks) });
  decoder.push(bytes);
  if (!receipt) throw new Error('no cut in the job');
  expect(decoder.unknownCommands).toBe(0);
  return receipt;
}

/** The CODE128 barcode ZXing finds in a picture of the paper (null when none). */
function readCode128(png: PNG): string | null {
  const luminance = new Uint8ClampedArray(png.width * png.height);
  for (let i = 0; i < luminance.length; i++) luminance[i] = png.data[i * 4] ?? 255;
  const reader = new MultiFormatReader();
  reader.setHints(
    new Map<zxing.DecodeHintType, unknown>([
      [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.CODE_128]],
      [DecodeHintType.TRY_HARDER, true],
    ]),
  );
  try {
    return reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, png.width, png.height)))).getText();
  } catch {
    return null; // ZXing throws NotFoundException when there is no barcode: that is the answer here
  }
}

describe('the application receipt', () => {
  const dir = tempDir();
  let printer: VirtualPrinter | undefined;
  afterAll(async () => {
    await printer?.close();
    dir.cleanup();
  });

  it('says everything the citizen needs: title, code, secret, applicant with the masked CCCD, documents, dates in the centre time zone, where to collect', () => {
    const text = applicationReceiptText(APPLICATION);
    expect(text).toEqual([
      'UBND xã Hòa Bình – Bộ phận Một cửa',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ / Application code',
      'UBND-261127-0001',
      'UBND-261127-0001',
      'Mã tra cứu: 7KQ2MX9P',
      'Người nộp: Nguyễn Thị Hồng Nhung',
      'Số CCCD: 001******345',
      'Điện thoại: 0912345678',
      'Địa chỉ: Thôn Đông, xã Hòa Bình',
      'Thủ tục: Đăng ký khai sinh (1.001193)',
      'Hình thức nộp: Trực tiếp tại quầy',
      'Giấy tờ đã nhận',
      'Tên giấy tờ | Bản chính | Bản sao',
      '1. Tờ khai đăng ký khai sinh | 1 | 0',
      '2. Giấy chứng sinh | 1 | –',
      'Ngày nhận: 27/11/2026 08:05',
      'Hẹn trả kết quả: 02/12/2026 17:00',
      'Nơi nhận kết quả: Bộ phận Một cửa – quầy trả kết quả',
      'Người tiếp nhận: Lê Văn Tâm',
      'Quét mã để xem tình trạng hồ sơ',
      'Mang giấy này khi đến nhận kết quả',
      'Đường dây nóng: 0221 3862 123',
      'Xin cảm ơn quý công dân!',
    ]);
    // A CODE128 symbol is 11 modules, the stop 13: start, 16 characters, check, stop.
    expect(code128Modules(APPLICATION.code)).toHaveLength(11 * 18 + 13);
  });

  it('prints on the virtual printer (80 mm, raster): the QR opens the application page, GS k carries the code, the raster has ink', async () => {
    printer = new VirtualPrinter({ outputDir: join(dir.path, 'out') });
    const port = await printer.listen(0);
    const driver = new ReceiptPrinter(`tcp://127.0.0.1:${port}`, { timeoutMs: 2_000 });
    const job = buildBlocksJob(applicationReceiptBlocks(APPLICATION), EPSON_80);
    expect((await driver.print({ id: 'application-1', bytes: job })).ok).toBe(true);
    const [receipt] = printer.receipts;
    if (!receipt) throw new Error('nothing printed');

    // The QR is the printer's own command, with the application page's URL (code and secret together).
    expect(receipt.qr).toEqual(['http://hub.local:8080/a/UBND-261127-0001/7KQ2MX9P']);
    // The barcode is the printer's CODE128 command: GS k 73 n "{B" code, decoded back by the virtual printer.
    const command = Buffer.concat([Buffer.from([0x1d, 0x6b, 73, APPLICATION.code.length + 2]), Buffer.from(`{B${APPLICATION.code}`)]);
    expect(job.includes(command)).toBe(true);
    expect(receipt.barcodes).toEqual([APPLICATION.code]);
    expect(decode(job).filter((block) => block.kind === 'barcode')).toEqual([{ kind: 'barcode', symbology: 'CODE128', data: APPLICATION.code }]);
    // Vietnamese is raster: no code-page text, and the images carry ink on many rows.
    expect(receipt.text).toEqual([]);
    const rows = rowsOfRaster(receipt.images);
    expect(rows.filter((row) => row.includes('1')).length).toBeGreaterThan(300);

    // The picture of the paper: the QR scans to the page, the barcode reads back as the code.
    const png = PNG.sync.read(receipt.png);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(APPLICATION.pageUrl);
    expect(readCode128(png)).toBe(APPLICATION.code);
  });

  it('on a Star printer (no GS k here) the barcode is drawn into the raster and still reads back', () => {
    const blocks = decode(buildBlocksJob(applicationReceiptBlocks(APPLICATION), { type: 'star', widthDots: 576, encoding: 'raster' }), 'star');
    expect(blocks.some((block) => block.kind === 'barcode')).toBe(false);
    expect(blocks.filter((block) => block.kind === 'qr').map((block) => (block.kind === 'qr' ? block.data : ''))).toEqual([APPLICATION.pageUrl]);
    expect(readCode128(PNG.sync.read(receiptPng(blocks)))).toBe(APPLICATION.code);
  });

  it('in a code page (CP1258) the words are text, the documents table is drawn, the barcode is still the command', () => {
    const blocks = decode(buildBlocksJob(applicationReceiptBlocks(APPLICATION), { type: 'epson', widthDots: 576, encoding: 'cp1258' }));
    const text = blocks.flatMap((block) => (block.kind === 'text' ? [block.text] : []));
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Hẹn trả kết quả: 02/12/2026 17:00');
    expect(text.some((line) => line.includes('Tờ khai'))).toBe(false);
    expect(blocks.some((block) => block.kind === 'image')).toBe(true);
    expect(blocks.filter((block) => block.kind === 'barcode')).toHaveLength(1);
  });
});
