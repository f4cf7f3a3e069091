import QRCode from 'qrcode';
import { type Priority, PRIORITY_CLASSES } from '@qms/core';
import { errorScreen } from '@qms/shell';
import { clockText, h, type Lang, openingHoursText, otherLang, waitText } from '@qms/ui';
import type { FieldView, IssueResult, KioskView } from '../contract.js';
import { errorText, problemText, t } from './i18n.js';

export interface HomeActions {
  take(field: FieldView): void;
  askPriority(): void;
  toggleLang(): void;
  notMe(): void;
  /** The citizen services beside the fields. */
  open(service: CitizenService): void;
}

export type CitizenService = 'procedures' | 'lookup' | 'feedback';
const SERVICES: { service: CitizenService; key: 'homeProcedures' | 'homeLookup' | 'homeFeedback'; icon: string }[] = [
  { service: 'procedures', key: 'homeProcedures', icon: '☰' },
  { service: 'lookup', key: 'homeLookup', icon: '⌕' },
  { service: 'feedback', key: 'homeFeedback', icon: '✎' },
];

/** The big buttons for the citizen services, each in both languages. */
function servicesRow(lang: Lang, open: (service: CitizenService) => void): HTMLElement {
  return h(
    'nav',
    { class: 'services' },
    ...SERVICES.map(({ service, key, icon }) =>
      h(
        'button',
        { class: 'service-button', type: 'button', 'data-home': service, onclick: () => open(service) },
        h('span', { class: 'icon', 'aria-hidden': 'true' }, icon),
        h('span', {}, h('span', { class: 'name' }, t(lang, key)), h('span', { class: 'name-2' }, t(otherLang(lang), key))),
      ),
    ),
  );
}

function header(view: KioskView, lang: Lang, onLang: () => void): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'centre', 'data-centre-name': '' }, view.centreName),
    h('div', { class: 'clock', 'data-clock': '' }, clockText(view.timeZone)),
    h('button', { class: 'lang', type: 'button', 'data-testid': 'lang', onclick: onLang }, t(lang, 'langButton')),
  );
}

export function fieldStats(lang: Lang, field: FieldView): Node[] {
  return [h('span', {}, `${t(lang, 'waiting')}: `, h('b', {}, `${field.waiting} ${t(lang, 'people')}`)), h('span', {}, `${t(lang, 'eta')}: `, h('b', {}, waitText(lang, field.estimatedWaitSeconds)))];
}

function fieldCard(lang: Lang, field: FieldView, enabled: boolean, take: (field: FieldView) => void): HTMLElement {
  const primary = lang === 'vi' ? field.name : field.nameEn;
  const secondary = lang === 'vi' ? field.nameEn : field.name;
  const usable = enabled && field.open;
  return h(
    'button',
    {
      class: `field${field.open ? '' : ' closed'}`,
      type: 'button',
      disabled: !usable,
      'aria-disabled': usable ? 'false' : 'true',
      'data-field': field.id,
      onclick: () => usable && take(field),
    },
    h('span', { class: 'title' }, h('span', { class: 'prefix' }, field.prefix), h('span', { class: 'name' }, primary)),
    h('span', { class: 'name-2' }, secondary),
    field.open
      ? h('span', { class: 'stats', 'data-stats': field.id }, ...fieldStats(lang, field))
      : h('span', { class: 'stats closed-note' }, `${t(lang, 'closed')} · ${t(lang, 'openingHours')}: ${openingHoursText(lang, field.openingHours)}`),
  );
}

/** The home screen; `structure` names what needs a rebuild (the rest is patched in place). */
export function homeStructure(view: KioskView, lang: Lang, priority: Priority): string {
  return JSON.stringify([lang, priority, view.fields.map((f) => [f.id, f.open, f.name]), view.citizen, view.printer.problem, view.issuing, view.scanError, view.centreName]);
}

export function homeScreen(view: KioskView, lang: Lang, priority: Priority, actions: HomeActions): HTMLElement {
  const banners: HTMLElement[] = [];
  if (view.citizen) {
    banners.push(
      h(
        'div',
        { class: 'banner citizen', 'data-testid': 'greeting' },
        h('div', {}, h('strong', {}, `${t(lang, 'greeting')}, ${view.citizen.name}`), h('div', { class: 'small' }, `CCCD ${view.citizen.idMasked} · ${t(lang, 'greetingHint')}`)),
        h('button', { class: 'secondary', type: 'button', onclick: actions.notMe }, t(lang, 'notYou')),
      ),
    );
  }
  if (view.scanError) banners.push(h('div', { class: 'banner warn', 'data-testid': 'scan-error' }, t(lang, 'scanError')));
  if (view.printer.problem) {
    const problem = view.printer.problem;
    const say = (l: Lang) => `${problemText(l, problem)}. ${t(l, view.issuing ? 'screenOnly' : 'stopIssuing')}`;
    // Both languages at once: the citizen may not know where the language button is.
    banners.push(
      h('div', { class: `banner ${view.issuing ? 'warn' : 'stop'} two-lang`, 'data-testid': 'printer-banner' }, h('strong', {}, say(lang)), h('span', { class: 'other-lang' }, say(otherLang(lang)))),
    );
  }
  const chosen =
    priority === 'normal'
      ? h('button', { class: 'priority-ask', type: 'button', 'data-testid': 'priority', onclick: actions.askPriority }, `★ ${t(lang, 'priorityAsk')}`)
      : h('button', { class: 'priority-ask chosen', type: 'button', 'data-testid': 'priority', onclick: actions.askPriority }, `★ ${t(lang, 'priorityChosen')}: ${t(lang, priority)}`);
  return h(
    'section',
    { class: 'screen home', 'data-screen': 'home' },
    header(view, lang, actions.toggleLang),
    ...banners,
    h('h1', {}, t(lang, 'title')),
    h('div', { class: 'fields', 'data-many': view.fields.length > 6 }, ...view.fields.map((field) => fieldCard(lang, field, view.issuing, actions.take))),
    servicesRow(lang, actions.open),
    h('footer', {}, chosen),
  );
}

/** Updates the waiting counts and estimates in place (a tap in progress is not disturbed). */
export function patchHome(root: HTMLElement, view: KioskView, lang: Lang): void {
  for (const field of view.fields) {
    const stats = root.querySelector(`[data-stats="${field.id}"]`);
    if (stats) stats.replaceChildren(...fieldStats(lang, field));
  }
  const clock = root.querySelector('[data-clock]');
  if (clock) clock.textContent = clockText(view.timeZone);
}

export function priorityScreen(lang: Lang, choose: (priority: Priority) => void): HTMLElement {
  return h(
    'section',
    { class: 'screen priority', 'data-screen': 'priority' },
    h('h1', {}, t(lang, 'priorityTitle')),
    h(
      'div',
      { class: 'choices' },
      ...PRIORITY_CLASSES.map((priority) =>
        // Text in both languages, no pictures: kiosks seldom have an emoji font.
        h(
          'button',
          { class: 'choice', type: 'button', 'data-priority': priority, onclick: () => choose(priority) },
          t(lang, priority),
          h('span', { class: 'other-lang' }, t(otherLang(lang), priority)),
        ),
      ),
    ),
    h('div', { class: 'row' }, h('button', { class: 'secondary wide', type: 'button', 'data-priority': 'normal', onclick: () => choose('normal') }, t(lang, 'priorityNone'))),
  );
}

export function confirmScreen(view: KioskView, lang: Lang, result: IssueResult, actions: { done(): void; reprint(): void }, reprinting: boolean): HTMLElement {
  const { ticket, print } = result;
  const qr = h('div', { class: 'qr', 'data-testid': 'qr', 'data-payload': ticket.trackingUrl });
  void QRCode.toString(ticket.trackingUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
    // The SVG is made here from the tracking URL by the QR library: markup of our own, not input.
    qr.innerHTML = svg;
  });
  const printNote = print.ok
    ? h('p', { class: 'print-ok', 'data-testid': 'print-status' }, t(lang, 'takeReceipt'))
    : h(
        'div',
        { class: 'banner stop', 'data-testid': 'print-status' },
        h('strong', {}, `${t(lang, 'printFailed')} ${problemText(lang, print.problem)}.`),
        h('div', {}, t(lang, 'photograph')),
        h('div', { class: 'other-lang' }, `${t(otherLang(lang), 'printFailed')} ${problemText(otherLang(lang), print.problem)}. ${t(otherLang(lang), 'photograph')}`),
        view.printer.configured ? h('button', { class: 'secondary', type: 'button', 'data-testid': 'reprint', disabled: reprinting, onclick: actions.reprint }, t(lang, 'reprint')) : null,
      );
  return h(
    'section',
    { class: 'screen confirm', 'data-screen': 'confirm', onclick: (event: Event) => (event.target as HTMLElement).closest('button') === null && print.ok && actions.done() },
    h(
      'div',
      { class: 'ticket-side' },
      h('p', { class: 'field-name' }, lang === 'vi' ? ticket.serviceName : ticket.serviceNameEn),
      h('p', { class: 'small' }, t(lang, 'yourNumber')),
      h('div', { class: 'label', 'data-testid': 'ticket-label' }, ticket.label),
      ticket.priority !== 'normal' ? h('p', { class: 'priority-note' }, `★ ${t(lang, 'priorityChosen')}: ${t(lang, ticket.priority)}`) : null,
      h(
        'div',
        { class: 'facts' },
        h('div', {}, h('span', {}, t(lang, 'ahead')), h('strong', { 'data-testid': 'ahead' }, String(ticket.ahead))),
        h('div', {}, h('span', {}, t(lang, 'eta')), h('strong', { 'data-testid': 'eta' }, waitText(lang, ticket.estimatedWaitSeconds))),
      ),
    ),
    h('div', { class: 'action-side' }, qr, printNote, h('button', { class: 'done', type: 'button', 'data-testid': 'done', onclick: actions.done }, t(lang, 'done'))),
  );
}

export function kioskErrorScreen(lang: Lang, code: string, back: () => void): HTMLElement {
  return errorScreen({ code, title: t(lang, 'errorTitle'), message: errorText(lang, code), back: { label: t(lang, 'back'), onClick: back } });
}
