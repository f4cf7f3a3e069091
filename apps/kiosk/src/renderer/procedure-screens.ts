import { h } from '@qms/ui';
import type { PrintOutcome, ProcedureView } from '../contract.js';
import { type ScreenKit, focusTracker, qrCode, titleBar } from './citizen-screen-kit.js';
import { errorText, problemText, t } from './i18n.js';
import { onScreenKeyboard } from './keyboard.js';

/** What the procedures screen remembers while the citizen moves between the list and a detail. */
export interface ProceduresState {
  serviceId: number | null;
  q: string;
}

const SEARCH_DELAY_MS = 300;

/** The catalogue: fields to browse, a search box (accents optional) with the on-screen keyboard, the list. */
export function proceduresScreen(kit: ScreenKit, state: ProceduresState, open: (procedure: ProcedureView) => void): HTMLElement {
  const { lang } = kit;
  const list = h('div', { class: 'procedure-list', 'data-procedure-list': '' }, h('p', { class: 'note' }, t(lang, 'loading')));
  let asked = 0;
  const load = async () => {
    const mine = ++asked;
    list.setAttribute('data-loading', '');
    try {
      const found = await kit.bridge.call('procedures', { ...(state.serviceId !== null ? { serviceId: state.serviceId } : {}), ...(state.q.trim() ? { q: state.q } : {}) });
      if (mine !== asked) return;
      list.replaceChildren(
        ...(found.length === 0
          ? [h('p', { class: 'note', 'data-procedure-empty': '' }, t(lang, 'noProcedures'))]
          : found.map((procedure) =>
              h(
                'button',
                { class: 'procedure', type: 'button', 'data-procedure-id': procedure.id, onclick: () => open(procedure) },
                h('span', { class: 'name' }, lang === 'en' && procedure.nameEn ? procedure.nameEn : procedure.name),
                h('span', { class: 'small' }, `${procedure.code} · ${procedure.fee.trim() || t(lang, 'noFee')}`),
              ),
            )),
      );
    } catch (error) {
      if (mine === asked) list.replaceChildren(h('p', { class: 'note error' }, errorText(lang, (error as { code?: string }).code ?? '')));
    } finally {
      if (mine === asked) list.removeAttribute('data-loading');
    }
  };
  let timer: number | undefined;
  const focus = focusTracker();
  const search = focus.track(
    h('input', {
      type: 'search',
      class: 'search',
      maxlength: 100,
      value: state.q,
      placeholder: t(lang, 'searchPlaceholder'),
      'data-procedure-search': '',
      autocomplete: 'off',
      oninput: () => {
        state.q = search.value;
        kit.touch();
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void load(), SEARCH_DELAY_MS);
      },
    }),
  );
  const fieldButton = (id: number | null, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: `tab${state.serviceId === id ? ' chosen' : ''}`,
        'data-procedure-field': id ?? 'all',
        onclick: (event: Event) => {
          state.serviceId = id;
          kit.touch();
          for (const tab of tabs.querySelectorAll('.tab')) tab.classList.toggle('chosen', tab === event.currentTarget);
          void load();
        },
      },
      label,
    );
  const fields = kit.view()?.fields ?? [];
  const tabs = h('div', { class: 'tabs' }, fieldButton(null, t(lang, 'allFields')), ...fields.map((field) => fieldButton(field.id, lang === 'vi' ? field.name : field.nameEn)));
  void load();
  return h(
    'section',
    { class: 'screen service procedures', 'data-screen': 'procedures' },
    titleBar(kit, 'proceduresTitle'),
    tabs,
    search,
    list,
    onScreenKeyboard(lang, () => focus.current()),
  );
}

function daysText(kit: ScreenKit, days: number): string {
  return days === 0 ? t(kit.lang, 'sameDay') : `${days} ${t(kit.lang, 'workingDays')}`;
}

/** One procedure: fees, documents, time, who may apply, level, the portal's QR, and a printed slip. */
export function procedureDetailScreen(kit: ScreenKit, procedure: ProcedureView, back: () => void): HTMLElement {
  const { lang } = kit;
  const field = kit.view()?.fields.find((candidate) => candidate.id === procedure.serviceId);
  const status = h('div', { class: 'print-note', 'data-print-status': '' });
  const print = h(
    'button',
    {
      class: 'done',
      type: 'button',
      'data-procedure-print': '',
      onclick: async () => {
        kit.touch();
        print.disabled = true;
        status.textContent = t(lang, 'printing');
        status.className = 'print-note';
        const say = (ok: boolean, text: string) => {
          print.disabled = false;
          status.textContent = text;
          status.className = `print-note ${ok ? 'ok' : 'failed'}`;
          status.setAttribute('data-print-ok', String(ok));
        };
        try {
          const outcome: PrintOutcome = await kit.bridge.call('printProcedure', { procedureId: procedure.id });
          say(outcome.ok, outcome.ok ? t(lang, 'slipPrinted') : problemText(lang, outcome.problem));
        } catch (error) {
          say(false, errorText(lang, (error as { code?: string }).code ?? ''));
        }
      },
    },
    t(lang, 'printSlip'),
  );
  const fact = (key: Parameters<typeof t>[1], value: string, hook: string) => h('div', { class: 'fact', [`data-${hook}`]: '' }, h('dt', {}, t(lang, key)), h('dd', {}, value));
  const documents = procedure.documents.map((document) => {
    const counts = [document.original ? `${document.original} ${t(lang, 'originals')}` : '', document.copies ? `${document.copies} ${t(lang, 'copies')}` : ''].filter(Boolean).join(', ');
    return h('li', {}, document.name, counts ? h('span', { class: 'small' }, ` (${counts})`) : null);
  });
  return h(
    'section',
    { class: 'screen service procedure-detail', 'data-screen': 'procedure', 'data-procedure-detail': procedure.id },
    h(
      'header',
      { class: 'service-top' },
      h('button', { class: 'secondary home-button', type: 'button', 'data-action': 'back', onclick: back }, `← ${t(lang, 'back')}`),
      h('div', { class: 'service-title' }, h('h1', {}, procedure.name), procedure.nameEn ? h('div', { class: 'other-lang' }, procedure.nameEn) : null),
    ),
    h(
      'div',
      { class: 'detail-body' },
      h(
        'dl',
        { class: 'facts-list' },
        fact('procedureCode', procedure.code, 'procedure-code'),
        fact('field', field ? (lang === 'vi' ? field.name : field.nameEn) : '', 'procedure-field'),
        fact('processing', daysText(kit, procedure.processingDays), 'procedure-days'),
        fact('fee', procedure.fee.trim() || t(lang, 'noFee'), 'procedure-fee'),
        fact('level', t(lang, procedure.level), 'procedure-level'),
        procedure.applicants.trim() ? fact('applicants', procedure.applicants, 'procedure-applicants') : null,
        h('div', { class: 'fact documents', 'data-procedure-documents': '' }, h('dt', {}, t(lang, 'documents')), h('dd', {}, documents.length > 0 ? h('ol', {}, ...documents) : t(lang, 'none'))),
      ),
      h(
        'div',
        { class: 'detail-side' },
        procedure.portalUrl ? qrCode(procedure.portalUrl, { 'data-portal-qr': '' }) : null,
        procedure.portalUrl ? h('p', { class: 'small' }, t(lang, 'portalHint')) : null,
        kit.view()?.printer.configured ? print : null,
        status,
      ),
    ),
  );
}
