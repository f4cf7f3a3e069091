import { h } from '@qms/ui';
import { COMMON } from '../i18n.js';
import type { ConsolePage } from '../page.js';
import { debounce } from '../util.js';
import { type Counter, countersSection } from './config-counters.js';
import { type Service, servicesSection } from './config-services.js';
import { type Settings, settingsSection } from './config-settings.js';

const T = {
  jump: { vi: 'Đi tới', en: 'Go to' },
  fields: { vi: 'Lĩnh vực', en: 'Fields' },
  counters: { vi: 'Quầy', en: 'Counters' },
  settings: { vi: 'Cài đặt hàng chờ', en: 'Queue settings' },
};

/**
 * Fields, counters, queue settings and the centre's texts. Re-read whenever the hub says its
 * configuration changed; a form with unsaved edits is kept as typed and says that the hub's copy moved.
 */
export const configurationPage: ConsolePage = {
  id: 'configuration',
  title: { vi: 'Cấu hình', en: 'Configuration' },
  mount(root, ctx) {
    const { t } = ctx;
    let services: Service[] = [];
    const reload = debounce(() => {
      Promise.all([ctx.api.get<Service[]>('/api/services'), ctx.api.get<Counter[]>('/api/counters'), ctx.api.get<Settings>('/api/settings')])
        .then(([readServices, readCounters, readSettings]) => {
          services = readServices;
          fields.update(readServices);
          counters.update(readCounters);
          settings.update(readSettings);
          root.dataset.loaded = 'true';
        })
        .catch((error: unknown) => ctx.fail(error));
    }, 100);
    const fields = servicesSection(ctx, reload);
    const counters = countersSection(ctx, () => services, reload);
    const settings = settingsSection(ctx);
    fields.element.id = 'config-fields';
    counters.element.id = 'config-counters';
    settings.element.id = 'config-settings';
    // In-page links: the page is long; the hash stays the page's own (#configuration).
    const jump = (target: HTMLElement, label: { vi: string; en: string }) => h('button', { type: 'button', class: 'link', onclick: () => target.scrollIntoView({ block: 'start' }) }, t(label));
    root.append(
      h('nav', { class: 'jump', 'aria-label': t(T.jump) }, jump(fields.element, T.fields), jump(counters.element, T.counters), jump(settings.element, T.settings)),
      ...(ctx.canEdit ? [] : [h('p', { class: 'read-only', 'data-read-only': '' }, t(COMMON.readOnly))]),
      fields.element,
      counters.element,
      settings.element,
    );
    reload();
    const offConfig = ctx.live.on('config', reload);
    return () => {
      offConfig();
      reload.cancel();
    };
  },
};
