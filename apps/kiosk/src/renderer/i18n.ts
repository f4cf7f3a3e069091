import { PRINTER_PROBLEM_TEXT, type PrinterProblem } from '@qms/printer/problems';
import { errorTextsOf, textsOf } from '@qms/shell';
import type { Lang } from '@qms/ui';

/** The kiosk's texts (the phase screens' are the shell's). */
const STRINGS = {
  title: { vi: 'Mời chọn lĩnh vực để lấy số thứ tự', en: 'Choose a field to take a number' },
  langButton: { vi: 'English', en: 'Tiếng Việt' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  people: { vi: 'người', en: 'people' },
  eta: { vi: 'Dự kiến', en: 'Estimated wait' },
  closed: { vi: 'Đã hết giờ nhận hồ sơ', en: 'Closed now' },
  openingHours: { vi: 'Giờ làm việc', en: 'Opening hours' },
  priorityAsk: { vi: 'Tôi thuộc diện ưu tiên', en: 'I have priority' },
  priorityTitle: { vi: 'Chọn diện ưu tiên', en: 'Choose your priority' },
  priorityNone: { vi: 'Không ưu tiên', en: 'No priority' },
  priorityChosen: { vi: 'Ưu tiên', en: 'Priority' },
  elderly: { vi: 'Người cao tuổi', en: 'Elderly person' },
  disabled: { vi: 'Người khuyết tật', en: 'Person with a disability' },
  pregnant: { vi: 'Phụ nữ mang thai', en: 'Pregnant woman' },
  child: { vi: 'Người đi cùng trẻ nhỏ', en: 'With a small child' },
  back: { vi: 'Quay lại', en: 'Back' },
  issuing: { vi: 'Đang cấp số, xin chờ…', en: 'Issuing your number…' },
  yourNumber: { vi: 'Số thứ tự của bạn', en: 'Your number' },
  ahead: { vi: 'Số người chờ trước bạn', en: 'People ahead of you' },
  takeReceipt: { vi: 'Mời nhận phiếu ở khe bên dưới', en: 'Please take your ticket below' },
  done: { vi: 'Xong', en: 'Done' },
  reprint: { vi: 'In lại phiếu', en: 'Print again' },
  photograph: { vi: 'Máy in đang gặp sự cố. Hãy chụp ảnh màn hình này để giữ số thứ tự.', en: 'The printer has a problem. Take a photo of this screen to keep your number.' },
  printFailed: { vi: 'Chưa in được phiếu.', en: 'The ticket could not be printed.' },
  stopIssuing: { vi: 'Máy in đang gặp sự cố: tạm ngừng cấp số. Xin vui lòng liên hệ cán bộ.', en: 'The printer has a problem: numbers are paused. Please ask a staff member.' },
  screenOnly: { vi: 'Máy in đang gặp sự cố: số thứ tự sẽ hiển thị trên màn hình.', en: 'The printer has a problem: your number will be shown on screen.' },
  reconnectingHint: { vi: 'Xin vui lòng chờ trong giây lát. Số của bạn không bị mất.', en: 'Please wait a moment. Nothing is lost.' },
  greeting: { vi: 'Xin chào', en: 'Hello' },
  greetingHint: { vi: 'Thông tin CCCD sẽ được gắn với số thứ tự.', en: 'Your ID card will be attached to your ticket.' },
  notYou: { vi: 'Không phải tôi', en: 'Not me' },
  scanError: { vi: 'Không đọc được mã QR trên CCCD, xin quét lại.', en: 'The ID card QR code could not be read; please scan again.' },
  errorTitle: { vi: 'Chưa lấy được số', en: 'No number was issued' },
} as const;

export const t = textsOf(STRINGS);

export const errorText = errorTextsOf({
  'service.closed': { vi: 'Lĩnh vực này đã hết giờ nhận hồ sơ.', en: 'This field is closed now.' },
  'service.inactive': { vi: 'Lĩnh vực này tạm ngừng tiếp nhận.', en: 'This field is not taking citizens now.' },
  'service.range_exhausted': { vi: 'Đã hết số của lĩnh vực này hôm nay.', en: 'This field has given out all its numbers today.' },
  'printer.unavailable': { vi: 'Máy in đang gặp sự cố, tạm ngừng cấp số.', en: 'The printer has a problem; numbers are paused.' },
});

export function problemText(lang: Lang, problem: PrinterProblem): string {
  return PRINTER_PROBLEM_TEXT[problem]?.[lang] ?? problem;
}
