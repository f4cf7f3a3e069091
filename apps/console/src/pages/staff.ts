import { h } from '@qms/ui';
import type { ConsolePage } from '../page.js';

/** The staff accounts (being built). */
export const staffPage: ConsolePage = {
  id: 'staff',
  title: { vi: 'Nhân viên', en: 'Staff' },
  adminOnly: true,
  mount(root) {
    root.append(h('p', {}, '…'));
    return () => {};
  },
};
