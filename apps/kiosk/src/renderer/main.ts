import type { Priority } from '@qms/core';
import { attachKeyboardWedge } from '@qms/scanner/keyboard-wedge';
import { connectStation, errorCode, messageScreen, phaseScreen } from '@qms/shell';
import type { Lang } from '@qms/ui';
import type { ApplicationRow, FieldView, IssueResult, KioskMethods, KioskOwnView, KioskView, PickupResult, ProcedureView } from '../contract.js';
import type { ScreenKit } from './citizen-screen-kit.js';
import { type FeedbackState, feedbackScreen } from './feedback-screen.js';
import { t } from './i18n.js';
import { applicationStatusScreen, type LookupState, lookupScreen, pickupScreen } from './lookup-screens.js';
import { procedureDetailScreen, type ProceduresState, proceduresScreen } from './procedure-screens.js';
import { type CitizenService, confirmScreen, homeScreen, kioskErrorScreen, homeStructure, patchHome, priorityScreen } from './screens.js';

type Screen =
  | { kind: 'home' }
  | { kind: 'priority' }
  | { kind: 'issuing'; serviceId: number; key: string }
  | { kind: 'confirm'; result: IssueResult; reprinting: boolean }
  | { kind: 'error'; code: string }
  // The citizen services; `id` tells one visit from the next (a view update does not rebuild the screen).
  | { kind: 'procedures'; id: number; state: ProceduresState }
  | { kind: 'procedure'; id: number; procedure: ProcedureView; list: ProceduresState }
  | { kind: 'lookup'; id: number; state: LookupState }
  | { kind: 'feedback'; id: number; state: FeedbackState }
  | { kind: 'taking' }
  | { kind: 'pickup'; id: number; result: PickupResult }
  | { kind: 'application'; id: number; outcome: { application: ApplicationRow } | { code: string } };

/** The citizen-services screens leave for home after this long untouched. */
const SERVICE_IDLE_SECONDS = 120;

const app = document.getElementById('app') as HTMLElement;
let view: KioskView | null = null;
let lang: Lang = 'vi';
let priority: Priority = 'normal';
let screen: Screen = { kind: 'home' };
let agentDown = false;
let rendered = '';
let homeTimer: number | undefined;
let visits = 0;
/** The lookup screen on show, told when a CCCD is scanned there. */
let lookupControl: { byCitizen(): Promise<void> } | null = null;
/** The receipt scan last shown (the view keeps the last one until cleared). */
let applicationScanSeen: number | null = null;

const bridge = connectStation<KioskOwnView, KioskMethods>(() => {
  agentDown = true;
  render();
});

/** Back to the start for the next citizen: home, Vietnamese, no priority. */
function reset(): void {
  window.clearTimeout(homeTimer);
  // A card read for the lookup is not kept for the next citizen's ticket, nor greeted on the home
  // screen drawn below while the agent forgets it (its next view comes after).
  if (screen.kind === 'lookup' && screen.state.by === 'citizen' && view?.citizen) {
    void bridge.call('clearCitizen', {});
    view = { ...view, citizen: null };
  }
  lang = 'vi';
  priority = 'normal';
  screen = { kind: 'home' };
  render();
}

function returnHomeIn(seconds: number): void {
  window.clearTimeout(homeTimer);
  homeTimer = window.setTimeout(reset, seconds * 1_000);
}

async function take(field: FieldView): Promise<void> {
  if (screen.kind === 'issuing') return; // one press at a time
  // One key per press, kept if the call has to be made again: the hub never gives two numbers for it.
  const key = `kiosk-${crypto.randomUUID()}`;
  screen = { kind: 'issuing', serviceId: field.id, key };
  render();
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await bridge.call('issue', { serviceId: field.id, priority, key });
      screen = { kind: 'confirm', result, reprinting: false };
      render();
      returnHomeIn(result.print.ok ? (view?.confirmSeconds ?? 8) : Math.max(30, (view?.confirmSeconds ?? 8) * 3));
      return;
    } catch (error) {
      const code = errorCode(error);
      // The agent restarted under us: ask again with the same key once it is back.
      if (code === 'bridge.closed' && attempt < 60) {
        await new Promise((resolve) => window.setTimeout(resolve, 1_000));
        continue;
      }
      screen = { kind: 'error', code };
      render();
      returnHomeIn(8);
      return;
    }
  }
}

async function reprint(): Promise<void> {
  if (screen.kind !== 'confirm') return;
  const current = screen;
  screen = { ...current, reprinting: true };
  render();
  try {
    const print = await bridge.call('reprint', { ticketId: current.result.ticket.id });
    screen = { kind: 'confirm', result: { ...current.result, print }, reprinting: false };
    returnHomeIn(print.ok ? (view?.confirmSeconds ?? 8) : 30);
  } catch {
    screen = { ...current, reprinting: false };
  }
  render();
}

function kit(): ScreenKit {
  return { lang, bridge, view: () => view, home: reset, touch: () => returnHomeIn(SERVICE_IDLE_SECONDS) };
}

function openService(service: CitizenService): void {
  visits += 1;
  if (service === 'procedures') screen = { kind: 'procedures', id: visits, state: { serviceId: null, q: '' } };
  else if (service === 'lookup') screen = { kind: 'lookup', id: visits, state: { code: '', secret: '', rows: null, by: null, error: null } };
  else screen = { kind: 'feedback', id: visits, state: { text: '', phone: '', counterNumber: null, sent: false } };
  returnHomeIn(SERVICE_IDLE_SECONDS);
  render();
}

/** A results ticket for an application looked up by code and secret. */
async function takeResults(code: string, secret: string): Promise<void> {
  screen = { kind: 'taking' };
  render();
  try {
    const result = await bridge.call('pickup', { code, secret });
    screen = { kind: 'pickup', id: ++visits, result };
    returnHomeIn(result.print.ok ? (view?.confirmSeconds ?? 8) * 2 : 30);
  } catch (error) {
    screen = { kind: 'error', code: errorCode(error) };
    returnHomeIn(8);
  }
  render();
}

const homeActions = {
  open: openService,
  take: (field: FieldView) => void take(field),
  askPriority: () => {
    screen = { kind: 'priority' };
    render();
    returnHomeIn(60);
  },
  toggleLang: () => {
    lang = lang === 'vi' ? 'en' : 'vi';
    render();
  },
  notMe: () => void bridge.call('clearCitizen', {}),
};

function show(element: HTMLElement, signature: string): void {
  app.replaceChildren(element);
  rendered = signature;
}

function render(): void {
  document.documentElement.lang = lang;
  const phase = phaseScreen(view, lang, agentDown, screen.kind === 'issuing' ? t(lang, 'issuing') : t(lang, 'reconnectingHint'));
  if (phase || !view) return phase ? show(phase.element, phase.signature) : undefined;
  switch (screen.kind) {
    case 'home': {
      const signature = `home:${homeStructure(view, lang, priority)}`;
      if (rendered === signature && app.firstElementChild) return patchHome(app.firstElementChild as HTMLElement, view, lang);
      return show(homeScreen(view, lang, priority, homeActions), signature);
    }
    case 'priority':
      return show(
        priorityScreen(lang, (chosen) => {
          priority = chosen;
          screen = { kind: 'home' };
          returnHomeIn(60);
          render();
        }),
        `priority:${lang}`,
      );
    case 'issuing':
      return show(messageScreen('issuing', t(lang, 'issuing')), `issuing:${lang}`);
    case 'confirm': {
      const signature = `confirm:${screen.result.ticket.id}:${JSON.stringify(screen.result.print)}:${screen.reprinting}:${lang}`;
      if (rendered === signature) return;
      return show(confirmScreen(view, lang, screen.result, { done: reset, reprint: () => void reprint() }, screen.reprinting), signature);
    }
    case 'error':
      return show(kioskErrorScreen(lang, screen.code, reset), `error:${screen.code}:${lang}`);
    default:
      return renderService(screen);
  }
}

/** The citizen-services screens: built once per visit and language, they update themselves. */
function renderService(current: Exclude<Screen, { kind: 'home' | 'priority' | 'issuing' | 'confirm' | 'error' }>): void {
  if (current.kind === 'taking') return show(messageScreen('issuing', t(lang, 'issuing')), `taking:${lang}`);
  const signature = `${current.kind}:${current.id}:${lang}`;
  if (rendered === signature) return;
  lookupControl = null;
  switch (current.kind) {
    case 'procedures':
      return show(
        proceduresScreen(kit(), current.state, (procedure) => {
          screen = { kind: 'procedure', id: ++visits, procedure, list: current.state };
          returnHomeIn(SERVICE_IDLE_SECONDS);
          render();
        }),
        signature,
      );
    case 'procedure':
      return show(
        procedureDetailScreen(kit(), current.procedure, () => {
          screen = { kind: 'procedures', id: ++visits, state: current.list };
          returnHomeIn(SERVICE_IDLE_SECONDS);
          render();
        }),
        signature,
      );
    case 'lookup': {
      const built = lookupScreen(kit(), current.state, (code, secret) => void takeResults(code, secret));
      lookupControl = built;
      return show(built.element, signature);
    }
    case 'feedback':
      return show(feedbackScreen(kit(), current.state), signature);
    case 'pickup':
      return show(pickupScreen(kit(), current.result), signature);
    case 'application':
      return show(applicationStatusScreen(kit(), current.outcome), signature);
  }
}

/** A receipt's QR was scanned (anywhere): its results ticket, or its status, takes the screen. */
function showApplicationScan(next: KioskView): void {
  const scan = next.applicationScan;
  if (!scan || scan.seq === applicationScanSeen) return;
  const first = applicationScanSeen === null && view === null;
  applicationScanSeen = scan.seq;
  if (first || screen.kind === 'issuing' || screen.kind === 'taking') return; // from before this screen was loaded, or mid-press
  visits += 1;
  if (scan.kind === 'pickup') {
    screen = { kind: 'pickup', id: visits, result: scan };
    returnHomeIn(scan.print.ok ? (next.confirmSeconds ?? 8) * 2 : 30);
  } else {
    screen = { kind: 'application', id: visits, outcome: scan.kind === 'status' ? { application: scan.application } : { code: scan.code } };
    returnHomeIn(30);
  }
}

let cameraStop: (() => void) | undefined;
let cameraTriedAt = 0;
async function followCamera(enabled: boolean): Promise<void> {
  // Views come often: without a camera, ask for it again at most once a minute.
  if (enabled && !cameraStop && Date.now() - cameraTriedAt > 60_000) {
    cameraTriedAt = Date.now();
    const video = document.getElementById('camera') as HTMLVideoElement;
    try {
      // The QR decoder is large: loaded only where the camera is used.
      const { startCameraScanner } = await import('@qms/scanner/camera');
      cameraStop = await startCameraScanner(video, (text) => void bridge.call('scan', { text }));
    } catch {
      cameraStop = undefined; // no camera: the serial scanner may still work
    }
  } else if (!enabled && cameraStop) {
    cameraStop();
    cameraStop = undefined;
  }
}

bridge.onView((next) => {
  agentDown = false;
  const greeted = !view?.citizen && next.citizen;
  const cardRead = view !== null && next.citizenScans !== view.citizenScans;
  showApplicationScan(next);
  view = next;
  // On the lookup screen a CCCD lists the citizen's applications (no greeting there).
  if (cardRead && screen.kind === 'lookup') void lookupControl?.byCitizen();
  void followCamera(next.cameraScan);
  // A scanned CCCD brings the citizen to the home screen with the greeting.
  if (greeted && (screen.kind === 'confirm' || screen.kind === 'error')) screen = { kind: 'home' };
  render();
});

// A USB scanner that types like a keyboard.
attachKeyboardWedge(window, (text) => void bridge.call('scan', { text }));
window.setInterval(() => screen.kind === 'home' && render(), 30_000);
render();
