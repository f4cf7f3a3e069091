import { h, type Lang } from '@qms/ui';
import { APPLICATION_CHANNELS, type ApplicationChannel, type CounterView, type ProcedureChoice, type ReceivedApplication } from '../contract.js';
import { errorText, t } from './i18n.js';

/** What the clerk has put in the receive form so far (kept while views come in and the form is drawn again). */
export interface ReceiveForm {
  q: string;
  serviceId: number | null;
  /** The procedures found for q and the field (null while loading). */
  results: ProcedureChoice[] | null;
  procedure: ProcedureChoice | null;
  fullName: string;
  phone: string;
  address: string;
  /** The number typed by the clerk (the scanned one stays in the agent). */
  idNumber: string;
  /** The scan whose fields were filled in; while set, the agent's scanned number is sent. */
  scannedSeq: number | null;
  documents: { name: string; checked: boolean; original: number; copies: number }[];
  channel: ApplicationChannel;
}

export function emptyReceiveForm(): ReceiveForm {
  return { q: '', serviceId: null, results: null, procedure: null, fullName: '', phone: '', address: '', idNumber: '', scannedSeq: null, documents: [], channel: 'counter' };
}

export interface DeskState {
  screen: 'receive' | 'received';
  form: ReceiveForm;
  received: ReceivedApplication | null;
  /** The A4 PDF's URL on this station, once made. */
  pdfUrl: string | null;
  /** The last print's outcome: null, 'ok', or the printer problem's words. */
  printed: string | null;
  busy: string | null;
  error: { code: string; message: string } | null;
}

export interface DeskActions {
  back(): void;
  search(): void;
  choose(procedure: ProcedureChoice): void;
  unchoose(): void;
  clearScan(): void;
  submit(): void;
  print(): void;
  another(): void;
  toggleLang(): void;
}

const CHANNEL_KEY: Record<ApplicationChannel, 'counterChannel' | 'online' | 'post'> = { counter: 'counterChannel', online: 'online', post: 'post' };

/** dd/MM/yyyy HH:mm in the centre's time zone. */
export function dateTime(iso: string, timeZone: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

function days(lang: Lang, n: number): string {
  return n === 0 ? t(lang, 'sameDay') : `${n} ${t(lang, 'workingDays')}`;
}

function header(lang: Lang, title: string, actions: DeskActions): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('div', { class: 'where' }, title),
    h('button', { type: 'button', class: 'lang', 'data-testid': 'lang', onclick: actions.toggleLang }, t(lang, 'langButton')),
    h('button', { type: 'button', class: 'secondary', 'data-action': 'back', onclick: actions.back }, t(lang, 'back')),
  );
}

function errorBanner(lang: Lang, error: DeskState['error']): HTMLElement | null {
  if (!error) return null;
  // The agent's own words say which box is wrong (in English, for the clerk); the code's words say what to do.
  return h('div', { class: 'banner warn', 'data-error': error.code }, errorText(lang, error.code), error.code === 'request.invalid' ? h('span', { class: 'detail' }, ` (${error.message})`) : null);
}

/** The procedures found, as buttons: drawn again in place while the clerk types. */
export function procedureResults(lang: Lang, results: ProcedureChoice[] | null, choose: (procedure: ProcedureChoice) => void): HTMLElement {
  return h(
    'div',
    { class: 'procedure-results', 'data-procedure-results': results === null ? 'loading' : String(results.length) },
    ...(results ?? []).map((procedure) =>
      h(
        'button',
        { type: 'button', class: 'procedure', 'data-procedure': procedure.id, 'data-procedure-code': procedure.code, onclick: () => choose(procedure) },
        h('b', {}, procedure.name),
        h('span', { class: 'code' }, ` ${procedure.code} · ${days(lang, procedure.processingDays)}`),
      ),
    ),
    results && results.length === 0 ? h('p', { class: 'quiet' }, t(lang, 'noProcedure')) : null,
  );
}

function procedurePart(view: CounterView, lang: Lang, state: DeskState, actions: DeskActions): HTMLElement {
  const { form } = state;
  if (form.procedure) {
    const p = form.procedure;
    return h(
      'fieldset',
      { class: 'part procedure-part' },
      h('legend', {}, t(lang, 'procedure')),
      h(
        'div',
        { class: 'chosen', 'data-chosen-procedure': p.id },
        h('b', {}, lang === 'en' && p.nameEn ? p.nameEn : p.name),
        h('span', { class: 'code' }, ` ${p.code} · ${days(lang, p.processingDays)}${p.fee ? ` · ${p.fee}` : ''}`),
        h('button', { type: 'button', class: 'secondary', 'data-action': 'change-procedure', onclick: actions.unchoose }, t(lang, 'change')),
      ),
    );
  }
  const search = h('input', { name: 'procedure-search', type: 'search', autocomplete: 'off', placeholder: t(lang, 'searchProcedure'), value: form.q, autofocus: true });
  search.addEventListener('input', () => {
    form.q = search.value;
    actions.search();
  });
  const field = h(
    'select',
    { name: 'field' },
    h('option', { value: '' }, t(lang, 'allFields')),
    ...view.fields.map((f) => h('option', { value: f.id, selected: form.serviceId === f.id }, lang === 'vi' ? f.name : f.nameEn)),
  );
  field.addEventListener('change', () => {
    form.serviceId = field.value ? Number(field.value) : null;
    actions.search();
  });
  return h('fieldset', { class: 'part procedure-part' }, h('legend', {}, t(lang, 'procedure')), h('div', { class: 'search' }, field, search), procedureResults(lang, form.results, actions.choose));
}

function input(form: ReceiveForm, key: 'fullName' | 'phone' | 'address' | 'idNumber', label: string, extra: Record<string, string | boolean> = {}): HTMLElement {
  const box = h('input', { name: key, value: form[key], autocomplete: 'off', ...extra });
  box.addEventListener('input', () => (form[key] = box.value));
  return h('label', {}, label, box);
}

function applicantPart(view: CounterView, lang: Lang, form: ReceiveForm, actions: DeskActions): HTMLElement {
  const scanned = view.desk.scanned && view.desk.scanned.seq === form.scannedSeq ? view.desk.scanned : null;
  return h(
    'fieldset',
    { class: 'part applicant-part' },
    h('legend', {}, t(lang, 'applicant')),
    view.desk.scanner ? h('p', { class: 'hint' }, t(lang, 'scanHint')) : null,
    view.desk.scanError ? h('p', { class: 'error', 'data-scan-error': '' }, view.desk.scanError) : null,
    input(form, 'fullName', t(lang, 'fullName'), { required: true, maxlength: '120' }),
    scanned
      ? h(
          'div',
          { class: 'scanned', 'data-scanned': scanned.idMasked },
          h('span', {}, `${t(lang, 'scannedCard')}: `),
          h('b', { 'data-id-masked': '' }, scanned.idMasked),
          h('button', { type: 'button', class: 'secondary', 'data-action': 'clear-scan', onclick: actions.clearScan }, t(lang, 'clearScan')),
        )
      : input(form, 'idNumber', t(lang, 'idNumber'), { inputmode: 'numeric', pattern: '[0-9]{12}', maxlength: '12' }),
    input(form, 'phone', t(lang, 'phone'), { inputmode: 'tel', maxlength: '32' }),
    input(form, 'address', t(lang, 'address'), { maxlength: '300' }),
  );
}

function documentsPart(lang: Lang, form: ReceiveForm): HTMLElement | null {
  if (!form.procedure) return null;
  const number = (document: ReceiveForm['documents'][number], key: 'original' | 'copies') => {
    const box = h('input', { type: 'number', min: '0', max: '99', name: key, value: String(document[key]) });
    box.addEventListener('input', () => (document[key] = Math.max(0, Math.min(99, Number(box.value) || 0))));
    return h('label', { class: 'count' }, t(lang, key === 'original' ? 'originals' : 'copies'), box);
  };
  return h(
    'fieldset',
    { class: 'part documents-part' },
    h('legend', {}, t(lang, 'documents')),
    form.documents.length === 0 ? h('p', { class: 'quiet' }, t(lang, 'noDocuments')) : null,
    ...form.documents.map((document, index) => {
      const tick = h('input', { type: 'checkbox', name: 'received', checked: document.checked });
      tick.addEventListener('change', () => (document.checked = tick.checked));
      return h('div', { class: 'document', 'data-document': index }, h('label', { class: 'tick' }, tick, h('span', {}, document.name)), number(document, 'original'), number(document, 'copies'));
    }),
  );
}

function channelPart(lang: Lang, form: ReceiveForm): HTMLElement {
  return h(
    'fieldset',
    { class: 'part channel-part' },
    h('legend', {}, t(lang, 'channel')),
    ...APPLICATION_CHANNELS.map((channel) => {
      const radio = h('input', { type: 'radio', name: 'channel', value: channel, checked: form.channel === channel });
      radio.addEventListener('change', () => radio.checked && (form.channel = channel));
      return h('label', { class: 'choice', 'data-channel': channel }, radio, t(lang, CHANNEL_KEY[channel]));
    }),
  );
}

/** The receive screen: procedure, applicant (a CCCD scan fills it), documents, channel, submit. */
export function receiveScreen(view: CounterView, lang: Lang, state: DeskState, actions: DeskActions): HTMLElement {
  const { form } = state;
  const submit = h(
    'button',
    { type: 'submit', class: `primary${state.busy === 'submit' ? ' busy' : ''}`, 'data-action': 'submit-application', disabled: state.busy !== null || view.phase !== 'ready' },
    t(lang, 'submitApplication'),
  );
  const body = h(
    'form',
    { class: 'receive-form', novalidate: true },
    procedurePart(view, lang, state, actions),
    applicantPart(view, lang, form, actions),
    documentsPart(lang, form),
    channelPart(lang, form),
    h('div', { class: 'submit-row' }, form.procedure ? null : h('span', { class: 'quiet' }, t(lang, 'chooseProcedureFirst')), submit),
  );
  body.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.submit();
  });
  return h('section', { class: 'screen receive-screen', 'data-screen': 'receive-application' }, header(lang, t(lang, 'receiveTitle'), actions), errorBanner(lang, state.error), body);
}

/** After the submit: the code, the secret (shown this once), the due date; print or open the A4 PDF. */
export function receivedScreen(view: CounterView, lang: Lang, state: DeskState, actions: DeskActions): HTMLElement {
  const received = state.received as ReceivedApplication;
  const printerOff = !view.desk.printer.configured;
  return h(
    'section',
    { class: 'screen received-screen', 'data-screen': 'application-received', 'data-application-id': received.id },
    header(lang, t(lang, 'receivedTitle'), actions),
    errorBanner(lang, state.error),
    h(
      'div',
      { class: 'received' },
      h('p', { class: 'caption' }, t(lang, 'applicationCode')),
      h('div', { class: 'code', 'data-application-code': received.code }, received.code),
      h('p', { class: 'caption' }, t(lang, 'lookupSecret')),
      h('div', { class: 'secret', 'data-application-secret': received.secret }, received.secret),
      h('p', { class: 'caption' }, t(lang, 'dueAt')),
      h('div', { class: 'due', 'data-due-at': received.dueAt }, dateTime(received.dueAt, view.timeZone, lang)),
      h(
        'p',
        { class: 'facts' },
        `${received.procedure.name} (${received.procedure.code}) · ${received.applicant.fullName}${received.applicant.idMasked ? ` · CCCD ${received.applicant.idMasked}` : ''}`,
      ),
    ),
    h(
      'div',
      { class: 'received-actions' },
      h(
        'button',
        { type: 'button', class: `primary${state.busy === 'print' ? ' busy' : ''}`, 'data-action': 'print-receipt', disabled: state.busy !== null || printerOff, onclick: actions.print },
        t(lang, 'printReceipt'),
      ),
      state.pdfUrl
        ? h('a', { class: 'secondary button', 'data-action': 'receipt-pdf', href: state.pdfUrl, target: '_blank', rel: 'noopener' }, t(lang, 'receiptPdf'))
        : h('span', { class: 'quiet', 'data-pdf-preparing': '' }, t(lang, 'pdfPreparing')),
      h('button', { type: 'button', class: 'secondary', 'data-action': 'receive-another', onclick: actions.another }, t(lang, 'receiveAnother')),
    ),
    state.printed
      ? h('p', { class: state.printed === 'ok' ? 'printed' : 'error', 'data-print-result': state.printed === 'ok' ? 'ok' : 'problem' }, state.printed === 'ok' ? t(lang, 'printed') : state.printed)
      : null,
    printerOff ? h('p', { class: 'quiet', 'data-print-result': 'no-printer' }, errorText(lang, 'printer.none')) : null,
  );
}
