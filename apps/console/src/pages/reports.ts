import { PAUSE_REASON_NAMES } from '@qms/core';
import type { ArrivalsDto, QueueReportDto, QueueReportRowDto, TodayDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import { formatSeconds, weekdayName } from '../i18n.js';
import type { ConsolePage } from '../page.js';
import { barsAndLine } from './report-charts.js';
import { type Period, PERIODS, periodRange } from './report-period.js';

type Group = QueueReportDto['groupBy'];
const GROUPS: Group[] = ['service', 'counter', 'staff', 'day', 'hour'];

const T = {
  period: { vi: 'Kỳ báo cáo', en: 'Period' },
  from: { vi: 'Từ ngày', en: 'From' },
  to: { vi: 'Đến ngày', en: 'To' },
  groupBy: { vi: 'Nhóm theo', en: 'Group by' },
  show: { vi: 'Xem báo cáo', en: 'Show' },
  csv: { vi: 'Tải CSV', en: 'Download CSV' },
  xlsx: { vi: 'Tải Excel', en: 'Download Excel' },
  print: { vi: 'In (A4)', en: 'Print (A4)' },
  issued: { vi: 'Số phiếu đã cấp', en: 'Tickets issued' },
  served: { vi: 'Đã phục vụ', en: 'Served' },
  noShow: { vi: 'Vắng mặt', en: 'No-shows' },
  cancelled: { vi: 'Đã huỷ', en: 'Cancelled' },
  waitMean: { vi: 'Chờ trung bình', en: 'Mean wait' },
  waitP90: { vi: 'Chờ P90', en: 'Wait p90' },
  serviceMean: { vi: 'Phục vụ trung bình', en: 'Mean service' },
  overTarget: { vi: 'Chờ quá {m} phút', en: 'Waited over {m} min' },
  satisfied: { vi: 'Hài lòng', en: 'Satisfied' },
  ratings: { vi: 'Lượt đánh giá', en: 'Ratings' },
  name: { vi: 'Tên', en: 'Name' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  byHour: { vi: 'Số phiếu và thời gian chờ theo giờ trong ngày', en: 'Tickets and waits by hour of the day' },
  byDay: { vi: 'Số phiếu và thời gian chờ theo ngày', en: 'Tickets and waits by day' },
  byService: { vi: 'Theo lĩnh vực', en: 'By field' },
  byCounter: { vi: 'Theo quầy', en: 'By counter' },
  heat: { vi: 'Lượt đến theo thứ và giờ (trung bình mỗi ngày)', en: 'Arrivals by weekday and hour (mean per day)' },
  waitMinutes: { vi: 'Chờ trung bình (phút)', en: 'Mean wait (min)' },
  none: { vi: 'Không có dữ liệu trong kỳ này.', en: 'No data in this period.' },
  badPeriod: { vi: 'Ngày bắt đầu phải trước ngày kết thúc.', en: 'The start must not be after the end.' },
  applications: { vi: 'Hồ sơ tiếp nhận', en: 'Applications received' },
  onTime: { vi: 'Đúng hạn', en: 'On time' },
  late: { vi: 'Trễ hạn', en: 'Late' },
  onTimeRate: { vi: 'Tỷ lệ đúng hạn', en: 'On-time rate' },
  pauses: { vi: 'Tạm dừng theo lý do', en: 'Pauses by reason' },
  reason: { vi: 'Lý do', en: 'Reason' },
  times: { vi: 'Số lần', en: 'Times' },
  pausedFor: { vi: 'Tổng thời gian', en: 'Total time' },
  noReason: { vi: 'không nêu lý do', en: 'no reason given' },
  estimateTitle: { vi: 'Thời gian chờ dự kiến in trên phiếu so với thời gian chờ thực tế', en: 'The wait printed on the ticket against the wait that followed' },
  estimates: { vi: 'Số phiếu có dự kiến', en: 'Tickets with an estimate' },
  estimateError: { vi: 'Sai số trung bình', en: 'Mean error' },
  estimateBias: { vi: 'Lệch (dự kiến − thực tế)', en: 'Bias (estimate − wait)' },
  estimateWithin: { vi: 'Đúng trong ±5 phút', en: 'Within ±5 min' },
  estimateFigure: { vi: 'Dự kiến chờ đúng ±5 phút', en: 'Estimates within ±5 min' },
} satisfies Record<string, Bilingual>;

const PERIOD_TEXT: Record<Period, Bilingual> = {
  day: { vi: 'Ngày', en: 'Day' },
  week: { vi: 'Tuần', en: 'Week' },
  month: { vi: 'Tháng', en: 'Month' },
  quarter: { vi: 'Quý', en: 'Quarter' },
  year: { vi: 'Năm', en: 'Year' },
  custom: { vi: 'Tuỳ chọn', en: 'From–to' },
};
const GROUP_TEXT: Record<Group, Bilingual> = {
  service: { vi: 'Lĩnh vực', en: 'Field' },
  counter: { vi: 'Quầy', en: 'Counter' },
  staff: { vi: 'Cán bộ', en: 'Clerk' },
  day: { vi: 'Ngày', en: 'Day' },
  hour: { vi: 'Giờ trong ngày', en: 'Hour of the day' },
};

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)} %`);
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round(seconds / 6) / 10);

/**
 * The queue's reports (admin): a period and a grouping, the figures and their table, charts by hour,
 * by day, per field and per counter, the heat map of arrivals; CSV and Excel downloads; a print view
 * that fits A4.
 */
export const reportsPage: ConsolePage = {
  id: 'reports',
  title: { vi: 'Báo cáo', en: 'Reports' },
  adminOnly: true,
  mount(root, ctx) {
    const { t } = ctx;
    const periodSelect = h('select', { 'data-report-period': '' }, ...PERIODS.map((p) => h('option', { value: p }, t(PERIOD_TEXT[p]))));
    const fromInput = h('input', { type: 'date', 'data-report-from': '' });
    const toInput = h('input', { type: 'date', 'data-report-to': '' });
    const groupSelect = h('select', { 'data-report-group': '' }, ...GROUPS.map((g) => h('option', { value: g }, t(GROUP_TEXT[g]))));
    const csvLink = h('a', { class: 'button', 'data-report-csv': '', download: '' }, t(T.csv));
    const xlsxLink = h('a', { class: 'button', 'data-report-xlsx': '', download: '' }, t(T.xlsx));
    const printButton = h('button', { type: 'button', 'data-report-print': '', onclick: () => window.print() }, t(T.print));
    const heading = h('h2', { 'data-report-heading': '' });
    const figures = h('div', { class: 'figures' });
    const table = h('table', { class: 'report-table', 'data-report-table': '' });
    const charts = h('div', { class: 'charts' });
    const heat = h('div', { class: 'heatmap-box' });
    const pauses = h('div', { class: 'pauses-box' });
    const estimates = h('div', { class: 'estimates-box' });
    let reference = '';
    let destroyCharts: (() => void)[] = [];
    let generation = 0;

    const label = (text: string, control: HTMLElement) => h('label', {}, h('span', {}, text), control);
    root.append(
      h(
        'form',
        { class: 'report-controls no-print', onsubmit: (event: Event) => (event.preventDefault(), void load()) },
        label(t(T.period), periodSelect),
        label(t(T.from), fromInput),
        label(t(T.to), toInput),
        label(t(T.groupBy), groupSelect),
        h('button', { type: 'submit', class: 'primary', 'data-report-show': '' }, t(T.show)),
        csvLink,
        xlsxLink,
        printButton,
      ),
      h('section', { class: 'report', 'data-report': '' }, heading, figures, table, estimates, charts, heat, pauses),
    );

    const applyPeriod = () => {
      const period = periodSelect.value as Period;
      if (period !== 'custom' && reference) {
        const range = periodRange(period, reference);
        fromInput.value = range.from;
        toInput.value = range.to;
      }
    };
    periodSelect.addEventListener('change', () => {
      applyPeriod();
      if (periodSelect.value !== 'custom') void load();
    });
    for (const input of [fromInput, toInput]) input.addEventListener('change', () => (periodSelect.value = 'custom'));
    groupSelect.addEventListener('change', () => void load());

    const query = (group: Group, format?: string) => `/api/reports/queue?from=${fromInput.value}&to=${toInput.value}&groupBy=${group}${format ? `&format=${format}` : ''}`;
    const figure = (key: string, text: string, value: string) => h('div', { class: 'figure', 'data-report-figure': key }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, text));
    const wait = (seconds: number | null) => (seconds === null ? '—' : formatSeconds(seconds, ctx.lang));

    const showTable = (report: QueueReportDto) => {
      const columns: [Bilingual, (row: QueueReportDto['total']) => string][] = [
        [T.issued, (r) => String(r.issued)],
        [T.served, (r) => String(r.served)],
        [T.noShow, (r) => String(r.noShow)],
        [T.cancelled, (r) => String(r.cancelled)],
        [T.waitMean, (r) => wait(r.waitMeanSeconds)],
        [T.waitP90, (r) => wait(r.waitP90Seconds)],
        [T.serviceMean, (r) => wait(r.serviceMeanSeconds)],
        [{ vi: T.overTarget.vi.replace('{m}', String(report.targetMinutes)), en: T.overTarget.en.replace('{m}', String(report.targetMinutes)) }, (r) => percent(r.waitedOverTargetShare)],
        [T.ratings, (r) => String(r.ratings)],
        [T.satisfied, (r) => percent(r.satisfiedShare)],
      ];
      const line = (key: string, name: string, row: QueueReportDto['total'], total = false) =>
        h('tr', total ? { class: 'total', 'data-report-total': '' } : { 'data-report-row': key }, h('th', { scope: 'row' }, name), ...columns.map(([, value]) => h('td', {}, value(row))));
      table.replaceChildren(
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(GROUP_TEXT[report.groupBy])), ...columns.map(([title]) => h('th', { scope: 'col' }, t(title))))),
        h('tbody', {}, ...report.rows.map((row: QueueReportRowDto) => line(String(row.key), row.label, row)), line('', t(T.total), report.total, true)),
      );
    };

    /** The estimate's accuracy by field: the figure no vendor publishes. */
    const showEstimates = (byService: QueueReportDto) => {
      const signed = (seconds: number | null) => (seconds === null ? '—' : `${seconds < 0 ? '−' : '+'}${formatSeconds(Math.abs(seconds), ctx.lang)}`);
      const columns: [Bilingual, (row: QueueReportDto['total']) => string][] = [
        [T.estimates, (r) => String(r.estimates)],
        [T.estimateError, (r) => wait(r.estimateMeanAbsErrorSeconds)],
        [T.estimateBias, (r) => signed(r.estimateBiasSeconds)],
        [T.estimateWithin, (r) => percent(r.estimateWithin5MinShare)],
      ];
      const line = (key: string, name: string, row: QueueReportDto['total'], total = false) =>
        h('tr', total ? { class: 'total' } : { 'data-estimate-row': key }, h('th', { scope: 'row' }, name), ...columns.map(([, value]) => h('td', {}, value(row))));
      estimates.replaceChildren(
        ...(byService.total.estimates === 0
          ? []
          : [
              h('h3', {}, t(T.estimateTitle)),
              h(
                'table',
                { class: 'report-table', 'data-report-estimates': '' },
                h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(GROUP_TEXT.service)), ...columns.map(([title]) => h('th', { scope: 'col' }, t(title))))),
                h('tbody', {}, ...byService.rows.filter((row) => row.estimates > 0).map((row) => line(String(row.key), row.label, row)), line('', t(T.total), byService.total, true)),
              ),
            ]),
      );
    };

    const showHeat = (arrivals: ArrivalsDto) => {
      const open = arrivals.weekdays.flatMap((day) => day.issued.flatMap((n, hour) => (n > 0 ? [hour] : [])));
      if (open.length === 0) {
        heat.replaceChildren();
        return;
      }
      const hours = Array.from({ length: Math.max(...open) - Math.min(...open) + 1 }, (_, i) => Math.min(...open) + i);
      const means = arrivals.weekdays.map((day) => day.issued.map((n) => (day.days > 0 ? n / day.days : 0)));
      const max = Math.max(...means.flat(), 1);
      heat.replaceChildren(
        h('h3', {}, t(T.heat)),
        h(
          'table',
          { class: 'heatmap', 'data-heatmap': '' },
          h('thead', {}, h('tr', {}, h('th', {}, ''), ...hours.map((hour) => h('th', { scope: 'col' }, `${hour}h`)))),
          h(
            'tbody',
            {},
            ...arrivals.weekdays.map((day, index) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, weekdayName(day.weekday, ctx.lang)),
                ...hours.map((hour) => {
                  const mean = means[index]?.[hour] ?? 0;
                  // Five shades, as classes (the page's CSP allows no inline style).
                  const level = mean === 0 ? 0 : Math.min(5, Math.ceil((mean / max) * 5));
                  return h('td', { class: `heat-${level}`, 'data-heat': `${day.weekday}-${hour}`, title: mean.toFixed(1) }, mean === 0 ? '' : mean.toFixed(mean < 10 ? 1 : 0));
                }),
              ),
            ),
          ),
        ),
      );
    };

    const showCharts = (byHour: QueueReportDto, byDay: QueueReportDto, byService: QueueReportDto, byCounter: QueueReportDto) => {
      for (const destroy of destroyCharts) destroy();
      destroyCharts = [];
      const make = (key: string, title: Bilingual, report: QueueReportDto) => {
        const chart = barsAndLine(key, t(title), {
          labels: report.rows.map((row) => row.label),
          bars: { label: t(T.issued), values: report.rows.map((row) => row.issued) },
          line: { label: t(T.waitMinutes), values: report.rows.map((row) => minutes(row.waitMeanSeconds)) },
        });
        destroyCharts.push(chart.destroy);
        return chart.element;
      };
      charts.replaceChildren(make('hour', T.byHour, byHour), make('day', T.byDay, byDay), make('service', T.byService, byService), make('counter', T.byCounter, byCounter));
    };

    const load = async () => {
      if (!fromInput.value || !toInput.value) return;
      if (fromInput.value > toInput.value) {
        ctx.say(t(T.badPeriod), 'error');
        return;
      }
      const group = groupSelect.value as Group;
      csvLink.href = query(group, 'csv');
      xlsxLink.href = query(group, 'xlsx');
      const mine = ++generation;
      root.dataset.loading = 'true';
      try {
        const wanted: Group[] = [group, 'hour', 'day', 'service', 'counter'];
        const [main, byHour, byDay, byService, byCounter] = await Promise.all(wanted.map((g) => ctx.api.get<QueueReportDto>(query(g))));
        const arrivals = await ctx.api.get<ArrivalsDto>(`/api/reports/arrivals?from=${fromInput.value}&to=${toInput.value}`);
        if (mine !== generation || !main || !byHour || !byDay || !byService || !byCounter) return;
        heading.textContent = `${t(PERIOD_TEXT[periodSelect.value as Period])}: ${fromInput.value} – ${toInput.value}`;
        const total = main.total;
        figures.replaceChildren(
          figure('issued', t(T.issued), String(total.issued)),
          figure('served', t(T.served), String(total.served)),
          figure('no-show', t(T.noShow), String(total.noShow)),
          figure('wait-mean', t(T.waitMean), wait(total.waitMeanSeconds)),
          figure('wait-p90', t(T.waitP90), wait(total.waitP90Seconds)),
          figure('service-mean', t(T.serviceMean), wait(total.serviceMeanSeconds)),
          figure('over-target', t(T.overTarget).replace('{m}', String(main.targetMinutes)), percent(total.waitedOverTargetShare)),
          figure('satisfied', t(T.satisfied), percent(total.satisfiedShare)),
          figure('estimate-within', t(T.estimateFigure), percent(total.estimateWithin5MinShare)),
        );
        figures.append(
          figure('applications', t(T.applications), String(main.applications.total)),
          figure('applications-on-time', t(T.onTime), String(main.applications.onTime)),
          figure('applications-late', t(T.late), String(main.applications.late)),
          figure('applications-on-time-rate', t(T.onTimeRate), percent(main.applications.onTimeRate)),
        );
        showTable(main);
        showEstimates(byService);
        const counterName = new Map(byCounter.rows.map((row) => [Number(row.key), row.label]));
        pauses.replaceChildren(
          ...(main.pauses.length === 0
            ? []
            : [
                h('h3', {}, t(T.pauses)),
                h(
                  'table',
                  { 'data-report-pauses': '' },
                  h('thead', {}, h('tr', {}, ...[GROUP_TEXT.counter, T.reason, T.times, T.pausedFor].map((x) => h('th', { scope: 'col' }, t(x))))),
                  h(
                    'tbody',
                    {},
                    ...main.pauses.map((pause) =>
                      h(
                        'tr',
                        { 'data-pause': `${pause.counterId}:${pause.reason ?? ''}` },
                        h('th', { scope: 'row' }, counterName.get(pause.counterId) ?? `#${pause.counterId}`),
                        h('td', {}, t(pause.reason ? PAUSE_REASON_NAMES[pause.reason] : T.noReason)),
                        h('td', {}, String(pause.count)),
                        h('td', {}, formatSeconds(pause.seconds, ctx.lang)),
                      ),
                    ),
                  ),
                ),
              ]),
        );
        if (total.issued === 0) {
          for (const destroy of destroyCharts) destroy();
          destroyCharts = [];
          charts.replaceChildren(h('p', { class: 'muted', 'data-report-empty': '' }, t(T.none)));
          heat.replaceChildren();
        } else {
          showCharts(byHour, byDay, byService, byCounter);
          showHeat(arrivals);
        }
        root.dataset.loading = 'false';
        root.dataset.loaded = `${fromInput.value}/${toInput.value}/${group}`;
      } catch (error) {
        root.dataset.loading = 'false';
        ctx.fail(error);
      }
    };

    periodSelect.value = 'month';
    ctx.api
      .get<TodayDto>('/api/today')
      .then((today) => {
        reference = today.businessDay;
        applyPeriod();
        return load();
      })
      .catch((error: unknown) => ctx.fail(error));
    return () => {
      generation += 1;
      for (const destroy of destroyCharts) destroy();
    };
  },
};
