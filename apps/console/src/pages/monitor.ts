import { PAUSE_REASON_NAMES } from '@qms/core';
import type { MonitorDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import { formatSeconds } from '../i18n.js';
import type { ConsolePage } from '../page.js';
import { debounce } from '../util.js';
import { barsAndLine } from './report-charts.js';

const T = {
  alarms: { vi: 'Cảnh báo', en: 'Alarms' },
  noAlarm: { vi: 'Không có cảnh báo.', en: 'No alarm.' },
  overTarget: { vi: '{f}: có người đã chờ {w} (chỉ tiêu {t} phút)', en: '{f}: someone has waited {w} (target {t} min)' },
  noCounter: { vi: '{f}: {n} người đang chờ mà không quầy nào mở', en: '{f}: {n} waiting and no open counter serves it' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  longest: { vi: 'Chờ lâu nhất', en: 'Longest wait' },
  countersOpen: { vi: 'Quầy mở', en: 'Open counters' },
  counter: { vi: 'Quầy', en: 'Counter' },
  state: { vi: 'Trạng thái', en: 'State' },
  since: { vi: 'Bao lâu', en: 'For' },
  serving: { vi: 'Đang phục vụ {l}', en: 'Serving {l}' },
  called: { vi: 'Đã gọi {l}', en: 'Called {l}' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  idle: { vi: 'Rảnh', en: 'Idle' },
  closed: { vi: 'đóng', en: 'closed' },
  perHour: { vi: 'Số phiếu theo giờ hôm nay', en: 'Tickets per hour today' },
  issued: { vi: 'Đã cấp', en: 'Issued' },
  served: { vi: 'Đã phục vụ', en: 'Served' },
} satisfies Record<string, Bilingual>;

/**
 * The floor manager's live monitor: the alarms first (a wait past the target, a field with citizens
 * and no open counter), waiting per field, each counter and how long it has been so, today's
 * tickets per hour. Read again on every queue event, and every 5 s for the times.
 */
export const monitorPage: ConsolePage = {
  id: 'monitor',
  title: { vi: 'Giám sát', en: 'Monitor' },
  mount(root, ctx) {
    const { t } = ctx;
    const alarms = h('section', { class: 'monitor-alarms', 'data-monitor-alarms': '', role: 'alert' });
    const fields = h('tbody', {});
    const counters = h('tbody', {});
    const chart = h('div', { class: 'charts' });
    let destroyChart = () => {};
    let lastHours = '';
    root.append(
      alarms,
      h('h2', {}, t(T.field)),
      h('table', {}, h('thead', {}, h('tr', {}, ...[T.field, T.waiting, T.longest, T.countersOpen].map((x) => h('th', { scope: 'col' }, t(x))))), fields),
      h('h2', {}, t(T.counter)),
      h('table', {}, h('thead', {}, h('tr', {}, ...[T.counter, T.state, T.since].map((x) => h('th', { scope: 'col' }, t(x))))), counters),
      chart,
    );
    const fill = (text: Bilingual, values: Record<string, string>) => Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, v), t(text));

    const show = (m: MonitorDto) => {
      const now = Date.parse(m.at);
      const forSeconds = (iso: string | null) => (iso === null ? '—' : formatSeconds((now - Date.parse(iso)) / 1000, ctx.lang));
      const fieldName = (id: number) => {
        const field = m.services.find((s) => s.id === id);
        return field ? `${field.prefix} · ${field.name}` : `#${id}`;
      };
      alarms.dataset.count = String(m.alarms.length);
      alarms.replaceChildren(
        h('h2', {}, `${t(T.alarms)} (${m.alarms.length})`),
        ...(m.alarms.length === 0
          ? [h('p', { class: 'muted' }, t(T.noAlarm))]
          : m.alarms.map((alarm) =>
              h(
                'p',
                { class: 'alarm', 'data-monitor-alarm': `${alarm.kind}:${alarm.serviceId}` },
                alarm.kind === 'wait_over_target'
                  ? fill(T.overTarget, { f: fieldName(alarm.serviceId), w: formatSeconds(alarm.waitedSeconds, ctx.lang), t: String(m.targetMinutes) })
                  : fill(T.noCounter, { f: fieldName(alarm.serviceId), n: String(alarm.waiting) }),
              ),
            )),
      );
      fields.replaceChildren(
        ...m.services.map((field) =>
          h(
            'tr',
            { 'data-monitor-service': String(field.id), 'data-waiting': String(field.waiting) },
            h('th', { scope: 'row' }, `${fieldName(field.id)}${field.open ? '' : ` (${t(T.closed)})`}`),
            h('td', {}, String(field.waiting)),
            h('td', {}, field.longestWaitSeconds === null ? '—' : formatSeconds(field.longestWaitSeconds, ctx.lang)),
            h('td', {}, String(field.countersOpen)),
          ),
        ),
      );
      counters.replaceChildren(
        ...m.counters.map((counter) => {
          let state: string;
          let since: string | null;
          let kind: string;
          if (counter.ticket) {
            kind = counter.ticket.status;
            state = fill(counter.ticket.status === 'serving' ? T.serving : T.called, { l: counter.ticket.label });
            since = counter.ticket.since;
          } else if (counter.status === 'paused') {
            kind = 'paused';
            const reason = counter.pauseReason ? PAUSE_REASON_NAMES[counter.pauseReason] : undefined;
            state = reason ? `${t(T.paused)} (${t(reason)})` : t(T.paused);
            since = counter.pausedSince;
          } else {
            kind = 'idle';
            state = t(T.idle);
            since = counter.idleSince;
          }
          return h('tr', { 'data-monitor-counter': String(counter.number), 'data-state': kind }, h('th', { scope: 'row' }, counter.name), h('td', {}, state), h('td', {}, forSeconds(since)));
        }),
      );
      // The chart is drawn again only when the figures move (every 5 s would flicker for nothing).
      const hours = JSON.stringify(m.ticketsPerHour);
      if (hours !== lastHours) {
        lastHours = hours;
        destroyChart();
        const drawn = barsAndLine('per-hour', t(T.perHour), {
          labels: m.ticketsPerHour.map((row) => `${String(row.hour).padStart(2, '0')}h`),
          bars: { label: t(T.issued), values: m.ticketsPerHour.map((row) => row.issued) },
        });
        destroyChart = drawn.destroy;
        chart.replaceChildren(drawn.element);
      }
      root.dataset.loaded = m.at;
    };

    const reload = debounce(() => {
      ctx.api
        .get<MonitorDto>('/api/monitor')
        .then(show)
        .catch((error: unknown) => ctx.fail(error));
    }, 200);
    reload();
    const offQueue = ctx.live.on('queue', reload);
    const offConfig = ctx.live.on('config', reload);
    const tick = setInterval(reload, 5_000);
    return () => {
      offQueue();
      offConfig();
      reload.cancel();
      clearInterval(tick);
      destroyChart();
    };
  },
};
