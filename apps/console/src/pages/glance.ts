import { h } from '@qms/ui';
import type { Static } from '@sinclair/typebox';
import type { ServiceSchema, TodayDto } from '@qms/protocol';
import { formatSeconds } from '../i18n.js';
import type { ConsolePage } from '../page.js';
import { debounce } from '../util.js';

type Service = Static<typeof ServiceSchema>;

/** GET /api/today. */
type Today = TodayDto;

const T = {
  day: { vi: 'Ngày làm việc {d}', en: 'Business day {d}' },
  waiting: { vi: 'Đang chờ', en: 'Waiting' },
  longest: { vi: 'Chờ lâu nhất', en: 'Longest wait now' },
  issued: { vi: 'Đã cấp số', en: 'Tickets issued' },
  served: { vi: 'Đã phục vụ', en: 'Served' },
  noShow: { vi: 'Vắng mặt', en: 'No-shows' },
  cancelled: { vi: 'Đã huỷ', en: 'Cancelled' },
  counters: { vi: 'Quầy', en: 'Counters' },
  open: { vi: 'Đang mở', en: 'Open' },
  serving: { vi: 'Đang phục vụ', en: 'Serving' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  closed: { vi: 'Đóng', en: 'Closed' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  byField: { vi: 'Theo lĩnh vực', en: 'By field' },
  none: { vi: '—', en: '—' },
};

/** Today at a glance: waiting per field, the longest wait, the counters, tickets issued and served. Live. */
export const glancePage: ConsolePage = {
  id: 'today',
  title: { vi: 'Tổng quan hôm nay', en: 'Today at a glance' },
  mount(root, ctx) {
    const { t } = ctx;
    const figures = h('div', { class: 'figures' });
    const perField = h('tbody', {});
    const heading = h('p', { class: 'muted' });
    root.append(
      heading,
      figures,
      h('h2', {}, t(T.byField)),
      h('table', {}, h('thead', {}, h('tr', {}, ...[T.field, T.waiting, T.longest, T.issued, T.served].map((x) => h('th', { scope: 'col' }, t(x))))), perField),
    );
    const figure = (key: string, label: { vi: string; en: string }, value: string) =>
      h('div', { class: 'figure', 'data-figure': key }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, t(label)));
    const wait = (seconds: number | null) => (seconds === null ? t(T.none) : formatSeconds(seconds, ctx.lang));

    const reload = debounce(() => {
      Promise.all([ctx.api.get<Today>('/api/today'), ctx.api.get<Service[]>('/api/services')])
        .then(([today, services]) => {
          heading.textContent = t(T.day).replace('{d}', today.businessDay);
          figures.replaceChildren(
            figure('waiting', T.waiting, String(today.waiting)),
            figure('longest-wait', T.longest, wait(today.longestWaitSeconds)),
            figure('issued', T.issued, String(today.issued)),
            figure('served', T.served, String(today.served)),
            figure('no-show', T.noShow, String(today.noShow)),
            figure('cancelled', T.cancelled, String(today.cancelled)),
            figure('counters-open', T.open, String(today.counters.open)),
            figure('counters-serving', T.serving, String(today.counters.serving)),
            figure('counters-paused', T.paused, String(today.counters.paused)),
            figure('counters-closed', T.closed, String(today.counters.closed)),
          );
          const name = (id: number) => {
            const service = services.find((s) => s.id === id);
            return service ? `${service.prefix} · ${ctx.lang === 'vi' ? service.name : service.nameEn}` : `#${id}`;
          };
          perField.replaceChildren(
            ...today.services.map((row) =>
              h(
                'tr',
                { 'data-today-service': String(row.serviceId) },
                h('td', {}, name(row.serviceId)),
                h('td', { 'data-waiting': String(row.waiting) }, String(row.waiting)),
                h('td', {}, wait(row.longestWaitSeconds)),
                h('td', {}, String(row.issued)),
                h('td', {}, String(row.served)),
              ),
            ),
          );
        })
        .catch((error: unknown) => ctx.fail(error));
    }, 300);
    reload();
    const offQueue = ctx.live.on('queue', reload);
    // The longest wait grows with the clock.
    const tick = setInterval(reload, 30_000);
    return () => {
      offQueue();
      reload.cancel();
      clearInterval(tick);
    };
  },
};
