import { localTime } from '@qms/core';
import type { ApplicationDetailDto, ApplicationExtensionDto } from '@qms/protocol';
import { h } from '@qms/ui';

/** What the form says of the centre. */
export interface ApologyCentre {
  /** The centre's name (the hub's centreName), e.g. "UBND phường Bến Nghé"; null when the hub has none. */
  name: string | null;
  timeZone: string;
}

const UNIT = 'Bộ phận Tiếp nhận và Trả kết quả';

/** "17 giờ 00 phút, ngày 02 tháng 12 năm 2026", in the centre's time zone. */
export function vietnameseInstant(iso: string, timeZone: string): string {
  const local = localTime(new Date(iso), timeZone);
  const [year, month, day] = local.date.split('-');
  const [hours, minutes] = local.time.split(':');
  return `${hours} giờ ${minutes} phút, ngày ${day} tháng ${month} năm ${year}`;
}

function vietnameseDate(iso: string, timeZone: string): string {
  const [year, month, day] = localTime(new Date(iso), timeZone).date.split('-');
  return `ngày ${day} tháng ${month} năm ${year}`;
}

/**
 * The apology with the new date of a late application, as the one-stop rules set it out ("Phiếu
 * xin lỗi và hẹn lại ngày trả kết quả", form 04 of Circular 01/2018/TT-VPCP): the centre, the
 * applicant, the application's code and procedure, when it was received, the date promised, the
 * reason of the delay, the new date, and the line for the signature. An A4 sheet over the console
 * (CSS @page size A4; only the sheet prints), printed with the browser's print dialog.
 */
export function showApologyForm(application: ApplicationDetailDto, extension: ApplicationExtensionDto, centre: ApologyCentre): HTMLElement {
  const tz = centre.timeZone;
  const unit = centre.name ? `${UNIT} ${centre.name}` : UNIT;
  const p = (...children: (Node | string)[]) => h('p', {}, ...children);
  const b = (text: string, hook: string) => h('strong', { [`data-apology-${hook}`]: '' }, text);
  const sheet = h(
    'article',
    { class: 'apology-sheet', 'data-apology-sheet': '' },
    h(
      'div',
      { class: 'apology-head' },
      h('div', {}, centre.name ? h('div', { 'data-apology-centre': '' }, centre.name.toUpperCase()) : '', h('div', { class: 'bold' }, UNIT.toUpperCase()), h('div', {}, `Số: ${application.code}`)),
      h(
        'div',
        {},
        h('div', { class: 'bold' }, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'),
        h('div', { class: 'bold underline' }, 'Độc lập - Tự do - Hạnh phúc'),
        h('div', { class: 'italic' }, `…………, ${vietnameseDate(extension.at, tz)}`),
      ),
    ),
    h('h2', { class: 'apology-title' }, 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'),
    p('Kính gửi: Ông/Bà ', b(application.applicant.fullName, 'applicant'), '.'),
    p(`N${vietnameseDate(application.receivedAt, tz).slice(1)}, ${unit} tiếp nhận giải quyết hồ sơ của Ông/Bà, mã số hồ sơ: `, b(application.code, 'code'), '.'),
    p('Nội dung yêu cầu giải quyết: ', b(`${application.procedure.name} (mã thủ tục ${application.procedure.code})`, 'procedure'), '.'),
    p('Thời gian tiếp nhận hồ sơ: ', b(vietnameseInstant(application.receivedAt, tz), 'received'), '.'),
    p('Thời gian hẹn trả kết quả giải quyết hồ sơ: ', b(vietnameseInstant(extension.fromDueAt, tz), 'original-due'), '.'),
    p(`Tuy nhiên đến nay, ${unit} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hẹn như đã ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.`),
    p('Lý do: ', b(extension.reason, 'reason'), '.'),
    p(`Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${unit} xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào `, b(vietnameseInstant(extension.toDueAt, tz), 'new-due'), '.'),
    p('Xin trân trọng cảm ơn sự hợp tác của Ông/Bà./.'),
    h(
      'div',
      { class: 'apology-sign' },
      h('div', { class: 'bold' }, `ĐẠI DIỆN ${UNIT.toUpperCase()}`),
      h('div', { class: 'italic' }, '(Ký và ghi rõ họ tên)'),
      h('div', { class: 'signature-space' }),
      h('div', { 'data-apology-by': '' }, extension.by),
    ),
  );
  const close = h('button', { type: 'button', 'data-action': 'close-apology' }, 'Đóng / Close');
  const print = h('button', { type: 'button', class: 'primary', 'data-action': 'print-apology' }, 'In phiếu / Print');
  const overlay = h(
    'div',
    { class: 'print-view', 'data-apology': String(application.id), role: 'dialog', 'aria-label': 'Phiếu xin lỗi và hẹn lại ngày trả kết quả' },
    h('div', { class: 'print-tools' }, print, ' ', close),
    sheet,
  );
  close.addEventListener('click', () => {
    overlay.remove();
    document.documentElement.classList.remove('printing');
  });
  print.addEventListener('click', () => window.print());
  document.querySelector('[data-apology]')?.remove();
  document.body.append(overlay);
  // While it is open only the sheet prints (styles.css: html.printing).
  document.documentElement.classList.add('printing');
  print.focus();
  return overlay;
}
