import { APPLICATION_STATUS_INFO, applicationStatusOfCode, instantOfLocal, localTime, nextStatuses } from '@qms/core';
import type { ApplicationDetailDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import { formatInstant } from '../i18n.js';
import type { PageContext } from '../page.js';
import { type ApologyCentre, showApologyForm } from './apology-form.js';
import { clearNote, field, showRefusal } from './config-refusal.js';

export const VERDICT_TEXT: Record<ApplicationDetailDto['timing']['verdict'], Bilingual> = {
  on_time: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
  in_time: { vi: 'Trong hạn', en: 'Not yet due' },
  overdue: { vi: 'Đang quá hạn', en: 'Overdue' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
};

const T = {
  close: { vi: 'Đóng', en: 'Close' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  due: { vi: 'Hẹn trả', en: 'Due' },
  originalDue: { vi: 'Hẹn trả ban đầu (dùng để đánh giá đúng hạn)', en: 'Original due date (the on-time verdict uses it)' },
  verdict: { vi: 'Đánh giá', en: 'Timing' },
  history: { vi: 'Quá trình xử lý', en: 'History' },
  at: { vi: 'Lúc', en: 'At' },
  from: { vi: 'Từ', en: 'From' },
  to: { vi: 'Sang', en: 'To' },
  by: { vi: 'Người thực hiện', en: 'By' },
  note: { vi: 'Ghi chú', en: 'Note' },
  move: { vi: 'Chuyển trạng thái', en: 'Change the status' },
  final: { vi: 'Hồ sơ đã kết thúc: không chuyển tiếp được.', en: 'The application is finished: no further status.' },
  moved: { vi: 'Đã chuyển hồ sơ {code} sang "{status}".', en: 'Application {code} moved to "{status}".' },
  extensions: { vi: 'Gia hạn (phiếu xin lỗi và hẹn lại ngày trả kết quả)', en: 'Extensions (apology with a new date)' },
  extend: { vi: 'Hẹn lại ngày trả kết quả', en: 'Give a new date' },
  newDate: { vi: 'Ngày hẹn mới', en: 'New date' },
  newTime: { vi: 'Giờ', en: 'Time' },
  reason: { vi: 'Lý do chậm trễ', en: 'Reason of the delay' },
  extended: { vi: 'Đã hẹn lại ngày trả hồ sơ {code}.', en: 'Application {code} has a new date.' },
  apology: { vi: 'Phiếu xin lỗi', en: 'Apology form' },
  fromTo: { vi: '{from} → {to}', en: '{from} → {to}' },
  noExtension: { vi: 'Chưa gia hạn lần nào.', en: 'Not extended.' },
} satisfies Record<string, Bilingual>;

const KNOWN: Record<string, Bilingual> = {
  'application.wrong_transition': { vi: 'Không chuyển được: {m}', en: 'Not allowed: {m}' },
  'application.finished': { vi: 'Hồ sơ đã kết thúc, không gia hạn được.', en: 'The application is finished: it cannot be extended.' },
  'application.extension_invalid': { vi: 'Ngày hẹn mới phải sau ngày hẹn hiện tại và chưa qua: {m}', en: 'The new date must be after the current one and not past: {m}' },
};

const statusText = (code: number, t: PageContext['t']) => {
  const status = applicationStatusOfCode(code);
  return status ? t(APPLICATION_STATUS_INFO[status]) : String(code);
};

/**
 * One application in full: its data, its history, the moves its status allows (buttons only for
 * those: nextStatuses of @qms/core), and for a late one the new date with its apology form. Only
 * who may edit (admins) gets the buttons and forms.
 */
export function applicationDetail(
  ctx: PageContext,
  application: ApplicationDetailDto,
  centre: ApologyCentre & { officeEnd: string },
  options: { changed: () => void; close: () => void },
): HTMLElement {
  const { t } = ctx;
  const status = applicationStatusOfCode(application.status);
  const finished = ['on_time', 'late', 'withdrawn'].includes(application.timing.verdict);
  const facts = h(
    'dl',
    { class: 'facts' },
    ...(
      [
        [T.applicant, [application.applicant.fullName, application.applicant.phone, application.applicant.idMasked].filter(Boolean).join(' · '), 'applicant'],
        [T.procedure, `${application.procedure.name} (${application.procedure.code})`, 'procedure'],
        [T.received, `${formatInstant(application.receivedAt, ctx.lang)} · ${application.receivedBy}`, 'received'],
        [T.due, formatInstant(application.dueAt, ctx.lang), 'due'],
        [T.originalDue, formatInstant(application.originalDueAt, ctx.lang), 'original-due'],
        [T.verdict, t(VERDICT_TEXT[application.timing.verdict]), 'verdict'],
      ] as const
    ).flatMap(([label, value, hook]) => [h('dt', {}, t(label)), h('dd', { [`data-fact`]: hook }, value)]),
  );
  const history = h(
    'table',
    { class: 'history', 'data-history': '' },
    h('thead', {}, h('tr', {}, ...[T.at, T.from, T.to, T.by, T.note].map((x) => h('th', { scope: 'col' }, t(x))))),
    h(
      'tbody',
      {},
      ...application.history.map((change) =>
        h(
          'tr',
          { 'data-history-status': String(change.status) },
          h('td', { class: 'nowrap' }, formatInstant(change.at, ctx.lang)),
          h('td', {}, change.from === null ? '—' : statusText(change.from, t)),
          h('td', {}, statusText(change.status, t)),
          h('td', {}, change.by),
          h('td', {}, change.note ?? ''),
        ),
      ),
    ),
  );

  const parts: (Node | string)[] = [
    h(
      'div',
      { class: 'row' },
      h('h2', {}, `${application.code} · ${statusText(application.status, t)}`),
      h('button', { type: 'button', 'data-action': 'close-detail', onclick: () => options.close() }, t(T.close)),
    ),
    facts,
    h('h3', {}, t(T.history)),
    history,
  ];

  if (ctx.canEdit && status) {
    const moves = nextStatuses(status);
    const note = h('textarea', { name: 'note', rows: 2, cols: 60, maxlength: 500, 'aria-label': t(T.note) });
    const formNote = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
    const buttons = moves.map((to) => {
      const code = APPLICATION_STATUS_INFO[to].code;
      const button = h('button', { type: 'button', 'data-status-to': String(code) }, `${code}. ${t(APPLICATION_STATUS_INFO[to])}`);
      button.addEventListener('click', () => {
        clearNote(formNote);
        const body = note.value.trim() ? { status: code, note: note.value.trim() } : { status: code };
        ctx.api
          .send('POST', `/api/applications/${application.id}/status`, body)
          .then(() => {
            ctx.say(t(T.moved).replace('{code}', application.code).replace('{status}', t(APPLICATION_STATUS_INFO[to])));
            options.changed();
          })
          .catch((error: unknown) => showRefusal(ctx, formNote, error, KNOWN));
      });
      return button;
    });
    parts.push(
      h('h3', {}, t(T.move)),
      moves.length > 0
        ? h('div', { class: 'status-moves', 'data-status-moves': '' }, field(t(T.note), note), h('div', { class: 'row' }, ...buttons), formNote)
        : h('p', { class: 'muted' }, t(T.final)),
    );
  }

  parts.push(h('h3', {}, t(T.extensions)));
  parts.push(
    application.extensions.length === 0
      ? h('p', { class: 'muted' }, t(T.noExtension))
      : h(
          'ol',
          { class: 'extensions', 'data-extensions': '' },
          ...application.extensions.map((extension, index) =>
            h(
              'li',
              { 'data-extension': String(index + 1) },
              `${formatInstant(extension.at, ctx.lang)} · ${extension.by}: `,
              t(T.fromTo).replace('{from}', formatInstant(extension.fromDueAt, ctx.lang)).replace('{to}', formatInstant(extension.toDueAt, ctx.lang)),
              ` — ${extension.reason} `,
              h('button', { type: 'button', class: 'small', 'data-action': 'apology', onclick: () => showApologyForm(application, extension, centre) }, t(T.apology)),
            ),
          ),
        ),
  );
  if (ctx.canEdit && !finished) parts.push(extensionForm(ctx, application, centre, options.changed));
  return h('section', { class: 'application-detail', 'data-application-detail': String(application.id), 'data-status': String(application.status) }, ...parts);
}

/** The new date (a day and a time in the centre's zone, the office's closing time by default) and the reason. */
function extensionForm(ctx: PageContext, application: ApplicationDetailDto, centre: { timeZone: string; officeEnd: string }, changed: () => void): HTMLElement {
  const { t } = ctx;
  const day = h('input', { type: 'date', name: 'dueDay', required: true, min: localTime(new Date(), centre.timeZone).date });
  const time = h('input', { type: 'time', name: 'dueTime', required: true, value: centre.officeEnd });
  const reason = h('textarea', { name: 'reason', rows: 2, cols: 60, maxlength: 500, required: true });
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const form = h(
    'form',
    { class: 'editor', 'data-extend': String(application.id) },
    h('div', { class: 'grid' }, field(t(T.newDate), day), field(t(T.newTime), time)),
    field(t(T.reason), reason),
    note,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'primary', 'data-action': 'extend' }, t(T.extend))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    const [hours = 0, minutes = 0] = time.value.split(':').map(Number);
    const dueAt = instantOfLocal(day.value, hours * 60 + minutes, centre.timeZone).toISOString();
    ctx.api
      .send('POST', `/api/applications/${application.id}/extend`, { dueAt, reason: reason.value.trim() })
      .then(() => {
        ctx.say(t(T.extended).replace('{code}', application.code));
        changed();
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, KNOWN));
  });
  return form;
}
