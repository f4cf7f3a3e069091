import type { AuditAction } from '@qms/core';
import { type Bilingual, h } from '@qms/ui';
import { formatInstant } from '../i18n.js';
import type { ConsolePage } from '../page.js';
import { OLDER, Pager } from '../pager.js';

interface AuditEntry {
  id: number;
  at: string;
  actor: { type: string; id: number | null; name: string };
  action: string;
  ticketId: number | null;
  counterId: number | null;
  details: Record<string, unknown>;
}

const T = {
  day: { vi: 'Ngày', en: 'Day' },
  actor: { vi: 'Người / thiết bị', en: 'User or device' },
  action: { vi: 'Loại', en: 'Kind' },
  all: { vi: 'Tất cả', en: 'All' },
  filter: { vi: 'Lọc', en: 'Filter' },
  at: { vi: 'Lúc', en: 'At' },
  details: { vi: 'Chi tiết', en: 'Details' },
  none: { vi: 'Không có mục nào.', en: 'No entries.' },
  ticket: { vi: 'vé', en: 'ticket' },
  counter: { vi: 'quầy', en: 'counter' },
};

/** What the filter offers: one action, or a group (the hub matches a prefix ending in a dot). */
const FILTERS: { value: string; label: Bilingual }[] = [
  { value: 'ticket.called_out_of_order', label: { vi: 'Gọi không theo thứ tự', en: 'Out-of-order calls' } },
  { value: 'ticket.transferred', label: { vi: 'Chuyển quầy / lĩnh vực', en: 'Transfers' } },
  { value: 'ticket.cancelled', label: { vi: 'Huỷ số', en: 'Cancellations' } },
  { value: 'counter.paused', label: { vi: 'Tạm dừng quầy', en: 'Pauses' } },
  { value: 'ticket.', label: { vi: 'Mọi thao tác với vé', en: 'Every ticket action' } },
  { value: 'counter.', label: { vi: 'Quầy', en: 'Counters' } },
  { value: 'config.', label: { vi: 'Cấu hình (lĩnh vực, quầy, cài đặt, thủ tục)', en: 'Configuration (fields, counters, settings, procedures)' } },
  { value: 'user.', label: { vi: 'Tài khoản và đăng nhập', en: 'Accounts and logins' } },
  { value: 'device.', label: { vi: 'Thiết bị', en: 'Devices' } },
  { value: 'backup.', label: { vi: 'Sao lưu', en: 'Backups' } },
  { value: 'feedback.', label: { vi: 'Góp ý của người dân', en: "Citizens' feedback" } },
  { value: 'application.', label: { vi: 'Hồ sơ', en: 'Applications' } },
];

/** Every action of the audit log in words (the type makes a new action without words a compile error). */
const ACTION_TEXT: Record<AuditAction, Bilingual> = {
  'ticket.called_out_of_order': { vi: 'Gọi không theo thứ tự', en: 'Called out of order' },
  'ticket.transferred': { vi: 'Chuyển vé', en: 'Ticket transferred' },
  'ticket.cancelled': { vi: 'Huỷ vé', en: 'Ticket cancelled' },
  'ticket.requeued': { vi: 'Trả vé vắng mặt về hàng chờ', en: 'No-show requeued' },
  'counter.paused': { vi: 'Tạm dừng quầy', en: 'Counter paused' },
  'counter.resumed': { vi: 'Mở lại quầy', en: 'Counter resumed' },
  'day.closed': { vi: 'Kết thúc ngày làm việc', en: 'Business day closed' },
  'service.created': { vi: 'Thêm lĩnh vực', en: 'Field added' },
  'service.updated': { vi: 'Sửa lĩnh vực', en: 'Field changed' },
  'counter.created': { vi: 'Thêm quầy', en: 'Counter added' },
  'counter.updated': { vi: 'Sửa quầy', en: 'Counter changed' },
  'settings.updated': { vi: 'Sửa cài đặt hàng chờ', en: 'Queue settings changed' },
  'user.created': { vi: 'Thêm tài khoản', en: 'User added' },
  'user.password_set': { vi: 'Đặt mật khẩu', en: 'Password set' },
  'user.pin_set': { vi: 'Đặt mã PIN', en: 'PIN set' },
  'user.pin_removed': { vi: 'Xoá mã PIN', en: 'PIN removed' },
  'user.login': { vi: 'Đăng nhập', en: 'Signed in' },
  'user.login_failed': { vi: 'Đăng nhập sai', en: 'Failed sign-in' },
  'user.disabled': { vi: 'Khoá tài khoản', en: 'User disabled' },
  'user.enabled': { vi: 'Mở khoá tài khoản', en: 'User enabled' },
  'user.updated': { vi: 'Sửa tài khoản', en: 'User changed' },
  'device.approved': { vi: 'Duyệt thiết bị', en: 'Device approved' },
  'device.revoked': { vi: 'Thu hồi thiết bị', en: 'Device revoked' },
  'backup.downloaded': { vi: 'Tải bản sao lưu', en: 'Backup downloaded' },
  'procedure.created': { vi: 'Thêm thủ tục hành chính', en: 'Procedure added' },
  'procedure.updated': { vi: 'Sửa thủ tục hành chính', en: 'Procedure changed' },
  'procedure.imported': { vi: 'Nhập danh mục thủ tục', en: 'Procedures imported' },
  'feedback.updated': { vi: 'Xử lý góp ý', en: 'Feedback handled' },
  'application.received': { vi: 'Tiếp nhận hồ sơ', en: 'Application received' },
  'application.status_changed': { vi: 'Chuyển trạng thái hồ sơ', en: 'Application status changed' },
  'application.extended': { vi: 'Gia hạn hồ sơ (xin lỗi, hẹn lại ngày trả)', en: 'Application due date extended (apology)' },
  'application.looked_up_by_citizen': { vi: 'Tra cứu hồ sơ bằng CCCD tại kiosk', en: 'Applications looked up by ID card at a kiosk' },
  'application.pickup_issued': { vi: 'Cấp số trả kết quả hồ sơ', en: 'Results pickup ticket issued' },
};

/** The audit log, newest first, filtered by day, person or station, and kind; older pages on demand. */
export const auditPage: ConsolePage = {
  id: 'audit',
  title: { vi: 'Nhật ký thao tác', en: 'Audit log' },
  mount(root, ctx) {
    const { t } = ctx;
    const day = h('input', { type: 'date', name: 'day', 'aria-label': t(T.day) });
    const actor = h('input', { name: 'actor', maxlength: 64, 'aria-label': t(T.actor) });
    const action = h('select', { name: 'action', 'aria-label': t(T.action) }, h('option', { value: '' }, t(T.all)), ...FILTERS.map((f) => h('option', { value: f.value }, t(f.label))));
    const rows = h('tbody', {});
    const form = h(
      'form',
      { class: 'filters' },
      h('label', {}, t(T.day), day),
      h('label', {}, t(T.actor), actor),
      h('label', {}, t(T.action), action),
      h('button', { type: 'submit', class: 'primary' }, t(T.filter)),
    );
    const pager = new Pager<AuditEntry>(ctx.api, {
      path: '/api/audit',
      label: t(OLDER),
      query: () => {
        const query = new URLSearchParams();
        if (day.value) query.set('day', day.value);
        if (actor.value.trim()) query.set('actor', actor.value.trim());
        if (action.value) query.set('action', action.value);
        return query;
      },
      show: (entries, append) => {
        const drawn = entries.map((entry) => row(entry));
        if (append) rows.append(...drawn);
        else rows.replaceChildren(...(drawn.length > 0 ? drawn : [h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t(T.none)))]));
      },
      fail: (error) => ctx.fail(error),
    });
    root.append(form, h('table', { class: 'audit' }, h('thead', {}, h('tr', {}, ...[T.at, T.actor, T.action, T.details].map((x) => h('th', { scope: 'col' }, t(x))))), rows), pager.more);
    const row = (entry: AuditEntry) => {
      const label = ACTION_TEXT[entry.action as AuditAction] as Bilingual | undefined;
      const about = [entry.ticketId !== null ? `${t(T.ticket)} #${entry.ticketId}` : '', entry.counterId !== null ? `${t(T.counter)} #${entry.counterId}` : ''].filter(Boolean).join(' · ');
      const details = Object.entries(entry.details)
        .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
        .join('; ');
      return h(
        'tr',
        { 'data-audit-id': String(entry.id), 'data-audit-action': entry.action },
        h('td', {}, formatInstant(entry.at, ctx.lang)),
        h('td', {}, entry.actor.name),
        h('td', {}, label ? t(label) : entry.action),
        h('td', { class: 'details' }, [about, details].filter(Boolean).join(' · ')),
      );
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      pager.load();
    });
    pager.load();
    return () => {};
  },
};
