import { type Bilingual, h } from '@qms/ui';
import { RATING_LEVELS_MAX, RATING_LEVELS_MIN } from '@qms/core';
import { COMMON } from '../i18n.js';
import type { PageContext } from '../page.js';
import { clearNote, field, showRefusal, trackDirty } from './config-refusal.js';

/** GET /api/settings: the queue rules, and (once the hub has them) the centre's texts. */
export interface Settings {
  timeZone: string;
  maxWaitMinutes: number;
  unservedAtClose: 'cancel' | 'keep';
  minRecallsBeforeNoShow: number;
  noShowRecallMinutes: number;
  ratingWindowSeconds: number;
  ratingScale: number;
  centreName?: string | null;
  hotline?: string | null;
  marquee?: string | null;
  portalUrl?: string | null;
  /** The hall displays' marquee also cycles the procedures of their fields; null: each display's station.json decides. */
  marqueeProcedures?: boolean | null;
}

type NumberRule = 'maxWaitMinutes' | 'minRecallsBeforeNoShow' | 'noShowRecallMinutes' | 'ratingWindowSeconds' | 'ratingScale';
type CentreText = 'centreName' | 'hotline' | 'marquee' | 'portalUrl';

const T = {
  heading: { vi: 'Cài đặt hàng chờ', en: 'Queue settings' },
  timeZone: { vi: 'Múi giờ của trung tâm: {z}', en: "The centre's time zone: {z}" },
  unservedAtClose: { vi: 'Vé chưa phục vụ khi hết ngày', en: 'Tickets not served when the day ends' },
  cancel: { vi: 'Huỷ', en: 'Cancel them' },
  keep: { vi: 'Giữ lại', en: 'Keep them' },
  texts: { vi: 'Thông tin của trung tâm', en: "The centre's texts" },
  textsHelp: {
    vi: 'Các máy trạm hiện các thông tin này. Để trống một ô: máy trạm dùng cấu hình riêng của nó (station.json).',
    en: 'The stations show these. Leave a box empty: the stations use their own configuration (station.json).',
  },
  notSet: { vi: 'chưa đặt trên máy chủ', en: 'not set on the hub' },
  saved: { vi: 'Đã lưu cài đặt.', en: 'Settings saved.' },
  nothing: { vi: 'Chưa có gì thay đổi.', en: 'Nothing changed.' },
  stale: {
    vi: 'Cài đặt vừa được thay đổi trên máy chủ (ở nơi khác). Những gì bạn đang sửa chưa lưu; bấm Lưu sẽ ghi các ô bạn đã đổi.',
    en: 'The settings changed on the hub (elsewhere). Your edits are not saved yet; Save sends the boxes you changed.',
  },
  badNumber: { vi: '{label}: một số nguyên từ {min} đến {max}.', en: '{label}: a whole number from {min} to {max}.' },
  marqueeProcedures: { vi: 'Dòng chữ chạy cũng giới thiệu các thủ tục (tên, lệ phí, thời hạn)', en: 'The scrolling text also lists the procedures (name, fee, time)' },
  perDisplay: { vi: 'Theo cấu hình từng màn hình', en: "Each display's own configuration" },
  badUrl: { vi: 'Địa chỉ cổng dịch vụ công phải bắt đầu bằng http:// hoặc https://', en: 'The portal address must start with http:// or https://' },
} satisfies Record<string, Bilingual>;

const NUMBERS: { key: NumberRule; label: Bilingual; min: number; max: number }[] = [
  { key: 'maxWaitMinutes', label: { vi: 'Thời gian chờ tối đa trước khi được ưu tiên (phút)', en: 'Maximum wait before priority (minutes)' }, min: 1, max: 1440 },
  { key: 'minRecallsBeforeNoShow', label: { vi: 'Số lần gọi lại trước khi được đánh dấu vắng mặt', en: 'Recalls before a ticket may be marked no-show' }, min: 0, max: 10 },
  { key: 'noShowRecallMinutes', label: { vi: 'Vé vắng mặt được quay lại trong (phút)', en: 'A no-show may come back within (minutes)' }, min: 0, max: 1440 },
  { key: 'ratingWindowSeconds', label: { vi: 'Thời gian nhận đánh giá sau khi phục vụ xong (giây)', en: 'Ratings taken for (seconds after service)' }, min: 10, max: 3600 },
  { key: 'ratingScale', label: { vi: 'Số mức của thang đánh giá', en: 'Levels of the rating scale' }, min: RATING_LEVELS_MIN, max: RATING_LEVELS_MAX },
];

const TEXTS: { key: CentreText; label: Bilingual; max: number; type?: string }[] = [
  { key: 'centreName', label: { vi: 'Tên trung tâm', en: "Centre's name" }, max: 200 },
  { key: 'hotline', label: { vi: 'Đường dây nóng', en: 'Hotline' }, max: 64, type: 'tel' },
  { key: 'marquee', label: { vi: 'Dòng chữ chạy trên màn hình sảnh', en: 'Scrolling text of the hall displays' }, max: 500 },
  { key: 'portalUrl', label: { vi: 'Địa chỉ cổng dịch vụ công', en: 'Public-service portal address' }, max: 500, type: 'url' },
];

/**
 * The queue rules and the centre's texts in one form; the texts only when the hub sends them (a hub
 * without them works too); an empty text is sent as null. Read only without the right to edit.
 */
export function settingsSection(ctx: PageContext): { element: HTMLElement; update(settings: Settings): void; dirty(): boolean } {
  const { t } = ctx;
  const element = h('section', { 'data-section': 'settings' }, h('h2', {}, t(T.heading)));
  let base: Settings | null = null;
  let form: HTMLFormElement | null = null;
  let dirty: () => boolean = () => false;
  let stale: HTMLElement | null = null;

  const draw = (settings: Settings) => {
    base = settings;
    const disabled = !ctx.canEdit;
    const numbers = NUMBERS.map(({ key, label, min, max }) =>
      field(t(label), h('input', { name: key, type: 'number', min, max, step: 1, required: true, class: 'num', value: String(settings[key]), disabled })),
    );
    const unserved = h(
      'select',
      { name: 'unservedAtClose', disabled },
      ...(['cancel', 'keep'] as const).map((value) => h('option', { value, selected: settings.unservedAtClose === value }, t(T[value]))),
    );
    const shown = TEXTS.filter(({ key }) => key in settings);
    const texts = shown.map(({ key, label, max, type }) =>
      field(t(label), h('input', { name: key, type: type ?? 'text', maxlength: max, value: settings[key] ?? '', placeholder: t(T.notSet), autocomplete: 'off', disabled, class: 'wide' })),
    );
    if ('marqueeProcedures' in settings) {
      const current = settings.marqueeProcedures ?? null;
      const choice = h(
        'select',
        { name: 'marqueeProcedures', disabled },
        ...(
          [
            ['', T.perDisplay],
            ['true', COMMON.yes],
            ['false', COMMON.no],
          ] as const
        ).map(([value, label]) => h('option', { value, selected: value === (current === null ? '' : String(current)) }, t(label))),
      );
      texts.push(field(t(T.marqueeProcedures), choice));
    }
    const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
    stale = h('p', { class: 'stale', role: 'status', 'data-stale': '', hidden: true }, t(T.stale));
    const next = h(
      'form',
      { class: 'editor settings', 'data-settings-form': '', novalidate: true },
      h('p', { class: 'muted' }, t(T.timeZone).replace('{z}', settings.timeZone)),
      h('div', { class: 'grid' }, ...numbers, field(t(T.unservedAtClose), unserved)),
      shown.length > 0
        ? h('fieldset', { class: 'centre-texts', 'data-centre-texts': '' }, h('legend', {}, t(T.texts)), h('p', { class: 'muted' }, t(T.textsHelp)), h('div', { class: 'grid' }, ...texts))
        : null,
      stale,
      note,
      ctx.canEdit ? h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, t(COMMON.save))) : null,
    );
    dirty = trackDirty(next);
    next.addEventListener('submit', (event) => {
      event.preventDefault();
      submit(next, note);
    });
    if (form) form.replaceWith(next);
    else element.append(next);
    form = next;
  };

  const submit = (current: HTMLFormElement, note: HTMLElement) => {
    if (!base) return;
    const was = base;
    clearNote(note);
    const value = (name: string) => current.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)?.value ?? '';
    const changes: Record<string, unknown> = {};
    for (const { key, label, min, max } of NUMBERS) {
      const typed = value(key).trim();
      const n = Number(typed);
      if (!/^\d+$/.test(typed) || n < min || n > max) {
        note.textContent = t(T.badNumber).replace('{label}', t(label)).replace('{min}', String(min)).replace('{max}', String(max));
        note.dataset.error = 'form';
        return;
      }
      if (n !== was[key]) changes[key] = n;
    }
    if (value('unservedAtClose') !== was.unservedAtClose) changes.unservedAtClose = value('unservedAtClose');
    for (const { key } of TEXTS) {
      if (!(key in was)) continue;
      const typed = value(key).trim();
      const next = typed === '' ? null : typed;
      if (key === 'portalUrl' && next !== null && !/^https?:\/\/[^\s/]+/i.test(next)) {
        note.textContent = t(T.badUrl);
        note.dataset.error = 'form';
        return;
      }
      if (next !== (was[key] ?? null)) changes[key] = next;
    }
    if ('marqueeProcedures' in was) {
      const chosen = value('marqueeProcedures');
      const next = chosen === '' ? null : chosen === 'true';
      if (next !== (was.marqueeProcedures ?? null)) changes.marqueeProcedures = next;
    }
    if (Object.keys(changes).length === 0) {
      ctx.say(t(T.nothing));
      return;
    }
    const save = current.querySelector<HTMLButtonElement>('[data-action="save"]');
    if (save) save.disabled = true;
    ctx.api
      .send<Settings>('PATCH', '/api/settings', changes)
      .then((answer) => {
        ctx.say(t(T.saved));
        draw(answer);
      })
      .catch((error: unknown) => {
        if (save) save.disabled = false;
        showRefusal(ctx, note, error);
      });
  };

  return {
    element,
    dirty: () => dirty(),
    update: (settings) => {
      if (base && JSON.stringify(base) === JSON.stringify(settings)) return;
      if (form && dirty()) {
        if (stale) stale.hidden = false;
        return;
      }
      draw(settings);
    },
  };
}
