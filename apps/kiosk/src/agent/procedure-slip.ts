import type { ReceiptBlock } from '@qms/printer';
import type { ProcedureDto } from '@qms/protocol';

/** What the kiosk prints about one procedure: what the detail screen shows, and the portal's QR. */
export interface ProcedureSlipData {
  centreName: string;
  /** The field (service) that receives it, in Vietnamese. */
  fieldName: string;
  procedure: Pick<ProcedureDto, 'code' | 'name' | 'nameEn' | 'processingDays' | 'fee' | 'documents' | 'applicants' | 'level' | 'portalUrl'>;
  hotline?: string | null;
}

const LEVEL_TEXT: Record<ProcedureDto['level'], string> = {
  'mot-phan': 'Dịch vụ công trực tuyến một phần',
  'toan-trinh': 'Dịch vụ công trực tuyến toàn trình',
};

/** "0 ngày" is said as the same day. */
export function processingText(days: number): string {
  return days === 0 ? 'Trong ngày' : `${days} ngày làm việc`;
}

/** "Tờ khai (1 bản chính, 2 bản sao)". */
export function documentText(document: ProcedureDto['documents'][number]): string {
  const counts = [document.original ? `${document.original} bản chính` : '', document.copies ? `${document.copies} bản sao` : ''].filter(Boolean);
  return counts.length > 0 ? `${document.name} (${counts.join(', ')})` : document.name;
}

/** The slip, top to bottom, in the blocks the receipt renderer draws. */
export function procedureSlipBlocks(data: ProcedureSlipData): ReceiptBlock[] {
  const { procedure } = data;
  const line = (text: string, bold = false): ReceiptBlock => ({ kind: 'text', text, size: 'normal', align: 'left', bold });
  const blocks: ReceiptBlock[] = [
    { kind: 'text', text: data.centreName, size: 'normal', align: 'center', bold: true },
    { kind: 'rule' },
    { kind: 'text', text: 'THÔNG TIN THỦ TỤC HÀNH CHÍNH', size: 'small', align: 'center' },
    { kind: 'text', text: procedure.name, size: 'large', align: 'center', bold: true },
  ];
  if (procedure.nameEn) blocks.push({ kind: 'text', text: procedure.nameEn, size: 'small', align: 'center' });
  blocks.push(
    { kind: 'space', dots: 8 },
    line(`Mã thủ tục: ${procedure.code}`),
    line(`Lĩnh vực: ${data.fieldName}`),
    line(`Thời hạn giải quyết: ${processingText(procedure.processingDays)}`),
    line(`Phí, lệ phí: ${procedure.fee.trim() || 'Không'}`),
    line(`Mức độ: ${LEVEL_TEXT[procedure.level]}`),
  );
  if (procedure.applicants.trim()) blocks.push(line(`Đối tượng thực hiện: ${procedure.applicants}`));
  if (procedure.documents.length > 0) {
    blocks.push({ kind: 'rule' }, line('Thành phần hồ sơ:', true));
    procedure.documents.forEach((document, index) => blocks.push(line(`${index + 1}. ${documentText(document)}`)));
  }
  if (procedure.portalUrl) {
    blocks.push({ kind: 'rule' }, { kind: 'qr', data: procedure.portalUrl }, { kind: 'text', text: 'Quét mã để nộp hồ sơ trực tuyến trên Cổng dịch vụ công', size: 'small', align: 'center' });
  }
  blocks.push({ kind: 'rule' });
  if (data.hotline) blocks.push({ kind: 'text', text: `Đường dây nóng: ${data.hotline}`, size: 'small', align: 'center' });
  blocks.push({ kind: 'text', text: 'Xin cảm ơn quý công dân!', size: 'normal', align: 'center', bold: true });
  return blocks;
}
