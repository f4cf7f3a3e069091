import { h } from '@qms/ui';
import { formatInstant } from '../i18n.js';
import type { ConsolePage } from '../page.js';

const T = {
  now: { vi: 'Sao lưu ngay', en: 'Back up now' },
  nowHelp: {
    vi: 'Tải về một bản sao nhất quán của cơ sở dữ liệu lúc này (máy chủ vẫn hoạt động bình thường).',
    en: 'Download a consistent copy of the database as it is now (the hub keeps working).',
  },
  download: { vi: 'Tải bản sao lưu', en: 'Download a backup' },
  nightly: { vi: 'Bản sao lưu hằng đêm', en: 'Nightly backups' },
  nightlyHelp: {
    vi: 'Máy chủ tự sao lưu mỗi đêm vào thư mục dữ liệu (backups/) và giữ trong số ngày đã cấu hình.',
    en: 'The hub backs itself up every night into its data folder (backups/) and keeps them for the configured number of days.',
  },
  file: { vi: 'Tệp', en: 'File' },
  size: { vi: 'Dung lượng', en: 'Size' },
  at: { vi: 'Lúc', en: 'Made at' },
  none: { vi: 'Chưa có bản sao lưu hằng đêm.', en: 'No nightly backup yet.' },
  restore: { vi: 'Khôi phục', en: 'Restoring' },
  restoreHelp: {
    vi: 'Khôi phục chỉ làm trên máy chủ (qua SSH): dừng dịch vụ, rồi chạy lệnh sau với tệp sao lưu; lệnh kiểm tra tệp trước khi thay cơ sở dữ liệu.',
    en: 'Restoring is done on the hub machine only (over SSH): stop the service, then run this with the backup file; it checks the file before it replaces the database.',
  },
};

/** Download a backup now; the nightly ones; how to restore. */
export const backupsPage: ConsolePage = {
  id: 'backups',
  title: { vi: 'Sao lưu', en: 'Backups' },
  technicianEdits: true,
  mount(root, ctx) {
    const { t } = ctx;
    const list = h('tbody', {});
    root.append(
      h(
        'section',
        {},
        h('h2', {}, t(T.now)),
        h('p', {}, t(T.nowHelp)),
        // A plain link: the browser sends the session cookie and saves the file itself.
        h('a', { class: 'button primary', href: '/api/backup', download: '', 'data-action': 'backup-download' }, t(T.download)),
      ),
      h(
        'section',
        {},
        h('h2', {}, t(T.nightly)),
        h('p', { class: 'muted' }, t(T.nightlyHelp)),
        h('table', {}, h('thead', {}, h('tr', {}, ...[T.file, T.at, T.size].map((x) => h('th', { scope: 'col' }, t(x))))), list),
      ),
      h('section', {}, h('h2', {}, t(T.restore)), h('p', {}, t(T.restoreHelp)), h('pre', {}, 'qms restore BACKUP.sqlite --data DATA_FOLDER')),
    );
    ctx.api
      .get<{ name: string; bytes: number; at: string }[]>('/api/backups')
      .then((backups) => {
        if (backups.length === 0) {
          list.replaceChildren(h('tr', {}, h('td', { colspan: 3, class: 'muted' }, t(T.none))));
          return;
        }
        list.replaceChildren(
          ...backups.map((backup) =>
            h(
              'tr',
              { 'data-backup': backup.name },
              h('td', {}, h('a', { href: `/api/backups/${encodeURIComponent(backup.name)}`, download: '' }, backup.name)),
              h('td', {}, formatInstant(backup.at, ctx.lang)),
              h('td', {}, `${(backup.bytes / 1_048_576).toFixed(1)} MB`),
            ),
          ),
        );
      })
      .catch((error: unknown) => ctx.fail(error));
    return () => {};
  },
};
