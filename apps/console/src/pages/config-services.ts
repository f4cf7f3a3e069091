import { type Bilingual, h } from '@qms/ui';
import type { Static } from '@sinclair/typebox';
import type { ServiceSchema } from '@qms/protocol';
import { COMMON } from '../i18n.js';
import type { PageContext } from '../page.js';
import { hoursEditor, hoursList } from './config-hours.js';
import { clearNote, field, showRefusal, trackDirty } from './config-refusal.js';
import { EditableRows, type RowEditor } from './config-table.js';

export type Service = Static<typeof ServiceSchema>;
type ServiceBody = Omit<Service, 'id'>;

export const SERVICE_TEXT = {
  heading: { vi: 'Lĩnh vực', en: 'Fields' },
  help: {
    vi: 'Mỗi lĩnh vực có mã, tên hai thứ tiếng, tiền tố và dải số của vé, giờ làm việc theo ngày trong tuần.',
    en: 'Each field has a code, its names in both languages, the prefix and number range of its tickets, and opening hours by weekday.',
  },
  code: { vi: 'Mã', en: 'Code' },
  name: { vi: 'Tên tiếng Việt', en: 'Vietnamese name' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  prefix: { vi: 'Tiền tố', en: 'Prefix' },
  range: { vi: 'Dải số', en: 'Number range' },
  rangeStart: { vi: 'Số đầu', en: 'First number' },
  rangeEnd: { vi: 'Số cuối', en: 'Last number' },
  hours: { vi: 'Giờ làm việc', en: 'Opening hours' },
  active: { vi: 'Đang dùng', en: 'Active' },
  activeBox: { vi: 'Đang dùng (hiện trên máy lấy số)', en: 'Active (shown on the kiosks)' },
  position: { vi: 'Thứ tự', en: 'Position' },
  positionHint: { vi: 'số nhỏ đứng trước', en: 'lower comes first' },
  seconds: { vi: 'Thời gian phục vụ ước tính (giây)', en: 'Estimated service time (seconds)' },
  edit: { vi: 'Sửa', en: 'Edit' },
  add: { vi: 'Thêm lĩnh vực', en: 'Add a field' },
  added: { vi: 'Đã thêm lĩnh vực {name}.', en: 'Field {name} added.' },
  saved: { vi: 'Đã lưu lĩnh vực {name}.', en: 'Field {name} saved.' },
  nothing: { vi: 'Chưa có gì thay đổi.', en: 'Nothing changed.' },
  none: { vi: 'Chưa có lĩnh vực nào.', en: 'No field yet.' },
  stale: {
    vi: 'Lĩnh vực này vừa được thay đổi trên máy chủ (ở nơi khác). Những gì bạn đang sửa chưa lưu; bấm Lưu sẽ ghi các ô bạn đã đổi.',
    en: 'This field changed on the hub (elsewhere). Your edits are not saved yet; Save sends the boxes you changed.',
  },
  required: { vi: 'Điền đủ mã, hai tên và tiền tố.', en: 'Fill in the code, both names and the prefix.' },
  badRange: { vi: 'Dải số: hai số nguyên từ 0 đến 99999, số đầu không lớn hơn số cuối.', en: 'Number range: two whole numbers from 0 to 99999, the first not above the last.' },
  badNumber: { vi: 'Thứ tự và thời gian phục vụ phải là số nguyên.', en: 'Position and service time must be whole numbers.' },
} satisfies Record<string, Bilingual>;

const REFUSALS: Record<string, Bilingual> = {
  'service.prefix_conflict': {
    vi: 'Tiền tố này đã được một lĩnh vực khác dùng (hai lĩnh vực không thể có số vé trùng nhau): chọn tiền tố khác. ({m})',
    en: 'Another field already uses this prefix (two fields cannot give the same ticket numbers): choose another prefix. ({m})',
  },
  'service.code_taken': { vi: 'Mã này đã có lĩnh vực khác dùng: chọn mã khác. ({m})', en: 'Another field already has this code: choose another code. ({m})' },
  'service.not_found': { vi: 'Lĩnh vực này không còn trên máy chủ.', en: 'This field is no longer on the hub.' },
};

/** The fields: a table with an editor per row, and a form to add one. */
export function servicesSection(ctx: PageContext, reload: () => void): { element: HTMLElement; rows: EditableRows<Service>; update(services: Service[]): void } {
  const { t } = ctx;
  const headings = [SERVICE_TEXT.code, SERVICE_TEXT.name, SERVICE_TEXT.nameEn, SERVICE_TEXT.prefix, SERVICE_TEXT.range, SERVICE_TEXT.hours, SERVICE_TEXT.active, SERVICE_TEXT.position];
  const body = h('tbody', {});
  const rows = new EditableRows<Service>(
    body,
    {
      kind: 'service',
      columns: headings.length,
      editLabel: SERVICE_TEXT.edit,
      emptyText: t(SERVICE_TEXT.none),
      attributes: (s) => ({ 'data-prefix': s.prefix, 'data-active': String(s.active) }),
      cells: (s) => [
        h('td', { 'data-cell': 'code' }, h('code', {}, s.code)),
        h('td', { 'data-cell': 'name' }, s.name),
        h('td', { 'data-cell': 'nameEn' }, s.nameEn),
        h('td', { 'data-cell': 'prefix' }, h('strong', {}, s.prefix)),
        h('td', { 'data-cell': 'range', class: 'nowrap' }, `${s.rangeStart}–${s.rangeEnd}`),
        h('td', { 'data-cell': 'hours' }, hoursList(s.openingHours, ctx.lang)),
        h('td', { 'data-cell': 'active' }, s.active ? h('span', { class: 'ok' }, t(COMMON.yes)) : h('span', { class: 'muted' }, t(COMMON.no))),
        h('td', { 'data-cell': 'position' }, String(s.position)),
      ],
      editor: (s, close) => serviceEditor(ctx, s, close, reload),
    },
    ctx,
  );
  const table = h(
    'table',
    { class: 'config services' },
    h('thead', {}, h('tr', {}, ...headings.map((x) => h('th', { scope: 'col' }, t(x))), ctx.canEdit ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t(SERVICE_TEXT.edit))) : null)),
    body,
  );
  const element = h('section', { 'data-section': 'services' }, h('h2', {}, t(SERVICE_TEXT.heading)), h('p', { class: 'muted' }, t(SERVICE_TEXT.help)), table);
  if (ctx.canEdit) {
    const slot = h('div', {});
    const fresh = () =>
      slot.replaceChildren(
        serviceEditor(
          ctx,
          null,
          () => {},
          () => {
            fresh();
            reload();
          },
        ).element,
      );
    fresh();
    element.append(h('details', { class: 'add', 'data-add': 'service' }, h('summary', {}, t(SERVICE_TEXT.add)), slot));
  }
  return { element, rows, update: (services) => rows.update([...services].sort((a, b) => a.position - b.position || a.id - b.id)) };
}

/** The form of a field: to change one (PATCH of the boxes changed) or, with `service` null, to add one. */
function serviceEditor(ctx: PageContext, service: Service | null, close: () => void, saved: () => void): RowEditor {
  const { t } = ctx;
  const base: ServiceBody = service ?? {
    code: '',
    name: '',
    nameEn: '',
    prefix: '',
    rangeStart: 1,
    rangeEnd: 999,
    openingHours: [{ days: [1, 2, 3, 4, 5], open: '07:30', close: '17:00' }],
    active: true,
    position: 0,
    defaultServiceSeconds: 300,
  };
  const input = (name: keyof ServiceBody, value: string | number, extra: Record<string, string | number | boolean> = {}) => h('input', { name, value: String(value), autocomplete: 'off', ...extra });
  const code = input('code', base.code, { required: true, maxlength: 32, size: 10 });
  const name = input('name', base.name, { required: true, maxlength: 120, size: 28 });
  const nameEn = input('nameEn', base.nameEn, { required: true, maxlength: 120, size: 28 });
  const prefix = input('prefix', base.prefix, { required: true, maxlength: 3, size: 4 });
  const rangeStart = input('rangeStart', base.rangeStart, { type: 'number', min: 0, max: 99_999, required: true, class: 'num' });
  const rangeEnd = input('rangeEnd', base.rangeEnd, { type: 'number', min: 0, max: 99_999, required: true, class: 'num' });
  const position = input('position', base.position, { type: 'number', min: 0, max: 10_000, required: true, class: 'num' });
  const seconds = input('defaultServiceSeconds', base.defaultServiceSeconds, { type: 'number', min: 1, max: 86_400, required: true, class: 'num' });
  const active = h('input', { type: 'checkbox', name: 'active', checked: base.active });
  const hours = hoursEditor(base.openingHours, ctx);
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const stale = h('p', { class: 'stale', role: 'status', 'data-stale': '', hidden: true }, t(SERVICE_TEXT.stale));
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, service ? t(COMMON.save) : t(SERVICE_TEXT.add));
  const cancel = service ? h('button', { type: 'button', 'data-action': 'cancel', onclick: close }, t(COMMON.cancel)) : null;
  const form = h(
    'form',
    { class: 'editor', 'data-service-form': service ? String(service.id) : 'new', novalidate: true },
    h(
      'div',
      { class: 'grid' },
      field(t(SERVICE_TEXT.code), code),
      field(t(SERVICE_TEXT.name), name),
      field(t(SERVICE_TEXT.nameEn), nameEn),
      field(t(SERVICE_TEXT.prefix), prefix),
      field(t(SERVICE_TEXT.rangeStart), rangeStart),
      field(t(SERVICE_TEXT.rangeEnd), rangeEnd),
      field(t(SERVICE_TEXT.position), position, t(SERVICE_TEXT.positionHint)),
      field(t(SERVICE_TEXT.seconds), seconds),
      h('label', { class: 'check' }, active, t(SERVICE_TEXT.activeBox)),
    ),
    hours.element,
    stale,
    note,
    h('div', { class: 'buttons' }, save, cancel),
  );
  const dirty = trackDirty(form);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    const refuse = (text: string) => {
      note.textContent = text;
      note.dataset.error = 'form';
    };
    const read = hours.read();
    if ('error' in read) return refuse(read.error);
    const whole = (value: string) => (/^\d+$/.test(value.trim()) ? Number(value) : NaN);
    const typed: ServiceBody = {
      code: code.value.trim(),
      name: name.value.trim(),
      nameEn: nameEn.value.trim(),
      prefix: prefix.value.trim().toUpperCase(),
      rangeStart: whole(rangeStart.value),
      rangeEnd: whole(rangeEnd.value),
      openingHours: read.periods,
      active: active.checked,
      position: whole(position.value),
      defaultServiceSeconds: whole(seconds.value),
    };
    if (!typed.code || !typed.name || !typed.nameEn || !typed.prefix) return refuse(t(SERVICE_TEXT.required));
    if (!(typed.rangeStart <= typed.rangeEnd) || typed.rangeEnd > 99_999) return refuse(t(SERVICE_TEXT.badRange));
    if (Number.isNaN(typed.position) || Number.isNaN(typed.defaultServiceSeconds) || typed.defaultServiceSeconds < 1) return refuse(t(SERVICE_TEXT.badNumber));
    let request: Promise<Service>;
    if (service) {
      const changes = Object.fromEntries(Object.entries(typed).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(service[key as keyof ServiceBody])));
      if (Object.keys(changes).length === 0) {
        ctx.say(t(SERVICE_TEXT.nothing));
        close();
        return;
      }
      request = ctx.api.send<Service>('PATCH', `/api/services/${service.id}`, changes);
    } else request = ctx.api.send<Service>('POST', '/api/services', typed);
    save.disabled = true;
    request
      .then((answer) => {
        ctx.say(t(service ? SERVICE_TEXT.saved : SERVICE_TEXT.added).replace('{name}', `${answer.prefix} · ${ctx.lang === 'vi' ? answer.name : answer.nameEn}`));
        if (service) close();
        saved();
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, REFUSALS))
      .finally(() => (save.disabled = false));
  });
  return { element: form, dirty, markStale: () => (stale.hidden = false) };
}
