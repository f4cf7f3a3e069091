import { h, type Lang, otherLang } from '@qms/ui';
import type { CounterAction, CounterView, CurrentTicket, DayFigures, WaitingTicket } from '../contract.js';
import { reasonName } from './dialogs.js';
import { errorText, t } from './i18n.js';

/** The keyboard shortcut of each action, shown on its button (a clerk works by keyboard alone). */
export type ScreenAction = CounterAction | 'transfer' | 'call-ticket';

export const SHORTCUTS: Record<ScreenAction, string> = {
  'call-next': 'N',
  recall: 'R',
  start: 'S',
  finish: 'F',
  'no-show': 'V',
  transfer: 'T',
  'call-ticket': 'G',
  pause: 'P',
  resume: 'P',
};

export interface ScreenState {
  lang: Lang;
  /** The action whose answer is awaited (its button shows it). */
  busy: string | null;
  error: string | null;
  dialog: 'transfer' | 'call-ticket' | 'pause' | null;
  /** The waiting list shown in the call-a-number dialog (null while it loads). */
  waiting: WaitingTicket[] | null;
  /** The user name last typed, kept when the form is drawn again (after a wrong PIN). */
  username: string;
}

const minutesSince = (iso: string | null, now: number) => (iso ? Math.max(0, Math.round((now - Date.parse(iso)) / 60_000)) : null);

/** The current ticket's two clocks, in minutes: how long it waited (until called), how long it has been at the counter. */
function ticketMinutes(lang: Lang, current: CurrentTicket, now: number): { waited: string; atCounter: string } {
  const minutes = (value: number | null) => `${value ?? '–'} ${t(lang, 'minutes')}`;
  return { waited: minutes(minutesSince(current.issuedAt, current.calledAt ? Date.parse(current.calledAt) : now)), atCounter: minutes(minutesSince(current.calledAt, now)) };
}
const clockTime = (iso: string, lang: Lang) => new Date(iso).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });

/** A mean service time as minutes and seconds ("4 phút 05 giây"), a dash when nobody was served. */
export function duration(lang: Lang, seconds: number | null): string {
  if (seconds === null) return '–';
  const minutes = Math.floor(seconds / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return `${minutes} ${t(lang, 'minutes')} ${rest} ${t(lang, 'seconds')}`;
}

/** What the side panel's handlers do: put an absent citizen back in the queue, or call them now. */
export interface GlanceActions {
  requeue(ticketId: number, label: string): void;
  callBack(label: string): void;
  /** The result of the current ticket's application was handed over (status 10). */
  handOver(): void;
}

export function loginScreen(view: CounterView, state: ScreenState, submit: (username: string, secret: string, counterId?: number) => void, toggleLang: () => void): HTMLElement {
  const { lang } = state;
  const form = h(
    'form',
    { class: 'login', 'data-screen': 'login' },
    h('h1', {}, `${t(lang, 'loginTitle')}${view.bound && view.counter ? ` — ${t(lang, 'counter')} ${view.counter.number}` : ''}`),
    h('label', {}, t(lang, 'username'), h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: !state.username, value: state.username })),
    h('label', {}, t(lang, 'pin'), h('input', { name: 'pin', type: 'password', autocomplete: 'current-password', required: true, autofocus: Boolean(state.username) })),
    view.bound
      ? null
      : h(
          'label',
          {},
          t(lang, 'counterPick'),
          h('select', { name: 'counter', required: true }, ...view.counters.map((c) => h('option', { value: c.id }, `${t(lang, 'counter')} ${c.number} — ${c.name}`))),
        ),
    state.error ? h('p', { class: 'error', 'data-error': state.error }, errorText(lang, state.error)) : null,
    h('button', { type: 'submit', class: 'primary' }, t(lang, 'signIn')),
    h('button', { type: 'button', class: 'lang', 'data-testid': 'lang', onclick: toggleLang }, t(lang, 'langButton')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const counter = data.get('counter');
    submit(String(data.get('username') ?? ''), String(data.get('pin') ?? ''), counter === null ? undefined : Number(counter));
  });
  return h('section', { class: 'screen login-screen' }, form);
}

/** The name and masked CCCD the kiosk attached to the ticket; an empty line until read, so it fills in place. */
function citizenLine(lang: Lang, current: CurrentTicket): HTMLElement {
  const { citizen } = current;
  return h(
    'p',
    { class: 'citizen', 'data-citizen': citizen ? citizen.idMasked : '' },
    ...(citizen ? [h('span', {}, citizen.name), h('span', { class: 'cccd' }, `${t(lang, 'cccd')} ${citizen.idMasked}`)] : []),
  );
}

/** A results-pickup ticket: which application, and the hand-over button while it is ready (9); empty for other tickets. */
function applicationLine(lang: Lang, current: CurrentTicket, actions: GlanceActions): HTMLElement {
  const application = current.application;
  if (!application) return h('div', { class: 'pickup', 'data-application-line': '' });
  return h(
    'div',
    { class: 'pickup', 'data-application-line': `${application.code}:${application.status}`, 'data-application-code': application.code, 'data-application-status': String(application.status) },
    h('p', { class: 'pickup-title' }, t(lang, 'pickupFor')),
    h('p', { class: 'pickup-code' }, application.code),
    h('p', {}, `${application.procedureName} · ${application.applicantName}`),
    application.status === 9
      ? h('button', { type: 'button', class: 'primary hand-over', 'data-action': 'hand-over', onclick: () => actions.handOver() }, t(lang, 'handOver'))
      : application.status === 10
        ? h('p', { class: 'handed-over' }, t(lang, 'handedOver'))
        : h('p', {}, `${t(lang, 'notReady')} ${application.status}`),
  );
}

function ticketPanel(lang: Lang, current: CurrentTicket | null, now: number, actions: GlanceActions): HTMLElement {
  if (!current) {
    return h('div', { class: 'ticket none' }, h('p', { class: 'caption' }, t(lang, 'current')), h('div', { class: 'label', 'data-current-ticket': '' }, ''), h('p', {}, t(lang, 'none')));
  }
  const { waited, atCounter } = ticketMinutes(lang, current, now);
  return h(
    'div',
    { class: `ticket ${current.status}`, 'data-ticket-status': current.status },
    h('p', { class: 'caption' }, t(lang, 'current')),
    h('div', { class: 'label', 'data-current-ticket': '' }, current.label),
    h('p', { class: 'field' }, lang === 'vi' ? current.serviceName : current.serviceNameEn),
    current.priority !== 'normal' ? h('p', { class: 'priority' }, `★ ${t(lang, current.priority)}`) : null,
    citizenLine(lang, current),
    applicationLine(lang, current, actions),
    h('p', { class: 'status' }, t(lang, current.status === 'serving' ? 'serving' : 'called')),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t(lang, 'waited')),
      h('dd', { 'data-waited': '' }, waited),
      h('dt', {}, t(lang, 'atCounter')),
      h('dd', { 'data-at-counter': '' }, atCounter),
      h('dt', {}, t(lang, 'calledTimes')),
      h('dd', {}, String(current.recallCount + 1)),
    ),
  );
}

/** Which actions make sense now (the hub has the last word; this only spares pointless presses). */
export function enabledActions(view: CounterView): Set<ScreenAction> {
  const on = new Set<ScreenAction>();
  if (view.phase !== 'ready' || !view.counter) return on;
  if (view.counter.status === 'paused') return new Set(['resume']);
  on.add('call-next').add('pause').add('call-ticket');
  const current = view.current;
  if (current) {
    on.add('recall').add('finish').add('transfer').add('no-show');
    if (current.status === 'called') on.add('start');
  }
  return on;
}

export function mainScreen(view: CounterView, state: ScreenState, actions: GlanceActions & { press(action: ScreenAction): void; logout(): void; toggleLang(): void; receive(): void }): HTMLElement {
  const { lang } = state;
  const enabled = enabledActions(view);
  const button = (action: ScreenAction, extra = '') =>
    h(
      'button',
      {
        type: 'button',
        class: `action ${action}${extra}${state.busy === action ? ' busy' : ''}`,
        'data-action': action,
        disabled: !enabled.has(action) || state.busy !== null,
        'aria-keyshortcuts': SHORTCUTS[action],
        onclick: () => actions.press(action),
      },
      h('span', { class: 'name' }, t(lang, action)),
      h('kbd', {}, SHORTCUTS[action]),
    );
  const paused = view.counter?.status === 'paused';
  return h(
    'section',
    { class: 'screen counter-screen', 'data-screen': 'counter', 'data-counter-status': view.counter?.status ?? '' },
    h(
      'header',
      { class: 'top' },
      h(
        'div',
        { class: 'where' },
        `${t(lang, 'counter')} ${view.counter?.number ?? '?'}`,
        // The counter's own name when it says more than its number ("Quầy 1 — Một cửa đất đai").
        view.counter && !/^(Quầy|Counter)\s*\d+$/i.test(view.counter.name.trim()) ? h('span', { class: 'counter-name' }, view.counter.name) : null,
      ),
      h(
        'div',
        { class: `state ${paused ? 'paused' : 'open'}`, 'data-pause-reason': view.counter?.pauseReason ?? '' },
        t(lang, paused ? 'paused' : 'open'),
        paused && view.counter?.pauseReason ? ` · ${reasonName(lang, view.counter.pauseReason)}` : '',
      ),
      h('div', { class: 'clerk', 'data-clerk': view.clerk?.username ?? '' }, view.clerk?.displayName || view.clerk?.username || ''),
      h('button', { type: 'button', class: 'secondary receive', 'data-action': 'receive-application', onclick: actions.receive }, t(lang, 'receive-application')),
      h('button', { type: 'button', class: 'lang', 'data-testid': 'lang', onclick: actions.toggleLang }, t(lang, 'langButton')),
      h('button', { type: 'button', class: 'logout', 'data-action': 'logout', onclick: actions.logout }, t(lang, 'signOut')),
    ),
    view.phase !== 'ready' ? h('div', { class: 'banner stop', 'data-testid': 'hub-down' }, t(lang, 'hubDown'), h('span', { class: 'other-lang' }, t(otherLang(lang), 'hubDown'))) : null,
    state.error ? h('div', { class: 'banner warn', 'data-error': state.error }, errorText(lang, state.error)) : null,
    h(
      'div',
      { class: 'work' },
      ticketPanel(lang, view.current, Date.now(), actions),
      h(
        'div',
        { class: 'actions' },
        button('call-next', ' primary'),
        button('recall'),
        button('start'),
        button('finish'),
        button('no-show'),
        button('transfer'),
        button('call-ticket'),
        paused ? button('resume') : button('pause'),
      ),
      glancePanel(view, state, actions),
    ),
  );
}

/** The side panel: the queues of the counter's fields, what comes next, who may come back, the day so far. */
export function glancePanel(view: CounterView, state: ScreenState, actions: GlanceActions): HTMLElement {
  const { lang } = state;
  const { next, noShows, today } = view.glance;
  const comeBack = stillAbsent(noShows, Date.now());
  const figures = (key: 'todayCounter' | 'todayClerk', day: DayFigures) =>
    h(
      'div',
      { class: 'figures', 'data-figures': key === 'todayCounter' ? 'counter' : 'clerk' },
      h('span', {}, t(lang, key)),
      h('b', { 'data-served': '' }, `${day.served} ${t(lang, 'served')}`),
      h('span', {}, `${t(lang, 'meanService')} ${duration(lang, day.serviceMeanSeconds)}`),
    );
  return h(
    'aside',
    { class: 'glance', 'data-glance': glanceSignature(view, state) },
    h('h2', {}, t(lang, 'queue')),
    h(
      'div',
      { class: 'queues' },
      ...view.queues.map((q) =>
        h(
          'div',
          { class: 'queue', 'data-queue': q.serviceId },
          h('span', { class: 'prefix' }, q.prefix),
          h('span', { class: 'qname' }, lang === 'vi' ? q.name : q.nameEn),
          h('b', { 'data-waiting': q.serviceId }, `${q.waiting} ${t(lang, 'waiting')}`),
        ),
      ),
    ),
    h('h2', {}, t(lang, 'nextTickets')),
    next.length
      ? h(
          'ol',
          { class: 'next', 'data-next': '' },
          ...next.map((ticket) =>
            h('li', { 'data-next-label': ticket.label }, ticket.label, ticket.priority !== 'normal' ? h('span', { class: 'star', title: t(lang, ticket.priority) }, ' ★') : null),
          ),
        )
      : h('p', { class: 'quiet' }, t(lang, 'nobodyWaiting')),
    comeBack.length
      ? h(
          'div',
          { class: 'absent' },
          h('h2', {}, t(lang, 'absentTitle')),
          ...comeBack.map((n) =>
            h(
              'div',
              { class: 'absent-ticket', 'data-no-show': n.label },
              h('b', {}, n.label),
              h('span', { class: 'until' }, `${t(lang, 'until')} ${clockTime(n.until, lang)}`),
              h('button', { type: 'button', 'data-requeue': n.label, disabled: state.busy !== null, onclick: () => actions.requeue(n.id, n.label) }, t(lang, 'requeue')),
              h(
                'button',
                { type: 'button', 'data-call-back': n.label, disabled: state.busy !== null || view.counter?.status === 'paused', onclick: () => actions.callBack(n.label) },
                t(lang, 'callBack'),
              ),
            ),
          ),
        )
      : null,
    today ? h('div', { class: 'today' }, h('h2', {}, t(lang, 'today')), figures('todayCounter', today.counter), today.clerk ? figures('todayClerk', today.clerk) : null) : null,
  );
}

/** What the side panel shows, but the waiting counts (patched in place). */
function glanceSignature(view: CounterView, state: ScreenState): string {
  return JSON.stringify([view.glance, view.queues.map((q) => q.serviceId), state.lang, state.busy !== null, view.counter?.status, stillAbsent(view.glance.noShows, Date.now())]);
}

/** The absent citizens who may still come back (the panel drops one when its time is up). */
const stillAbsent = <T extends { until: string }>(noShows: readonly T[], now: number): T[] => noShows.filter((n) => Date.parse(n.until) > now);

/**
 * What needs the counter screen drawn anew; the rest (the waiting counts, which move with every
 * other counter's call, and the minutes, which move with the clock) is patched in place, so a
 * button is never replaced under a clerk's finger. (A redraw on the clock's every half minute once
 * swallowed a press that fell on it.)
 */
export function mainStructure(view: CounterView, state: ScreenState): string {
  return JSON.stringify([
    view.phase,
    view.counter,
    view.clerk,
    view.current && { ...view.current, citizen: null, application: null },
    view.queues.map((q) => q.serviceId),
    view.fields.length,
    state.lang,
    state.error,
    state.dialog,
    state.waiting?.map((w) => w.label),
  ]);
}

/** Waiting counts, the minutes and which buttons can be pressed (a press in flight locks them all), in place; the side panel anew when it changed. */
export function patchMain(root: HTMLElement, view: CounterView, state: ScreenState, actions: GlanceActions): void {
  if (view.current) {
    const { waited, atCounter } = ticketMinutes(state.lang, view.current, Date.now());
    for (const [selector, text] of [
      ['[data-waited]', waited],
      ['[data-at-counter]', atCounter],
    ] as const) {
      const cell = root.querySelector(selector);
      if (cell && cell.textContent !== text) cell.textContent = text;
    }
  }
  const panel = root.querySelector<HTMLElement>('aside.glance');
  if (panel && panel.dataset.glance !== glanceSignature(view, state)) panel.replaceWith(glancePanel(view, state, actions));
  const citizen = root.querySelector<HTMLElement>('[data-citizen]');
  if (citizen && view.current && citizen.dataset.citizen !== (view.current.citizen?.idMasked ?? '')) citizen.replaceWith(citizenLine(state.lang, view.current));
  const pickup = root.querySelector<HTMLElement>('[data-application-line]');
  const application = view.current?.application;
  if (pickup && view.current && pickup.dataset.applicationLine !== (application ? `${application.code}:${application.status}` : ''))
    pickup.replaceWith(applicationLine(state.lang, view.current, actions));
  for (const q of view.queues) {
    const cell = root.querySelector(`[data-waiting="${q.serviceId}"]`);
    if (cell) cell.textContent = `${q.waiting} ${t(state.lang, 'waiting')}`;
  }
  const enabled = enabledActions(view);
  for (const button of root.querySelectorAll<HTMLButtonElement>('button[data-action].action')) {
    const action = button.dataset.action as ScreenAction;
    button.disabled = !enabled.has(action) || state.busy !== null;
    button.classList.toggle('busy', state.busy === action);
  }
}
