import type { Lang } from '@qms/ui';

export type { Lang } from '@qms/ui';

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
  pairingTitle: { vi: 'Thiết bị chưa được kết nối', en: 'This kiosk is not paired yet' },
  pairingHint: { vi: 'Kỹ thuật viên duyệt mã này trên máy chủ:', en: 'A technician approves this code on the hub:' },
  starting: { vi: 'Đang khởi động…', en: 'Starting…' },
  reconnecting: { vi: 'Đang kết nối lại máy chủ…', en: 'Reconnecting to the hub…' },
  reconnectingHint: { vi: 'Xin vui lòng chờ trong giây lát. Số của bạn không bị mất.', en: 'Please wait a moment. Nothing is lost.' },
  greeting: { vi: 'Xin chào', en: 'Hello' },
  greetingHint: { vi: 'Thông tin CCCD sẽ được gắn với số thứ tự.', en: 'Your ID card will be attached to your ticket.' },
  notYou: { vi: 'Không phải tôi', en: 'Not me' },
  scanError: { vi: 'Không đọc được mã QR trên CCCD, xin quét lại.', en: 'The ID card QR code could not be read; please scan again.' },
  errorTitle: { vi: 'Chưa lấy được số', en: 'No number was issued' },
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

const ERRORS: Record<string, { vi: string; en: string }> = {
  'service.closed': { vi: 'Lĩnh vực này đã hết giờ nhận hồ sơ.', en: 'This field is closed now.' },
  'service.inactive': { vi: 'Lĩnh vực này tạm ngừng tiếp nhận.', en: 'This field is not taking citizens now.' },
  'service.range_exhausted': { vi: 'Đã hết số của lĩnh vực này hôm nay.', en: 'This field has given out all its numbers today.' },
  'printer.unavailable': { vi: 'Máy in đang gặp sự cố, tạm ngừng cấp số.', en: 'The printer has a problem; numbers are paused.' },
  'hub.unreachable': { vi: 'Không kết nối được máy chủ. Xin thử lại sau.', en: 'The hub cannot be reached. Please try again later.' },
};

export function errorText(lang: Lang, code: string): string {
  return ERRORS[code]?.[lang] ?? (lang === 'vi' ? 'Có lỗi xảy ra, xin vui lòng liên hệ cán bộ.' : 'Something went wrong; please ask a staff member.');
}

const PROBLEMS: Record<string, { vi: string; en: string }> = {
  paper_out: { vi: 'Máy in hết giấy', en: 'The printer is out of paper' },
  paper_out_while_printing: { vi: 'Máy in hết giấy khi đang in', en: 'The paper ran out while printing' },
  cover_open: { vi: 'Nắp máy in đang mở', en: 'The printer cover is open' },
  offline: { vi: 'Máy in không sẵn sàng', en: 'The printer is offline' },
  printer_error: { vi: 'Máy in báo lỗi', en: 'The printer reports an error' },
  unreachable: { vi: 'Không kết nối được máy in', en: 'The printer cannot be reached' },
  timeout: { vi: 'Máy in không trả lời', en: 'The printer does not answer' },
  no_printer: { vi: 'Kiosk chưa có máy in', en: 'This kiosk has no printer' },
};

export function problemText(lang: Lang, problem: string): string {
  return PROBLEMS[problem]?.[lang] ?? problem;
}
