import { h, otherLang } from '@qms/ui';
import type { ApplicationRow, PickupResult } from '../contract.js';
import { dayText, focusTracker, type ScreenKit, titleBar } from './citizen-screen-kit.js';
import { errorText, problemText, t } from './i18n.js';
import { onScreenKeyboard } from './keyboard.js';

/** What the lookup screen remembers (typed text, the last answer) across a language change. */
export interface LookupState {
  code: string;
  secret: string;
  rows: ApplicationRow[] | null;
  /** How the rows were found: typed code and secret (a ready one may then be picked up here), or the CCCD. */
  by: 'code' | 'citizen' | null;
  error: string | null;
}

/** One application as the citizen sees it: code, procedure, status in words, dates. */
export function applicationRow(kit: ScreenKit, row: ApplicationRow, action: HTMLElement | null = null): HTMLElement {
  const timeZone = kit.view()?.timeZone ?? 'Asia/Ho_Chi_Minh';
  return h(
    'div',
    { class: `application${row.status === 9 ? ' ready' : ''}`, 'data-application-code': row.code, 'data-application-status': row.status },
    h('div', { class: 'application-head' }, h('strong', {}, row.code), h('span', { class: 'status', 'data-status-name': '' }, row.statusName[kit.lang])),
    h('div', {}, row.procedureName),
    h(
      'div',
      { class: 'small' },
      row.applicantName,
      row.receivedAt ? ` · ${t(kit.lang, 'receivedAt')} ${dayText(row.receivedAt, timeZone)}` : '',
      row.dueAt ? ` · ${t(kit.lang, 'dueAt')} ${dayText(row.dueAt, timeZone)}` : '',
    ),
    row.status === 9 ? h('div', { class: 'ready-note' }, t(kit.lang, 'ready')) : null,
    action,
  );
}

/**
 * Looking an application up: the code and secret typed (with the on-screen keyboard), or the CCCD
 * or the receipt scanned (the kiosk screen calls `byCitizen` when a card is read here).
 */
export function lookupScreen(kit: ScreenKit, state: LookupState, pickup: (code: string, secret: string) => void): { element: HTMLElement; byCitizen(): Promise<void> } {
  const { lang } = kit;
  const results = h('div', { class: 'applications', 'data-lookup-results': '' });
  const focus = focusTracker();
  const keyboard = onScreenKeyboard(lang, () => focus.current());
  const showRows = () => {
    // Applications on show take the keyboard's room; touching a box brings it back.
    keyboard.hidden = (state.rows?.length ?? 0) > 0 && !state.error;
    if (state.error) {
      results.replaceChildren(h('p', { class: 'banner warn', 'data-lookup-error': state.error }, errorText(lang, state.error)));
      return;
    }
    if (!state.rows) return results.replaceChildren();
    if (state.rows.length === 0) return results.replaceChildren(h('p', { class: 'note', 'data-lookup-empty': '' }, t(lang, 'citizenNone')));
    results.replaceChildren(
      ...(state.by === 'citizen' ? [h('h2', {}, t(lang, 'citizenList'))] : []),
      ...state.rows.map((row) =>
        applicationRow(
          kit,
          row,
          row.status === 9 && state.by === 'code'
            ? h('button', { class: 'done', type: 'button', 'data-application-pickup': row.code, onclick: () => pickup(state.code, state.secret) }, t(lang, 'takeResults'))
            : null,
        ),
      ),
    );
  };
  const answer = async (by: LookupState['by'], ask: () => Promise<ApplicationRow[]>) => {
    kit.touch();
    results.setAttribute('data-loading', '');
    try {
      state.rows = await ask();
      state.error = null;
    } catch (error) {
      state.rows = null;
      state.error = (error as { code?: string }).code ?? 'station.internal';
    }
    state.by = by;
    results.removeAttribute('data-loading');
    showRows();
  };
  const input = (key: 'code' | 'secret', hook: string, maxlength: number) => {
    const element = focus.track(
      h('input', {
        type: 'text',
        maxlength,
        value: state[key],
        autocomplete: 'off',
        autocapitalize: 'characters',
        [hook]: '',
        onfocus: () => (keyboard.hidden = false),
        oninput: () => {
          state[key] = element.value;
          kit.touch();
        },
      }),
    );
    return element;
  };
  const code = input('code', 'data-lookup-code', 40);
  const secret = input('secret', 'data-lookup-secret', 20);
  const submit = h(
    'button',
    {
      class: 'done',
      type: 'button',
      'data-lookup-submit': '',
      onclick: () => {
        if (!state.code.trim() || !state.secret.trim()) return;
        void answer('code', async () => [await kit.bridge.call('lookupApplication', { code: state.code.trim(), secret: state.secret.trim() })]);
      },
    },
    t(lang, 'lookupSubmit'),
  );
  showRows();
  const element = h(
    'section',
    { class: 'screen service lookup', 'data-screen': 'lookup' },
    titleBar(kit, 'lookupTitle'),
    h('p', { class: 'hint' }, t(lang, 'lookupHint'), h('span', { class: 'other-lang' }, ` ${t(otherLang(lang), 'lookupHint')}`)),
    h('div', { class: 'lookup-form' }, h('label', {}, h('span', {}, t(lang, 'lookupCode')), code), h('label', {}, h('span', {}, t(lang, 'lookupSecret')), secret), submit),
    results,
    keyboard,
  );
  const byCitizen = () => {
    // The card speaks for the citizen: what was typed before (maybe someone else's) goes.
    state.code = state.secret = code.value = secret.value = '';
    return answer('citizen', () => kit.bridge.call('citizenApplications', {}));
  };
  return { element, byCitizen };
}

/** A results ticket taken with a receipt (scanned, or from the lookup): the number, the application, the print. */
export function pickupScreen(kit: ScreenKit, result: PickupResult): HTMLElement {
  const { lang } = kit;
  const { ticket, print } = result;
  return h(
    'section',
    { class: 'screen confirm pickup', 'data-screen': 'pickup' },
    h(
      'div',
      { class: 'ticket-side' },
      h('p', { class: 'field-name' }, lang === 'vi' ? ticket.serviceName : ticket.serviceNameEn),
      h('p', { class: 'small' }, t(lang, 'resultsTicket')),
      h('div', { class: 'label', 'data-testid': 'ticket-label' }, ticket.label),
      h('p', { class: 'small', 'data-pickup-application': result.application.code }, `${t(lang, 'applicationCode')}: ${result.application.code}`),
      h('p', { class: 'small' }, result.application.procedureName),
      result.replayed ? h('p', { class: 'priority-note' }, t(lang, 'sameTicket')) : null,
      h('div', { class: 'facts' }, h('div', {}, h('span', {}, t(lang, 'ahead')), h('strong', { 'data-testid': 'ahead' }, String(ticket.ahead)))),
    ),
    h(
      'div',
      { class: 'action-side' },
      print.ok
        ? h('p', { class: 'print-ok', 'data-testid': 'print-status' }, t(lang, 'takeReceipt'))
        : h('div', { class: 'banner stop', 'data-testid': 'print-status' }, h('strong', {}, `${t(lang, 'printFailed')} ${problemText(lang, print.problem)}.`), h('div', {}, t(lang, 'photograph'))),
      h('button', { class: 'done', type: 'button', 'data-testid': 'done', onclick: kit.home }, t(lang, 'done')),
    ),
  );
}

/** A receipt scanned whose application is not ready, or a scan the hub refused: its status, or why, in words. */
export function applicationStatusScreen(kit: ScreenKit, outcome: { application: ApplicationRow } | { code: string }): HTMLElement {
  const { lang } = kit;
  return h(
    'section',
    { class: 'screen service application-status', 'data-screen': 'application' },
    titleBar(kit, 'statusTitle'),
    'application' in outcome
      ? h('div', { class: 'applications' }, applicationRow(kit, outcome.application), outcome.application.status !== 9 ? h('p', { class: 'note', 'data-not-ready': '' }, t(lang, 'notReadyYet')) : null)
      : h('p', { class: 'banner warn', 'data-lookup-error': outcome.code }, errorText(lang, outcome.code)),
    h('button', { class: 'done', type: 'button', 'data-testid': 'done', onclick: kit.home }, t(lang, 'done')),
  );
}
