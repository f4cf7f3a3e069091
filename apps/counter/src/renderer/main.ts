import { connectStation, errorCode, phaseScreen } from '@qms/shell';
import type { Lang } from '@qms/ui';
import type { PauseReason } from '@qms/core';
import type { CounterMethods, CounterOwnView, CounterView } from '../contract.js';
import { t } from './i18n.js';
import { type DeskActions, type DeskState, emptyReceiveForm, procedureResults, receivedScreen, receiveScreen } from './application-screens.js';
import { ratingScreen } from './rating-screens.js';
import { callTicketDialog, pauseDialog, transferDialog } from './dialogs.js';
import { enabledActions, loginScreen, mainScreen, mainStructure, patchMain, type ScreenAction, type ScreenState, SHORTCUTS } from './screens.js';

const app = document.getElementById('app') as HTMLElement;
/** The same page is the clerk's screen at / and the citizen's rating pad at /rating (or #rating, in Electron). */
const isRatingPad = /\/rating\/?$/.test(location.pathname) || location.hash === '#rating';
let view: CounterView | null = null;
let agentDown = false;
const state: ScreenState = { lang: 'vi', busy: null, error: null, dialog: null, waiting: null, username: '' };
let rendered = '';

const bridge = connectStation<CounterOwnView, CounterMethods>(() => {
  agentDown = true;
  render();
});

function setError(error: unknown): void {
  state.error = error === null ? null : errorCode(error);
}

async function login(username: string, secret: string, counterId?: number): Promise<void> {
  if (state.busy) return;
  state.username = username;
  state.busy = 'login';
  render();
  try {
    await bridge.call('login', { username, secret, ...(counterId !== undefined ? { counterId } : {}) });
    setError(null);
  } catch (error) {
    setError(error);
  }
  state.busy = null;
  render();
}

/** One press at a time: the buttons are locked until the hub answered. */
async function press(action: ScreenAction): Promise<void> {
  if (state.busy || !view || !enabledActions(view).has(action)) return;
  // These ask first: where to, which number, why.
  if (action === 'transfer' || action === 'pause' || action === 'call-ticket') {
    state.dialog = action;
    if (action === 'call-ticket') void loadWaiting();
    return render();
  }
  await run(action, () => bridge.call('act', { action }));
}

/** Runs one press with the buttons locked, and shows its refusal if any. */
async function run(busy: string, call: () => Promise<unknown>): Promise<void> {
  state.dialog = null;
  state.busy = busy;
  render();
  try {
    await call();
    setError(null);
  } catch (error) {
    setError(error);
  }
  state.busy = null;
  render();
}

async function loadWaiting(): Promise<void> {
  state.waiting = null;
  try {
    state.waiting = (await bridge.call('waiting', {})).tickets;
  } catch (error) {
    setError(error);
    state.waiting = [];
  }
  if (state.dialog === 'call-ticket') render();
}

const pause = (reason: PauseReason) => run('pause', () => bridge.call('act', { action: 'pause', reason }));
const callTicket = (label: string) => run('call-ticket', () => bridge.call('callTicket', { label }));

const transfer = (serviceId: number) => run('transfer', () => bridge.call('transfer', { serviceId }));
/** The side panel's buttons: an absent citizen came back. */
const glanceActions = {
  requeue: (ticketId: number) => void run('requeue', () => bridge.call('requeue', { ticketId })),
  callBack: (label: string) => void callTicket(label),
  handOver: () => void run('hand-over', () => bridge.call('handOver', {})),
};

/** The receive-application screens while open (null: the counter screen). */
let desk: DeskState | null = null;
/** The last CCCD scan whose fields were filled in (each scan fills them once). */
let appliedScan = 0;
let searchTimer: number | undefined;
let searchSeq = 0;

function deskError(error: unknown): DeskState['error'] {
  return error === null ? null : { code: errorCode(error), message: error instanceof Error ? error.message : '' };
}

function openDesk(): void {
  desk = { screen: 'receive', form: emptyReceiveForm(), received: null, pdfUrl: null, printed: null, busy: null, error: null };
  render();
  search(0);
}

/** Looks procedures up as the clerk types (a short pause first); the list is drawn again in place, the focus stays. */
function search(delayMs = 200): void {
  window.clearTimeout(searchTimer);
  searchTimer = window.setTimeout(() => {
    const form = desk?.form;
    if (!form || form.procedure) return;
    const seq = ++searchSeq;
    bridge
      .call('procedures', { q: form.q, ...(form.serviceId ? { serviceId: form.serviceId } : {}) })
      .then(({ procedures }) => {
        if (seq !== searchSeq || desk?.form !== form) return;
        form.results = procedures;
        document.querySelector('[data-procedure-results]')?.replaceWith(procedureResults(state.lang, procedures, deskActions.choose));
      })
      .catch((error: unknown) => desk && ((desk.error = deskError(error)), render()));
  }, delayMs);
}

async function deskCall(busy: string, call: () => Promise<void>): Promise<void> {
  if (!desk || desk.busy) return;
  const current = desk;
  current.busy = busy;
  render();
  try {
    await call();
    current.error = null;
  } catch (error) {
    current.error = deskError(error);
  }
  current.busy = null;
  render();
}

const deskActions: DeskActions = {
  back: () => ((desk = null), render()),
  search: () => search(),
  choose: (procedure) => {
    if (!desk) return;
    desk.form.procedure = procedure;
    desk.form.documents = procedure.documents.map((d) => ({ name: d.name, checked: false, original: d.original ?? 0, copies: d.copies ?? 0 }));
    render();
  },
  unchoose: () => {
    if (!desk) return;
    Object.assign(desk.form, { procedure: null, documents: [], results: null });
    render();
    search(0);
  },
  clearScan: () => {
    if (desk) desk.form.scannedSeq = null;
    void bridge.call('clearScan', {});
    render();
  },
  submit: () => {
    const current = desk;
    if (!current) return;
    const { form } = current;
    if (!form.procedure) {
      current.error = { code: 'request.invalid', message: t(state.lang, 'chooseProcedureFirst') };
      return render();
    }
    const procedureId = form.procedure.id;
    const scanned = form.scannedSeq !== null && view?.desk.scanned?.seq === form.scannedSeq;
    void deskCall('submit', async () => {
      const received = await bridge.call('receiveApplication', {
        procedureId,
        applicant: { fullName: form.fullName, phone: form.phone, address: form.address, ...(scanned ? {} : { idNumber: form.idNumber }) },
        useScannedId: scanned,
        documents: form.documents.filter((d) => d.checked).map((d) => ({ name: d.name, original: d.original, copies: d.copies })),
        channel: form.channel,
      });
      Object.assign(current, { screen: 'received', received, form: emptyReceiveForm(), pdfUrl: null, printed: null });
      // The A4 PDF is made at once, so its link opens in a new window on the click itself.
      bridge
        .call('applicationPdf', { applicationId: received.id })
        .then(({ url }) => current.received?.id === received.id && ((current.pdfUrl = url), render()))
        .catch((error: unknown) => ((current.error = deskError(error)), render()));
    });
  },
  print: () => {
    const received = desk?.received;
    if (!received) return;
    void deskCall('print', async () => {
      const outcome = await bridge.call('printApplicationReceipt', { applicationId: received.id });
      if (desk) desk.printed = outcome.ok ? 'ok' : outcome.message;
    });
  },
  another: () => openDesk(),
  toggleLang: () => toggleLang(),
};

function renderDesk(view: CounterView, current: DeskState): void {
  const { form } = current;
  const scanned = view.desk.scanned;
  // A new scan fills the applicant once; a scan forgotten by the agent (cleared, expired) lets the clerk type the number.
  if (scanned && scanned.seq !== appliedScan) {
    appliedScan = scanned.seq;
    Object.assign(form, { fullName: scanned.fullName, address: scanned.address, idNumber: '', scannedSeq: scanned.seq });
  }
  if (form.scannedSeq !== null && scanned?.seq !== form.scannedSeq) form.scannedSeq = null;
  const signature = `desk:${JSON.stringify([
    current.screen,
    state.lang,
    form.procedure?.id,
    form.scannedSeq,
    current.busy,
    current.error,
    view.desk.scanError,
    view.desk.scanner,
    view.desk.printer,
    view.phase,
    view.fields.length,
    current.received?.id,
    current.pdfUrl,
    current.printed,
  ])}`;
  if (signature === rendered) return;
  show(current.screen === 'received' ? receivedScreen(view, state.lang, current, deskActions) : receiveScreen(view, state.lang, current, deskActions), signature);
}

function toggleLang(): void {
  state.lang = state.lang === 'vi' ? 'en' : 'vi';
  render();
}

function show(element: HTMLElement, signature: string): void {
  // The login form keeps what the clerk typed while views come in.
  if (signature === rendered && signature.startsWith('login')) return;
  const refocus = keepTyped(app, element);
  app.replaceChildren(element);
  refocus?.();
  rendered = signature;
}

/**
 * An open dialog drawn again (its waiting list arrived, a view came in) keeps what the clerk typed
 * in it, and the focus: a number typed while the list loads is not lost, nor the Enter after it.
 */
function keepTyped(from: HTMLElement, to: HTMLElement): (() => void) | undefined {
  let refocus: (() => void) | undefined;
  for (const old of from.querySelectorAll<HTMLInputElement>('[data-dialog] input[name]')) {
    const dialog = old.closest('[data-dialog]')?.getAttribute('data-dialog') ?? '';
    const next = to.querySelector<HTMLInputElement>(`[data-dialog="${CSS.escape(dialog)}"] input[name="${CSS.escape(old.name)}"]`);
    if (!next) continue;
    next.value = old.value;
    const { selectionStart, selectionEnd } = old;
    if (document.activeElement === old)
      refocus = () => {
        next.focus();
        next.setSelectionRange(selectionStart, selectionEnd);
      };
  }
  return refocus;
}

function render(): void {
  document.documentElement.lang = state.lang;
  const lang: Lang = state.lang;
  if (isRatingPad) return renderRatingPad();
  // A signed-in clerk keeps the counter screen while the hub is away (its buttons locked), not a blank 'reconnecting'.
  const keepCounter = view?.phase === 'reconnecting' && view.clerk !== null;
  const phase = keepCounter ? null : phaseScreen(view, lang, agentDown);
  if (phase || !view) return phase ? show(phase.element, phase.signature) : undefined;
  if (!view.clerk) desk = null;
  if (!view.clerk)
    return show(
      loginScreen(view, state, (u, s, c) => void login(u, s, c), toggleLang),
      `login:${lang}:${view.bound}:${view.counters.length}:${state.error}:${state.busy}`,
    );
  if (desk) return renderDesk(view, desk);
  const signature = `main:${mainStructure(view, state)}`;
  if (signature === rendered && app.firstElementChild) return patchMain(app.firstElementChild as HTMLElement, view, state, glanceActions);
  const screen = mainScreen(view, state, { ...glanceActions, press: (action) => void press(action), logout: () => void bridge.call('logout', {}), toggleLang, receive: openDesk });
  const close = () => ((state.dialog = null), render());
  if (state.dialog === 'transfer') screen.append(transferDialog(view, lang, (id) => void transfer(id), close));
  if (state.dialog === 'call-ticket') screen.append(callTicketDialog(lang, state.waiting, (label) => void callTicket(label), close));
  if (state.dialog === 'pause') screen.append(pauseDialog(lang, (reason) => void pause(reason), close));
  show(screen, signature);
}

/** The rating pad: drawn anew only when its state changes; a press is sent once. */
let rated = false;
function renderRatingPad(): void {
  const rating = agentDown || view?.phase !== 'ready' ? null : view.rating;
  if (rating?.state !== 'open') rated = false;
  // Each citizen starts in Vietnamese.
  if (!rating || rating.state === 'locked') state.lang = 'vi';
  document.documentElement.lang = state.lang;
  const signature = `rating:${JSON.stringify(rating)}:${state.lang}`;
  if (signature === rendered) return;
  show(
    ratingScreen(
      rating,
      state.lang,
      (score) => {
        if (rated) return;
        rated = true;
        void bridge.call('rate', { score }).catch(() => (rated = false));
      },
      toggleLang,
    ),
    signature,
  );
}

// The keyboard: each action's letter (shown on its button), Escape closes a dialog.
window.addEventListener('keydown', (event) => {
  // The receive screens are forms: their letters are typed, never the counter's shortcuts.
  if (isRatingPad || desk) return;
  if (event.ctrlKey || event.metaKey || event.altKey || (event.target as HTMLElement | null)?.closest('input, select, textarea')) return;
  if (event.key === 'Escape' && state.dialog) {
    state.dialog = null;
    return render();
  }
  const key = event.key.toUpperCase();
  const paused = view?.counter?.status === 'paused';
  const action = (Object.keys(SHORTCUTS) as ScreenAction[]).find((a) => SHORTCUTS[a] === key && (a === 'pause' ? !paused : a === 'resume' ? paused : true));
  if (!action) return;
  event.preventDefault();
  void press(action);
});

bridge.onView((next) => {
  agentDown = false;
  view = next;
  render();
});
window.setInterval(() => view?.clerk && !state.dialog && render(), 30_000);
render();
