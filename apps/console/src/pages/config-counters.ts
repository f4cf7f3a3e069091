import { type Bilingual, h } from '@qms/ui';
import type { Static } from '@sinclair/typebox';
import type { CounterSchema } from '@qms/protocol';
import { COMMON } from '../i18n.js';
import type { PageContext } from '../page.js';
import { clearNote, field, showRefusal, trackDirty } from './config-refusal.js';
import type { Service } from './config-services.js';
import { EditableRows, type RowEditor } from './config-table.js';

export type Counter = Static<typeof CounterSchema>;

const T = {
  heading: { vi: 'Quầy', en: 'Counters' },
  help: {
    vi: 'Mỗi quầy phục vụ các lĩnh vực theo thứ tự ưu tiên: quầy gọi vé của lĩnh vực đứng trước trước.',
    en: 'Each counter serves its fields in order of priority: it calls the tickets of the first field first.',
  },
  number: { vi: 'Số quầy', en: 'Number' },
  name: { vi: 'Tên quầy', en: 'Name' },
  served: { vi: 'Lĩnh vực phục vụ (theo thứ tự)', en: 'Fields served (in order)' },
  status: { vi: 'Trạng thái', en: 'Status' },
  open: { vi: 'Đang mở', en: 'Open' },
  paused: { vi: 'Tạm dừng', en: 'Paused' },
  edit: { vi: 'Sửa', en: 'Edit' },
  add: { vi: 'Thêm quầy', en: 'Add a counter' },
  up: { vi: 'Lên', en: 'Up' },
  down: { vi: 'Xuống', en: 'Down' },
  remove: { vi: 'Bỏ', en: 'Remove' },
  moveUp: { vi: 'Đưa {name} lên trước', en: 'Move {name} up' },
  moveDown: { vi: 'Đưa {name} xuống sau', en: 'Move {name} down' },
  removeOne: { vi: 'Bỏ {name} khỏi quầy này', en: 'Remove {name} from this counter' },
  addField: { vi: 'Thêm lĩnh vực', en: 'Add a field' },
  chooseField: { vi: 'Chọn lĩnh vực để thêm', en: 'Choose a field to add' },
  allAdded: { vi: '— đã có mọi lĩnh vực —', en: '— every field is served —' },
  noneServed: { vi: 'Chưa phục vụ lĩnh vực nào.', en: 'Serves no field yet.' },
  none: { vi: 'Chưa có quầy nào.', en: 'No counter yet.' },
  inactive: { vi: '(không dùng)', en: '(inactive)' },
  added: { vi: 'Đã thêm quầy {n}.', en: 'Counter {n} added.' },
  saved: { vi: 'Đã lưu quầy {n}.', en: 'Counter {n} saved.' },
  nothing: { vi: 'Chưa có gì thay đổi.', en: 'Nothing changed.' },
  stale: {
    vi: 'Quầy này vừa được thay đổi trên máy chủ (ở nơi khác). Những gì bạn đang sửa chưa lưu; bấm Lưu sẽ ghi các ô bạn đã đổi.',
    en: 'This counter changed on the hub (elsewhere). Your edits are not saved yet; Save sends what you changed.',
  },
  required: { vi: 'Điền số quầy (1 đến 999) và tên quầy.', en: 'Fill in the counter number (1 to 999) and its name.' },
} satisfies Record<string, Bilingual>;

const REFUSALS: Record<string, Bilingual> = {
  'counter.number_taken': { vi: 'Số quầy này đã có: chọn số khác. ({m})', en: 'There is already a counter with this number: choose another. ({m})' },
  'counter.not_found': { vi: 'Quầy này không còn trên máy chủ.', en: 'This counter is no longer on the hub.' },
  'service.not_found': { vi: 'Một lĩnh vực đã chọn không còn trên máy chủ: bỏ nó ra rồi lưu lại. ({m})', en: 'A chosen field is no longer on the hub: remove it and save again. ({m})' },
};

/** The counters: number, name and the fields each serves in order; an editor per row, a form to add one. */
export function countersSection(ctx: PageContext, services: () => Service[], reload: () => void): { element: HTMLElement; rows: EditableRows<Counter>; update(counters: Counter[]): void } {
  const { t } = ctx;
  const headings = [T.number, T.name, T.served, T.status];
  const body = h('tbody', {});
  const label = (id: number) => serviceLabel(services(), id, ctx);
  const rows = new EditableRows<Counter>(
    body,
    {
      kind: 'counter',
      columns: headings.length,
      editLabel: T.edit,
      emptyText: t(T.none),
      attributes: (c) => ({ 'data-counter-number': String(c.number), 'data-service-order': c.serviceIds.join(',') }),
      cells: (c) => [
        h('td', {}, h('strong', {}, String(c.number))),
        h('td', {}, c.name),
        h(
          'td',
          {},
          c.serviceIds.length === 0
            ? h('span', { class: 'muted' }, t(T.noneServed))
            : h('ol', { class: 'served' }, ...c.serviceIds.map((id) => h('li', { 'data-served-service': String(id) }, label(id)))),
        ),
        h('td', {}, t(T[c.status])),
      ],
      editor: (c, close) => counterEditor(ctx, c, services, close, reload),
    },
    ctx,
  );
  const table = h(
    'table',
    { class: 'config counters' },
    h('thead', {}, h('tr', {}, ...headings.map((x) => h('th', { scope: 'col' }, t(x))), ctx.canEdit ? h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t(T.edit))) : null)),
    body,
  );
  const element = h('section', { 'data-section': 'counters' }, h('h2', {}, t(T.heading)), h('p', { class: 'muted' }, t(T.help)), table);
  let adding: RowEditor | null = null;
  if (ctx.canEdit) {
    const slot = h('div', {});
    const fresh = () => {
      adding = counterEditor(
        ctx,
        null,
        services,
        () => {},
        () => {
          fresh();
          reload();
        },
      );
      slot.replaceChildren(adding.element);
    };
    fresh();
    element.append(h('details', { class: 'add', 'data-add': 'counter' }, h('summary', {}, t(T.add)), slot));
  }
  return {
    element,
    rows,
    update: (counters) => {
      rows.update([...counters].sort((a, b) => a.number - b.number));
      adding?.refresh?.();
    },
  };
}

function serviceLabel(services: Service[], id: number, ctx: PageContext): string {
  const service = services.find((s) => s.id === id);
  if (!service) return `#${id}`;
  return `${service.prefix} · ${ctx.lang === 'vi' ? service.name : service.nameEn}${service.active ? '' : ` ${ctx.t(T.inactive)}`}`;
}

/** The form of a counter: its number, name and the ordered fields it serves (up, down, remove, add). */
function counterEditor(ctx: PageContext, counter: Counter | null, services: () => Service[], close: () => void, saved: () => void): RowEditor {
  const { t } = ctx;
  const number = h('input', { name: 'number', type: 'number', min: 1, max: 999, required: true, class: 'num', value: counter ? String(counter.number) : '' });
  const name = h('input', { name: 'name', maxlength: 120, size: 24, required: true, autocomplete: 'off', value: counter?.name ?? '' });
  let order: number[] = [...(counter?.serviceIds ?? [])];
  const list = h('ol', { class: 'served-editor', 'data-served-editor': '' });
  const choose = h('select', { name: 'addService', 'aria-label': t(T.chooseField) });
  const addButton = h('button', { type: 'button', 'data-action': 'add-served' }, t(T.addField));
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const stale = h('p', { class: 'stale', role: 'status', 'data-stale': '', hidden: true }, t(T.stale));
  const save = h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, counter ? t(COMMON.save) : t(T.add));
  const cancel = counter ? h('button', { type: 'button', 'data-action': 'cancel', onclick: close }, t(COMMON.cancel)) : null;
  const form = h(
    'form',
    { class: 'editor', 'data-counter-form': counter ? String(counter.id) : 'new', novalidate: true },
    h('div', { class: 'grid' }, field(t(T.number), number), field(t(T.name), name)),
    h('fieldset', { class: 'served' }, h('legend', {}, t(T.served)), list, h('div', { class: 'add-served' }, choose, addButton)),
    stale,
    note,
    h('div', { class: 'buttons' }, save, cancel),
  );
  const dirty = trackDirty(form);
  const changed = () => form.dispatchEvent(new Event('change'));

  /** Redraws the list; `focus` names the button to focus after a move (its item and action). */
  const draw = (focus?: { id: number; action: string }) => {
    list.replaceChildren(
      ...order.map((id, index) => {
        const label = serviceLabel(services(), id, ctx);
        const button = (action: string, text: Bilingual, help: Bilingual, disabled: boolean, run: () => void) =>
          h('button', { type: 'button', class: 'small', 'data-action': action, disabled, 'aria-label': t(help).replace('{name}', label), onclick: run }, t(text));
        return h(
          'li',
          { 'data-served-service': String(id) },
          h('span', { class: 'served-index' }, `${index + 1}.`),
          h('span', { class: 'served-name' }, label),
          button('up', T.up, T.moveUp, index === 0, () => move(index, -1)),
          button('down', T.down, T.moveDown, index === order.length - 1, () => move(index, 1)),
          button('remove', T.remove, T.removeOne, false, () => {
            order = order.filter((other) => other !== id);
            changed();
            draw();
            (list.querySelector<HTMLElement>('button:not([disabled])') ?? choose).focus();
          }),
        );
      }),
    );
    if (order.length === 0) list.append(h('li', { class: 'muted' }, t(T.noneServed)));
    const chosen = choose.value;
    const left = services().filter((s) => !order.includes(s.id));
    choose.replaceChildren(...(left.length === 0 ? [h('option', { value: '' }, t(T.allAdded))] : left.map((s) => h('option', { value: String(s.id) }, serviceLabel(services(), s.id, ctx)))));
    if (left.some((s) => String(s.id) === chosen)) choose.value = chosen;
    addButton.disabled = left.length === 0;
    if (focus) {
      const target = list.querySelector<HTMLButtonElement>(`li[data-served-service="${focus.id}"] [data-action="${focus.action}"]`);
      (target && !target.disabled ? target : list.querySelector<HTMLElement>(`li[data-served-service="${focus.id}"] button:not([disabled])`))?.focus();
    }
  };
  const move = (index: number, by: -1 | 1) => {
    const id = order[index];
    const other = order[index + by];
    if (id === undefined || other === undefined) return;
    order[index + by] = id;
    order[index] = other;
    changed();
    draw({ id, action: by < 0 ? 'up' : 'down' });
  };
  addButton.addEventListener('click', () => {
    const id = Number(choose.value);
    if (!id || order.includes(id)) return;
    order.push(id);
    changed();
    draw();
    choose.focus();
  });
  draw();
  // The fields offered move with the hub's list; redraw only when it changed (a redraw moves the focus).
  let drawnFor = JSON.stringify(services());
  const refresh = () => {
    const now = JSON.stringify(services());
    if (now === drawnFor) return;
    drawnFor = now;
    draw();
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    const typed = { number: Number(number.value), name: name.value.trim(), serviceIds: [...order] };
    if (!Number.isInteger(typed.number) || typed.number < 1 || typed.number > 999 || !typed.name) {
      note.textContent = t(T.required);
      note.dataset.error = 'form';
      return;
    }
    let request: Promise<Counter>;
    if (counter) {
      const changes: Partial<typeof typed> = {};
      if (typed.number !== counter.number) changes.number = typed.number;
      if (typed.name !== counter.name) changes.name = typed.name;
      if (typed.serviceIds.join(',') !== counter.serviceIds.join(',')) changes.serviceIds = typed.serviceIds;
      if (Object.keys(changes).length === 0) {
        ctx.say(t(T.nothing));
        close();
        return;
      }
      request = ctx.api.send<Counter>('PATCH', `/api/counters/${counter.id}`, changes);
    } else request = ctx.api.send<Counter>('POST', '/api/counters', typed);
    save.disabled = true;
    request
      .then((answer) => {
        ctx.say(t(counter ? T.saved : T.added).replace('{n}', String(answer.number)));
        if (counter) close();
        saved();
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, REFUSALS))
      .finally(() => (save.disabled = false));
  });
  return { element: form, dirty, markStale: () => (stale.hidden = false), refresh };
}
