import type { ProcedureDto, ServiceDto } from '@qms/protocol';
import { type Bilingual, h } from '@qms/ui';
import { COMMON } from '../i18n.js';
import type { ConsolePage } from '../page.js';
import { debounce } from '../util.js';
import { importSection } from './procedure-import.js';
import { ACTIVE_TEXT, LEVEL_TEXT, procedureForm } from './procedure-form.js';

const T = {
  help: {
    vi: 'Danh mục thủ tục hành chính trung tâm tiếp nhận: máy lấy số và màn hình sảnh hiện danh mục này. Tìm kiếm không cần gõ dấu.',
    en: 'The administrative procedures the centre receives, as the kiosks and hall displays show them. Search works without accents.',
  },
  search: { vi: 'Tìm theo tên hoặc mã', en: 'Search by name or code' },
  field: { vi: 'Lĩnh vực', en: 'Field' },
  all: { vi: 'Tất cả lĩnh vực', en: 'Every field' },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên thủ tục', en: 'Procedure' },
  days: { vi: 'Thời hạn', en: 'Time' },
  daysValue: { vi: '{n} ngày làm việc', en: '{n} working days' },
  sameDay: { vi: 'Trong ngày', en: 'Same day' },
  fee: { vi: 'Phí, lệ phí', en: 'Fees' },
  level: { vi: 'Mức độ', en: 'Level' },
  state: { vi: 'Trạng thái', en: 'State' },
  inactive: { vi: 'Ngừng áp dụng', en: 'Inactive' },
  add: { vi: 'Thêm thủ tục', en: 'Add a procedure' },
  edit: { vi: 'Sửa', en: 'Edit' },
  deactivate: { vi: 'Ngừng áp dụng', en: 'Deactivate' },
  activate: { vi: 'Áp dụng lại', en: 'Activate' },
  switched: { vi: 'Đã cập nhật thủ tục {code}.', en: 'Procedure {code} updated.' },
  none: { vi: 'Không có thủ tục nào.', en: 'No procedure.' },
  count: { vi: '{n} thủ tục', en: '{n} procedures' },
} satisfies Record<string, Bilingual>;

const amount = new Intl.NumberFormat('vi-VN');

/**
 * The procedures catalogue: searched (accents optional) and filtered by field; admins add, edit,
 * switch off and import a whole file; technicians read. Follows the hub live (config.changed).
 */
export const proceduresPage: ConsolePage = {
  id: 'procedures',
  title: { vi: 'Thủ tục hành chính', en: 'Procedures' },
  mount(root, ctx) {
    const { t } = ctx;
    let services: ServiceDto[] = [];
    let editing: number | 'new' | null = null;
    const q = h('input', { type: 'search', name: 'q', maxlength: 200, 'aria-label': t(T.search), placeholder: t(T.search), class: 'wide' });
    const serviceFilter = h('select', { name: 'serviceId', 'aria-label': t(T.field) }, h('option', { value: '' }, t(T.all)));
    const filters = h('form', { class: 'filters', 'data-procedure-filter': '' }, q, serviceFilter);
    const count = h('p', { class: 'muted', 'data-procedure-count': '' });
    const rows = h('tbody', {});
    const adder = h('div', { 'data-procedure-adder': '' });
    const addButton = h('button', { type: 'button', class: 'primary', 'data-action': 'add-procedure', hidden: !ctx.canEdit }, t(T.add));
    root.append(
      h('p', { class: 'muted' }, t(T.help)),
      ...(ctx.canEdit ? [] : [h('p', { class: 'read-only' }, t(COMMON.readOnly))]),
      filters,
      h('div', { class: 'row' }, addButton),
      adder,
      ...(ctx.canEdit ? [importSection(ctx, () => load())] : []),
      count,
      h(
        'table',
        { class: 'procedures config' },
        h('thead', {}, h('tr', {}, ...[T.code, T.name, T.field, T.days, T.fee, T.level, T.state].map((x) => h('th', { scope: 'col' }, t(x))), h('th', {}))),
        rows,
      ),
    );

    const serviceName = (id: number) => services.find((s) => s.id === id)?.name ?? `#${id}`;
    const closeEditor = () => {
      editing = null;
      adder.replaceChildren();
      load();
    };
    const row = (procedure: ProcedureDto): HTMLElement[] => {
      const actions = ctx.canEdit
        ? h(
            'td',
            { class: 'actions' },
            h('button', { type: 'button', class: 'small', 'data-action': 'edit', onclick: () => ((editing = procedure.id), load()) }, t(T.edit)),
            ' ',
            h(
              'button',
              { type: 'button', class: 'small', 'data-action': procedure.active ? 'deactivate' : 'activate', onclick: () => switchActive(procedure) },
              t(procedure.active ? T.deactivate : T.activate),
            ),
          )
        : h('td', {});
      const line = h(
        'tr',
        { 'data-procedure-id': String(procedure.id), 'data-code': procedure.code, 'data-active': String(procedure.active) },
        h('td', { class: 'nowrap' }, procedure.code),
        h('td', {}, procedure.name, procedure.nameEn ? h('small', { class: 'muted' }, h('br', {}), procedure.nameEn) : null),
        h('td', {}, serviceName(procedure.serviceId)),
        h('td', { class: 'nowrap' }, procedure.processingDays === 0 ? t(T.sameDay) : t(T.daysValue).replace('{n}', String(procedure.processingDays))),
        h('td', {}, procedure.feeAmount !== null ? `${amount.format(procedure.feeAmount)} đ` : procedure.fee || '—'),
        h('td', {}, t(LEVEL_TEXT[procedure.level])),
        h('td', { 'data-cell': 'state' }, procedure.active ? t(ACTIVE_TEXT) : t(T.inactive)),
        actions,
      );
      if (editing !== procedure.id) return [line];
      return [line, h('tr', { class: 'editor-row' }, h('td', { colspan: 8 }, procedureForm(ctx, services, procedure, closeEditor)))];
    };
    const switchActive = (procedure: ProcedureDto) => {
      ctx.api
        .send<ProcedureDto>('PATCH', `/api/procedures/${procedure.id}`, { active: !procedure.active })
        .then(() => {
          ctx.say(t(T.switched).replace('{code}', procedure.code));
          load();
        })
        .catch((error: unknown) => ctx.fail(error));
    };

    let generation = 0;
    const load = () => {
      const query = new URLSearchParams({ includeInactive: 'true' });
      if (q.value.trim()) query.set('q', q.value.trim());
      if (serviceFilter.value) query.set('serviceId', serviceFilter.value);
      const mine = ++generation;
      ctx.api
        .get<ProcedureDto[]>(`/api/procedures?${query.toString()}`)
        .then((list) => {
          if (mine !== generation) return;
          count.textContent = t(T.count).replace('{n}', String(list.length));
          rows.replaceChildren(...(list.length > 0 ? list.flatMap(row) : [h('tr', {}, h('td', { colspan: 8, class: 'muted' }, t(T.none)))]));
          root.dataset.loaded = 'true';
        })
        .catch((error: unknown) => ctx.fail(error));
    };
    const loadServices = () =>
      ctx.api
        .get<ServiceDto[]>('/api/services')
        .then((list) => {
          services = list;
          const chosen = serviceFilter.value;
          serviceFilter.replaceChildren(h('option', { value: '' }, t(T.all)), ...list.map((s) => h('option', { value: String(s.id), selected: String(s.id) === chosen }, s.name)));
        })
        .catch((error: unknown) => ctx.fail(error));

    const typed = debounce(load, 250);
    q.addEventListener('input', typed);
    serviceFilter.addEventListener('change', load);
    filters.addEventListener('submit', (event) => {
      event.preventDefault();
      load();
    });
    addButton.addEventListener('click', () => {
      editing = 'new';
      adder.replaceChildren(procedureForm(ctx, services, null, closeEditor));
    });
    // Someone else changed the catalogue: read it again (not while a form is open here).
    const offConfig = ctx.live.on('config', () => {
      if (editing === null) void loadServices().then(load);
    });
    void loadServices().then(load);
    return () => {
      typed.cancel();
      offConfig();
    };
  },
};
