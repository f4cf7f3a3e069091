/**
 * The application receipt, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả": what is on it and in which
 * order, as blocks that the printer renderers (80 mm raster or code page) and the counter's A4 PDF
 * both draw. The code is a CODE128 barcode, the QR opens the application's page on the hub (the
 * code and the lookup secret together).
 */
import { formatIssueTime, type ReceiptBlock } from './receipt.js';

export const APPLICATION_RECEIPT_TITLE = 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ';
/** Where the result is handed over, unless the centre says otherwise. */
export const RESULTS_DESK = 'Bộ phận Một cửa – quầy trả kết quả';

export type ApplicationChannel = 'counter' | 'online' | 'post';

const CHANNEL_TEXT: Record<ApplicationChannel, string> = {
  counter: 'Trực tiếp tại quầy',
  online: 'Trực tuyến',
  post: 'Qua dịch vụ bưu chính',
};

export interface ApplicationReceiptData {
  centreName: string;
  /** CENTRE-YYMMDD-NNNN. */
  code: string;
  /** The lookup secret: printed here only, the hub keeps a digest. */
  secret: string;
  /** The CCCD number masked (001******345), never the number. */
  applicant: { fullName: string; idMasked: string | null; phone: string | null; address: string | null };
  procedure: { code: string; name: string };
  documents: { name: string; original: number | null; copies: number | null }[];
  channel: ApplicationChannel;
  /** ISO instants, printed in the centre's time zone. */
  receivedAt: string;
  dueAt: string;
  timeZone: string;
  /** The clerk who received it. */
  receivedBy: string;
  /** What the QR code opens: the application's page on the hub. */
  pageUrl: string;
  hotline?: string;
  /** Where to collect the result (default: the one-stop shop's results counter). */
  collectAt?: string;
}

const count = (value: number | null) => (value === null ? '–' : String(value));
const TABLE_SHARES = [0.54, 0.23, 0.23];

/** The receipt, top to bottom. */
export function applicationReceiptBlocks(data: ApplicationReceiptData): ReceiptBlock[] {
  const line = (text: string, bold = false): ReceiptBlock => ({ kind: 'text', text, size: 'normal', align: 'left', bold });
  const { applicant } = data;
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: data.centreName, size: 'normal', align: 'center', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: APPLICATION_RECEIPT_TITLE, size: 'large', align: 'center', bold: true },
    { kind: 'text', text: 'Mã hồ sơ / Application code', size: 'small', align: 'center' },
    { kind: 'text', text: data.code, size: 'large', align: 'center', bold: true },
    { kind: 'barcode', data: data.code },
    { kind: 'text', text: `Mã tra cứu: ${data.secret}`, size: 'normal', align: 'center', bold: true },
    { kind: 'rule' },
    line(`Người nộp: ${applicant.fullName}`, true),
  ];
  if (applicant.idMasked) blocks.push(line(`Số CCCD: ${applicant.idMasked}`));
  if (applicant.phone) blocks.push(line(`Điện thoại: ${applicant.phone}`));
  if (applicant.address) blocks.push(line(`Địa chỉ: ${applicant.address}`));
  blocks.push(line(`Thủ tục: ${data.procedure.name} (${data.procedure.code})`), line(`Hình thức nộp: ${CHANNEL_TEXT[data.channel]}`), { kind: 'rule' });
  blocks.push({ kind: 'text', text: 'Giấy tờ đã nhận', size: 'normal', align: 'left', bold: true });
  if (data.documents.length === 0) blocks.push(line('(không có)'));
  else {
    blocks.push({ kind: 'row', cells: ['Tên giấy tờ', 'Bản chính', 'Bản sao'], shares: TABLE_SHARES, size: 'small', bold: true });
    data.documents.forEach((document, index) =>
      blocks.push({ kind: 'row', cells: [`${index + 1}. ${document.name}`, count(document.original), count(document.copies)], shares: TABLE_SHARES, size: 'small' }),
    );
  }
  blocks.push(
    { kind: 'rule' },
    line(`Ngày nhận: ${formatIssueTime(data.receivedAt, data.timeZone)}`),
    line(`Hẹn trả kết quả: ${formatIssueTime(data.dueAt, data.timeZone)}`, true),
    line(`Nơi nhận kết quả: ${data.collectAt ?? RESULTS_DESK}`),
    line(`Người tiếp nhận: ${data.receivedBy}`),
    { kind: 'rule' },
    { kind: 'qr', data: data.pageUrl },
    { kind: 'text', text: 'Quét mã để xem tình trạng hồ sơ', size: 'small', align: 'center' },
    { kind: 'text', text: 'Mang giấy này khi đến nhận kết quả', size: 'small', align: 'center' },
  );
  if (data.hotline) blocks.push({ kind: 'text', text: `Đường dây nóng: ${data.hotline}`, size: 'small', align: 'center' });
  blocks.push({ kind: 'text', text: 'Xin cảm ơn quý công dân!', size: 'normal', align: 'center', bold: true });
  return blocks;
}

/** The receipt's words, one line a text block or table row (cells joined by " | "), the barcode as its text. */
export function applicationReceiptText(data: ApplicationReceiptData): string[] {
  return applicationReceiptBlocks(data).flatMap((block) => (block.kind === 'text' ? [block.text] : block.kind === 'row' ? [block.cells.join(' | ')] : block.kind === 'barcode' ? [block.data] : []));
}
