import type { Priority } from '@qms/core';
import { attachKeyboardWedge } from '@qms/scanner/keyboard-wedge';
import { connectStation, errorCode, messageScreen, phaseScreen } from '@qms/shell';
import type { Lang } from '@qms/ui';
import type { FieldView, IssueResult, KioskMethods, KioskOwnView, KioskView } from '../contract.js';
import { t } from './i18n.js';
import { confirmScreen, homeScreen, kioskErrorScreen, homeStructure, patchHome, priorityScreen } from './screens.js';

type Screen =
  { kind: 'home' } | { kind: 'priority' } | { kind: 'issuing'; serviceId: number; key: string } | { kind: 'confirm'; result: IssueResult; reprinting: boolean } | { kind: 'error'; code: string };

const app = document.getElementById('app') as HTMLElement;
let view: KioskView | null = null;
let lang: Lang = 'vi';
let priority: Priority = 'normal';
let screen: Screen = { kind: 'home' };
let agentDown = false;
let rendered = '';
let homeTimer: number | undefined;

const bridge = connectStation<KioskOwnView, KioskMethods>(() => {
  agentDown = true;
  render();
});

/** Back to the start for the next citizen: home, Vietnamese, no priority. */
function reset(): void {
  window.clearTimeout(homeTimer);
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

const homeActions = {
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
  view = next;
  void followCamera(next.cameraScan);
  // A scanned CCCD brings the citizen to the home screen with the greeting.
  if (greeted && (screen.kind === 'confirm' || screen.kind === 'error')) screen = { kind: 'home' };
  render();
});

// A USB scanner that types like a keyboard.
attachKeyboardWedge(window, (text) => void bridge.call('scan', { text }));
window.setInterval(() => screen.kind === 'home' && render(), 30_000);
render();
