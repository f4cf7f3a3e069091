import { h, type Lang } from '@qms/ui';
import { weekdayName } from '../i18n.js';
import type { PageContext } from '../page.js';

/** One opening period of a field: ISO weekdays (1 = Monday) and a time span (HH:MM, up to 24:00). */
export interface OpeningPeriod {
  days: number[];
  open: string;
  close: string;
}

const HM = /^([01]\d|2[0-4]):[0-5]\d$/;

const T = {
  never: { vi: 'Chưa có giờ làm việc (luôn đóng)', en: 'No opening hours (always closed)' },
  everyDay: { vi: 'Cả tuần', en: 'Every day' },
  period: { vi: 'Khoảng {n}', en: 'Period {n}' },
  open: { vi: 'Mở lúc', en: 'Opens' },
  close: { vi: 'Đóng lúc', en: 'Closes' },
  add: { vi: 'Thêm khoảng giờ', en: 'Add a period' },
  remove: { vi: 'Xoá khoảng này', en: 'Remove this period' },
  days: { vi: 'Ngày trong tuần', en: 'Weekdays' },
  legend: { vi: 'Giờ làm việc', en: 'Opening hours' },
  noneYet: { vi: 'Chưa có khoảng giờ nào: lĩnh vực sẽ luôn đóng.', en: 'No period yet: the field will always be closed.' },
  needDay: { vi: 'Khoảng {n}: chọn ít nhất một ngày.', en: 'Period {n}: tick at least one weekday.' },
  badTime: { vi: 'Khoảng {n}: giờ viết dạng HH:MM, từ 00:00 đến 24:00.', en: 'Period {n}: write times as HH:MM, 00:00 to 24:00.' },
  order: { vi: 'Khoảng {n}: giờ đóng phải sau giờ mở.', en: 'Period {n}: the closing time must be after the opening time.' },
};

/** Weekdays in words, runs shortened: "T2–T6", "T2, T4", "Cả tuần". */
export function daysText(days: readonly number[], lang: Lang): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  if (sorted.length === 7) return T.everyDay[lang];
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] ?? 0) === (sorted[j] ?? 0) + 1) j++;
    const first = weekdayName(sorted[i] ?? 0, lang);
    const last = weekdayName(sorted[j] ?? 0, lang);
    runs.push(j - i >= 2 ? `${first}–${last}` : j > i ? `${first}, ${last}` : first);
    i = j + 1;
  }
  return runs.join(', ');
}

/** Opening hours in words: periods with the same days are joined, "T2–T6 07:30–11:30, 13:30–17:00; T7 07:30–11:30". */
export function hoursText(periods: readonly OpeningPeriod[], lang: Lang): string {
  if (periods.length === 0) return T.never[lang];
  const byDays = new Map<string, { days: number[]; spans: string[] }>();
  for (const period of periods) {
    const key = [...period.days].sort((a, b) => a - b).join(',');
    const group = byDays.get(key) ?? { days: period.days, spans: [] };
    group.spans.push(`${period.open}–${period.close}`);
    byDays.set(key, group);
  }
  return [...byDays.values()].map((group) => `${daysText(group.days, lang)} ${group.spans.join(', ')}`).join('; ');
}

/** The hours as lines for a table cell (one line per group of days). */
export function hoursList(periods: readonly OpeningPeriod[], lang: Lang): HTMLElement {
  if (periods.length === 0) return h('span', { class: 'muted' }, T.never[lang]);
  return h(
    'ul',
    { class: 'plain hours' },
    ...hoursText(periods, lang)
      .split('; ')
      .map((line) => h('li', {}, line)),
  );
}

export interface HoursEditor {
  element: HTMLElement;
  /** The periods as typed, or what is wrong with them. */
  read(): { periods: OpeningPeriod[] } | { error: string };
}

/**
 * The small editor of opening hours: per period the weekday boxes and the open and close times
 * (text HH:MM: a time input cannot hold 24:00), a button to remove it; a button to add a period.
 */
export function hoursEditor(periods: readonly OpeningPeriod[], ctx: PageContext): HoursEditor {
  const { t } = ctx;
  const list = h('div', { class: 'periods' });
  const empty = h('p', { class: 'muted' }, t(T.noneYet));
  const add = h('button', { type: 'button', 'data-action': 'add-period' }, t(T.add));
  const element = h('fieldset', { class: 'hours-editor', 'data-hours-editor': '' }, h('legend', {}, t(T.legend)), list, empty, add);

  const renumber = () => {
    [...list.children].forEach((child, index) => {
      const legend = child.querySelector('legend');
      if (legend) legend.textContent = t(T.period).replace('{n}', String(index + 1));
      (child as HTMLElement).dataset.period = String(index);
    });
    empty.hidden = list.children.length > 0;
  };
  const time = (name: 'open' | 'close', value: string) =>
    h('input', { name, value, required: true, size: 5, maxlength: 5, inputmode: 'numeric', pattern: HM.source, placeholder: 'HH:MM', autocomplete: 'off' });
  const addPeriod = (period: OpeningPeriod) => {
    const days = h(
      'div',
      { class: 'days', role: 'group', 'aria-label': t(T.days) },
      ...[1, 2, 3, 4, 5, 6, 7].map((day) => h('label', { class: 'day' }, h('input', { type: 'checkbox', name: 'day', value: day, checked: period.days.includes(day) }), weekdayName(day, ctx.lang))),
    );
    const remove = h('button', { type: 'button', class: 'link', 'data-action': 'remove-period' }, t(T.remove));
    const box = h('fieldset', { class: 'period' }, h('legend', {}, ''), days, h('label', {}, t(T.open), time('open', period.open)), h('label', {}, t(T.close), time('close', period.close)), remove);
    remove.addEventListener('click', () => {
      const next = box.nextElementSibling ?? box.previousElementSibling;
      box.remove();
      renumber();
      element.dispatchEvent(new Event('change', { bubbles: true }));
      (next?.querySelector<HTMLElement>('input') ?? add).focus();
    });
    list.append(box);
    renumber();
    return box;
  };
  for (const period of periods) addPeriod(period);
  renumber();
  add.addEventListener('click', () => {
    const box = addPeriod({ days: [1, 2, 3, 4, 5], open: '07:30', close: '17:00' });
    element.dispatchEvent(new Event('change', { bubbles: true }));
    box.querySelector<HTMLInputElement>('input')?.focus();
  });

  const read = (): { periods: OpeningPeriod[] } | { error: string } => {
    const out: OpeningPeriod[] = [];
    for (const [index, box] of [...list.children].entries()) {
      const n = String(index + 1);
      const days = [...box.querySelectorAll<HTMLInputElement>('input[name="day"]:checked')].map((input) => Number(input.value));
      const open = box.querySelector<HTMLInputElement>('input[name="open"]')?.value.trim() ?? '';
      const close = box.querySelector<HTMLInputElement>('input[name="close"]')?.value.trim() ?? '';
      if (days.length === 0) return { error: t(T.needDay).replace('{n}', n) };
      if (!HM.test(open) || !HM.test(close) || minutes(open) > 1440 || minutes(close) > 1440) return { error: t(T.badTime).replace('{n}', n) };
      if (minutes(open) >= minutes(close)) return { error: t(T.order).replace('{n}', n) };
      out.push({ days, open, close });
    }
    return { periods: out };
  };
  return { element, read };
}

function minutes(hm: string): number {
  const [hours, mins] = hm.split(':').map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
}
