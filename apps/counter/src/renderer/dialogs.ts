import { h, type Lang } from '@qms/ui';
import { PAUSE_REASON_NAMES, PAUSE_REASONS, type PauseReason } from '@qms/core';
import type { CounterView, WaitingTicket } from '../contract.js';
import { t } from './i18n.js';

/** The counter's dialogs: where to transfer, which number to call, why the counter pauses. */

export function transferDialog(view: CounterView, lang: Lang, choose: (serviceId: number) => void, cancel: () => void): HTMLElement {
  const current = view.current;
  return h(
    'div',
    { class: 'dialog', role: 'dialog', 'data-dialog': 'transfer' },
    h('h2', {}, `${t(lang, 'transferTitle')}${current ? ` (${current.label})` : ''}`),
    h(
      'div',
      { class: 'choices' },
      ...view.fields
        .filter((f) => f.id !== current?.serviceId)
        .map((f) => h('button', { type: 'button', 'data-transfer-service': f.id, onclick: () => choose(f.id) }, lang === 'vi' ? f.name : f.nameEn)),
    ),
    h('button', { type: 'button', class: 'secondary', 'data-dialog-cancel': '', onclick: cancel }, t(lang, 'cancel')),
  );
}

export function callTicketDialog(lang: Lang, tickets: WaitingTicket[] | null, call: (label: string) => void, cancel: () => void): HTMLElement {
  const form = h(
    'form',
    { class: 'typed' },
    h('input', { name: 'label', autocomplete: 'off', placeholder: 'A012', maxlength: 12, required: true }),
    h('button', { type: 'submit', class: 'primary' }, t(lang, 'callThis')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    call(String(new FormData(form).get('label') ?? ''));
  });
  return h(
    'div',
    { class: 'dialog', role: 'dialog', 'data-dialog': 'call-ticket' },
    h('h2', {}, t(lang, 'callTicketTitle')),
    h('p', {}, t(lang, 'callTicketHint')),
    form,
    h(
      'div',
      { class: 'choices' },
      ...(tickets ?? []).map((ticket) =>
        h('button', { type: 'button', 'data-call-label': ticket.label, onclick: () => call(ticket.label) }, ticket.label, ticket.priority !== 'normal' ? ` ★ ${t(lang, ticket.priority)}` : ''),
      ),
      tickets && tickets.length === 0 ? h('p', {}, t(lang, 'nobodyWaiting')) : null,
    ),
    h('button', { type: 'button', class: 'secondary', 'data-dialog-cancel': '', onclick: cancel }, t(lang, 'cancel')),
  );
}

/** A pause reason's name on its own (a button, after "·"): capitalised. */
export function reasonName(lang: Lang, reason: PauseReason): string {
  const name = PAUSE_REASON_NAMES[reason][lang];
  return name.charAt(0).toLocaleUpperCase('vi') + name.slice(1);
}

export function pauseDialog(lang: Lang, choose: (reason: PauseReason) => void, cancel: () => void): HTMLElement {
  return h(
    'div',
    { class: 'dialog', role: 'dialog', 'data-dialog': 'pause' },
    h('h2', {}, t(lang, 'pauseTitle')),
    h('div', { class: 'choices' }, ...PAUSE_REASONS.map((reason) => h('button', { type: 'button', 'data-pause-reason': reason, onclick: () => choose(reason) }, reasonName(lang, reason)))),
    h('button', { type: 'button', class: 'secondary', 'data-dialog-cancel': '', onclick: cancel }, t(lang, 'cancel')),
  );
}
