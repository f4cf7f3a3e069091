/**
 * The ticket receipt: what is on it and in which order, in one place for every entry point
 * (the kiosk, `qms print-test`, the tests). Renderers turn these lines into raster images or
 * code-page text; the QR code is the printer's own command.
 */

import type { Priority, PriorityClass } from '@qms/core';

export interface ReceiptData {
  centreName: string;
  /** The field (service) in Vietnamese, and in English for the second line. */
  serviceName: string;
  serviceNameEn?: string;
  label: string;
  priority: Priority;
  /** ISO instant the ticket was issued. */
  issuedAt: string;
  /** The centre's time zone, for the printed time. */
  timeZone: string;
  ahead: number;
  estimatedWaitSeconds: number | null;
  /** The counters that serve the field, as shown on their signs. */
  counters: number[];
  /** What the QR code opens: the ticket's tracking page. */
  trackingUrl: string;
  hotline?: string;
  /** An extra line (the test text of `qms print-test --text`). */
  note?: string;
}

export type LineSize = 'small' | 'normal' | 'large' | 'huge';

export type ReceiptBlock =
  | { kind: 'text'; text: string; size: LineSize; align: 'left' | 'center'; bold?: boolean }
  | { kind: 'rule' }
  | { kind: 'space'; dots: number }
  | { kind: 'qr'; data: string }
  /** A CODE128 barcode of printable ASCII (the printer's own command where it has one), its text beneath. */
  | { kind: 'barcode'; data: string }
  /** A table row: the first cell wraps, the others are centred; `shares` are each cell's fraction of the width. */
  | { kind: 'row'; cells: string[]; shares: number[]; size: LineSize; bold?: boolean };

const PRIORITY_TEXT: Record<PriorityClass, string> = {
  elderly: 'ƯU TIÊN – Người cao tuổi',
  disabled: 'ƯU TIÊN – Người khuyết tật',
  pregnant: 'ƯU TIÊN – Phụ nữ mang thai',
  child: 'ƯU TIÊN – Người đi cùng trẻ nhỏ',
};

/** dd/MM/yyyy HH:mm in the centre's time zone. */
export function formatIssueTime(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  const formatter = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const part of formatter.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

export function formatWait(seconds: number | null): string {
  if (seconds === null) return 'chưa xác định';
  if (seconds <= 0) return 'không phải chờ';
  const minutes = Math.max(1, Math.round(seconds / 60));
  if (minutes < 60) return `khoảng ${minutes} phút`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `khoảng ${hours} giờ` : `khoảng ${hours} giờ ${rest} phút`;
}

/** The receipt, top to bottom. */
export function receiptBlocks(data: ReceiptData): ReceiptBlock[] {
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: data.centreName, size: 'normal', align: 'center', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: data.serviceName.toUpperCase(), size: 'large', align: 'center', bold: true },
  ];
  if (data.serviceNameEn) blocks.push({ kind: 'text', text: data.serviceNameEn, size: 'small', align: 'center' });
  blocks.push({ kind: 'text', text: 'SỐ THỨ TỰ / YOUR NUMBER', size: 'small', align: 'center' });
  blocks.push({ kind: 'text', text: data.label, size: 'huge', align: 'center', bold: true });
  if (data.priority !== 'normal') blocks.push({ kind: 'text', text: `★ ${PRIORITY_TEXT[data.priority]}`, size: 'normal', align: 'center', bold: true });
  blocks.push(
    { kind: 'space', dots: 8 },
    { kind: 'text', text: `Thời gian lấy số: ${formatIssueTime(data.issuedAt, data.timeZone)}`, size: 'normal', align: 'left' },
    { kind: 'text', text: `Số người chờ trước bạn: ${data.ahead}`, size: 'normal', align: 'left' },
    { kind: 'text', text: `Thời gian chờ dự kiến: ${formatWait(data.estimatedWaitSeconds)}`, size: 'normal', align: 'left' },
    { kind: 'text', text: `Quầy phục vụ: ${data.counters.length > 0 ? data.counters.join(', ') : 'đang cập nhật'}`, size: 'normal', align: 'left' },
  );
  if (data.note) blocks.push({ kind: 'text', text: data.note, size: 'normal', align: 'left' });
  blocks.push({ kind: 'rule' }, { kind: 'qr', data: data.trackingUrl }, { kind: 'text', text: 'Quét mã để theo dõi lượt của bạn', size: 'small', align: 'center' }, { kind: 'rule' });
  if (data.hotline) blocks.push({ kind: 'text', text: `Đường dây nóng: ${data.hotline}`, size: 'small', align: 'center' });
  blocks.push({ kind: 'text', text: 'Xin cảm ơn quý công dân!', size: 'normal', align: 'center', bold: true });
  return blocks;
}

/** The receipt as plain text, one line a block (what a virtual printer's text output is compared with). */
export function receiptText(data: ReceiptData): string[] {
  return receiptBlocks(data).flatMap((block) => (block.kind === 'text' ? [block.text] : []));
}
