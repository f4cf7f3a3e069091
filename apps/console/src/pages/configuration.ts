import { h } from '@qms/ui';
import type { ConsolePage } from '../page.js';

/** Fields, counters, queue settings and the centre's texts (being built). */
export const configurationPage: ConsolePage = {
  id: 'configuration',
  title: { vi: 'Cấu hình', en: 'Configuration' },
  mount(root) {
    root.append(h('p', {}, '…'));
    return () => {};
  },
};
