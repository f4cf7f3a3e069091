import { APPLICATION_STATUS_INFO, APPLICATION_STATUSES, localTime } from '@qms/core';
import type { ApplicationDetailDto, ApplicationDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import type { ConsolePage } from '../page.js';
import { OLDER, Pager } from '../pager.js';
import { applicationDetail, VERDICT_TEXT } from './application-detail.js';

type ApplicationRow = Omit<ApplicationDto, 'history'>;

/** A day and a time, without seconds: the list is narrow. */
function shortInstant(iso: string, lang: 'vi' | 'en'): string {
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });
}

const T = {
  help: {
    vi: 'Hồ sơ tiếp nhận tại các quầy. Bấm vào một hồ sơ để xem quá trình xử lý, chuyển trạng thái hoặc hẹn lại ngày trả kết quả.',
    en: 'Applications received at the counters. Click one for its history, to change its status or to give it a new date.',
  },
  month: { vi: 'Tháng {m}: hồ sơ tiếp nhận', en: 'Month {m}: applications received' },
  total: { vi: 'Tổng số', en: 'Total' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Quá hạn', en: 'Late' },
  notDue: { vi: 'Đang xử lý, trong hạn', en: 'In progress, not due' },
  overdue: { vi: 'Đang xử lý, quá hạn', en: 'In progress, overdue' },
  rate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  status: { vi: 'Trạng thái', en: 'Status' },
  all: { vi: 'Tất cả', en: 'All' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  q: { vi: 'Mã, tên, thủ tục', en: 'Code, name, procedure' },
  filter: { vi: 'Lọc', en: 'Filter' },
  code: { vi: 'Mã hồ sơ', en: 'Code' },
  applicant: { vi: 'Người nộp', en: 'Applicant' },
  procedure: { vi: 'Thủ tục', en: 'Procedure' },
  received: { vi: 'Tiếp nhận', en: 'Received' },
  due: { vi: 'Hẹn trả', en: 'Due' },
  timing: { vi: 'Đánh giá', en: 'Timing' },
  none: { vi: 'Không có hồ sơ nào.', en: 'No application.' },
  more: OLDER,
} satisfies Record<string, Bilingual>;

interface Report {
  total: number;
  onTime: number;
  late: number;
  inProgressNotDue: number;
  inProgressOverdue: number;
  onTimeRate: number | null;
}

interface CentreSettings {
  timeZone: string;
  centreName?: string | null;
  applications?: { officeEnd?: string };
}

/**
 * Applications: the month's on-time figures (admins: the report is theirs), the list filtered by
 * status, days of receipt and words, paged; one application's detail beside it. Admins move
 * statuses and extend late ones; technicians read.
 */
export const applicationsPage: ConsolePage = {
  id: 'applications',
  title: { vi: 'Hồ sơ', en: 'Applications' },
  mount(root, ctx) {
    const { t } = ctx;
    let centre: { name: string | null; timeZone: string; officeEnd: string } = { name: null, timeZone: 'Asia/Ho_Chi_Minh', officeEnd: '17:00' };
    let selected: number | null = null;
    const figures = h('div', { class: 'figures', 'data-application-report': '' });
    const status = h(
      'select',
      { name: 'status', 'aria-label': t(T.status) },
      h('option', { value: '' }, t(T.all)),
      ...APPLICATION_STATUSES.map((s) => h('option', { value: String(APPLICATION_STATUS_INFO[s].code) }, `${APPLICATION_STATUS_INFO[s].code}. ${t(APPLICATION_STATUS_INFO[s])}`)),
    );
    const from = h('input', { type: 'date', name: 'from', 'aria-label': t(T.from) });
    const to = h('input', { type: 'date', name: 'to', 'aria-label': t(T.to) });
    const q = h('input', { type: 'search', name: 'q', maxlength: 200, 'aria-label': t(T.q), placeholder: t(T.q) });
    const form = h(
      'form',
      { class: 'filters', 'data-application-filter': '' },
      h('label', {}, t(T.status), status),
      h('label', {}, t(T.from), from),
      h('label', {}, t(T.to), to),
      h('label', {}, t(T.q), q),
      h('button', { type: 'submit', class: 'primary' }, t(T.filter)),
    );
    const rows = h('tbody', {});
    const detail = h('div', { class: 'detail-panel', 'data-detail-panel': '' });
    const header = [T.code, T.applicant, T.procedure, T.received, T.due, T.status, T.timing].map((x) => h('th', { scope: 'col' }, t(x)));

    const row = (application: ApplicationRow) =>
      h(
        'tr',
        {
          'data-application-id': String(application.id),
          'data-status': String(application.status),
          'data-verdict': application.timing.verdict,
          class: application.id === selected ? 'selected' : '',
          tabindex: 0,
          onclick: () => open(application.id),
          onkeydown: (event: Event) => {
            if ((event as KeyboardEvent).key === 'Enter') open(application.id);
          },
        },
        h('td', { class: 'nowrap' }, application.code),
        h('td', {}, application.applicant.fullName),
        h('td', {}, application.procedure.name),
        h('td', {}, shortInstant(application.receivedAt, ctx.lang)),
        h('td', { 'data-cell': 'due' }, shortInstant(application.dueAt, ctx.lang)),
        h('td', { 'data-cell': 'status' }, `${application.status}. ${t(application.statusName)}`),
        h('td', { 'data-cell': 'verdict' }, t(VERDICT_TEXT[application.timing.verdict])),
      );
    const pager = new Pager<ApplicationRow>(ctx.api, {
      path: '/api/applications',
      label: t(T.more),
      query: () => {
        const query = new URLSearchParams();
        if (status.value) query.set('status', status.value);
        if (from.value) query.set('from', from.value);
        if (to.value) query.set('to', to.value);
        if (q.value.trim()) query.set('q', q.value.trim());
        return query;
      },
      show: (entries, append) => {
        const drawn = entries.map(row);
        if (append) rows.append(...drawn);
        else rows.replaceChildren(...(drawn.length > 0 ? drawn : [h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t(T.none)))]));
        root.dataset.loaded = 'true';
      },
      fail: (error) => ctx.fail(error),
    });

    const open = (id: number) => {
      selected = id;
      for (const line of rows.querySelectorAll<HTMLElement>('tr[data-application-id]')) line.classList.toggle('selected', line.dataset.applicationId === String(id));
      ctx.api
        .get<ApplicationDetailDto>(`/api/applications/${id}`)
        .then((application) => {
          if (selected !== id) return;
          detail.replaceChildren(
            applicationDetail(ctx, application, centre, {
              changed: () => refresh(),
              close: () => {
                selected = null;
                detail.replaceChildren();
              },
            }),
          );
        })
        .catch((error: unknown) => ctx.fail(error));
    };
    const refresh = () => {
      pager.load();
      loadReport();
      if (selected !== null) open(selected);
    };

    const loadReport = () => {
      if (ctx.user.role !== 'admin') return; // the report is the admins'
      const today = localTime(new Date(), centre.timeZone).date;
      const month = today.slice(0, 7);
      ctx.api
        .get<Report>(`/api/reports/applications?from=${month}-01&to=${today}`)
        .then((report) => {
          const figure = (key: string, label: Bilingual, value: string) =>
            h('div', { class: 'figure', 'data-figure': key }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, t(label)));
          figures.replaceChildren(
            h('h2', { class: 'figures-title' }, t(T.month).replace('{m}', `${month.slice(5)}/${month.slice(0, 4)}`)),
            figure('total', T.total, String(report.total)),
            figure('onTime', T.onTime, String(report.onTime)),
            figure('late', T.late, String(report.late)),
            figure('inProgressNotDue', T.notDue, String(report.inProgressNotDue)),
            figure('inProgressOverdue', T.overdue, String(report.inProgressOverdue)),
            figure('onTimeRate', T.rate, report.onTimeRate === null ? '—' : `${(report.onTimeRate * 100).toFixed(1).replace(/\.0$/, '')} %`),
          );
        })
        .catch((error: unknown) => ctx.fail(error));
    };

    root.append(
      h('p', { class: 'muted' }, t(T.help)),
      figures,
      form,
      h('div', { class: 'applications-layout' }, h('div', {}, h('table', { class: 'applications' }, h('thead', {}, h('tr', {}, ...header)), rows), pager.more), detail),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      pager.load();
    });
    ctx.api
      .get<CentreSettings>('/api/settings')
      .then((settings) => {
        centre = { name: settings.centreName ?? null, timeZone: settings.timeZone, officeEnd: settings.applications?.officeEnd ?? '17:00' };
      })
      .catch((error: unknown) => ctx.fail(error))
      .finally(() => {
        pager.load();
        loadReport();
      });
    // Received, moved or extended elsewhere (a counter, another console): the list and the month's figures
    // again; the open application stays as it is, so that a note being typed there is not lost.
    const offApplications = ctx.live.on('applications', () => {
      pager.load();
      loadReport();
    });
    return () => {
      offApplications();
      document.querySelector('[data-apology]')?.remove();
      document.documentElement.classList.remove('printing');
    };
  },
};
