import type { FeedbackStatus } from '@qms/core';
import type { FeedbackDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import { COMMON, formatInstant } from '../i18n.js';
import type { ConsolePage, PageContext } from '../page.js';
import { Pager } from '../pager.js';

/** GET /api/feedback's entries. */
type Feedback = FeedbackDto;

const T = {
  help: {
    vi: 'Góp ý, phản ánh người dân gửi tại trung tâm. Nội dung được hiển thị đúng như người dân đã viết. Gọi lại theo số điện thoại nếu có, rồi ghi câu trả lời và đặt trạng thái.',
    en: 'Feedback citizens left at the centre, shown exactly as they wrote it. Call back on the phone number when there is one, then write the reply and set the status.',
  },
  status: { vi: 'Trạng thái', en: 'Status' },
  all: { vi: 'Tất cả', en: 'All' },
  filter: { vi: 'Lọc', en: 'Filter' },
  at: { vi: 'Lúc', en: 'Received' },
  text: { vi: 'Nội dung', en: 'Message' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  reply: { vi: 'Trả lời', en: 'Reply' },
  counter: { vi: 'Quầy {n}', en: 'Counter {n}' },
  save: { vi: 'Lưu', en: 'Save' },
  saved: { vi: 'Đã lưu góp ý #{id}.', en: 'Feedback #{id} saved.' },
  by: { vi: 'Cập nhật: {who}, {at}', en: 'Updated by {who}, {at}' },
  more: { vi: 'Xem thêm', en: 'Older feedback' },
  none: { vi: 'Không có góp ý nào.', en: 'No feedback.' },
} satisfies Record<string, Bilingual>;

const FEEDBACK_STATUS_TEXT: Record<FeedbackStatus, Bilingual> = {
  new: { vi: 'Mới', en: 'New' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
};
const STATUSES = Object.keys(FEEDBACK_STATUS_TEXT) as FeedbackStatus[];

/**
 * Citizens' feedback, newest first, filtered by status; each message can be answered and moved on.
 * Every text a citizen wrote goes into the page as text (h() never parses HTML). Admins only.
 */
export const feedbackPage: ConsolePage = {
  id: 'feedback',
  title: { vi: 'Góp ý', en: 'Feedback' },
  adminOnly: true,
  mount(root, ctx) {
    const { t } = ctx;
    const status = h('select', { name: 'status', 'aria-label': t(T.status) }, h('option', { value: '' }, t(T.all)), ...STATUSES.map((value) => h('option', { value }, t(FEEDBACK_STATUS_TEXT[value]))));
    const form = h('form', { class: 'filters', 'data-feedback-filter': '' }, h('label', {}, t(T.status), status), h('button', { type: 'submit', class: 'primary' }, t(T.filter)));
    const rows = h('tbody', {});
    const pager: Pager<Feedback> = new Pager<Feedback>(ctx.api, {
      path: '/api/feedback',
      label: t(T.more),
      query: () => new URLSearchParams(status.value ? { status: status.value } : {}),
      show: (entries, append) => {
        const drawn = entries.map((item) => row(ctx, item, () => pager.load()));
        if (append) rows.append(...drawn);
        else rows.replaceChildren(...(drawn.length > 0 ? drawn : [h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t(T.none)))]));
        root.dataset.loaded = 'true';
      },
      fail: (error) => ctx.fail(error),
    });
    root.append(
      h('p', { class: 'muted' }, t(T.help)),
      form,
      h('table', { class: 'feedback' }, h('thead', {}, h('tr', {}, ...[T.at, T.text, T.phone, T.status, T.reply].map((x) => h('th', { scope: 'col' }, t(x))))), rows),
      pager.more,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      pager.load();
    });
    pager.load();
    return () => {};
  },
};

function row(ctx: PageContext, item: Feedback, saved: () => void): HTMLTableRowElement {
  const { t } = ctx;
  const context = [item.counterNumber !== null ? t(T.counter).replace('{n}', String(item.counterNumber)) : '', item.about ?? ''].filter(Boolean).join(' · ');
  const status = h(
    'select',
    { name: 'status', 'aria-label': `${t(T.status)} #${item.id}` },
    ...STATUSES.map((value) => h('option', { value, selected: value === item.status }, t(FEEDBACK_STATUS_TEXT[value]))),
  );
  const reply = h('textarea', { name: 'reply', rows: 3, maxlength: 2000, 'aria-label': `${t(T.reply)} #${item.id}` });
  reply.value = item.reply ?? '';
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, t(T.save));
  const editor = h('form', { class: 'feedback-reply' }, reply, h('div', { class: 'row' }, status, ' ', save));
  editor.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    ctx.api
      .send('PATCH', `/api/feedback/${item.id}`, { status: status.value, reply: reply.value })
      .then(() => {
        ctx.say(t(T.saved).replace('{id}', String(item.id)));
        saved();
      })
      .catch((error: unknown) => {
        save.disabled = false;
        ctx.fail(error);
      });
  });
  return h(
    'tr',
    { 'data-feedback-id': String(item.id), 'data-status': item.status },
    h('td', { class: 'nowrap' }, formatInstant(item.createdAt, ctx.lang)),
    h('td', {}, h('div', { class: 'feedback-text', 'data-cell': 'text' }, item.text), context ? h('small', { class: 'muted', 'data-cell': 'about' }, context) : null),
    h('td', { 'data-cell': 'phone', class: 'nowrap' }, item.phone ? h('a', { href: `tel:${item.phone}` }, item.phone) : t(COMMON.none)),
    h('td', { 'data-cell': 'status' }, t(FEEDBACK_STATUS_TEXT[item.status])),
    h('td', {}, editor, item.updatedBy && item.updatedAt ? h('small', { class: 'muted' }, t(T.by).replace('{who}', item.updatedBy).replace('{at}', formatInstant(item.updatedAt, ctx.lang))) : null),
  );
}
