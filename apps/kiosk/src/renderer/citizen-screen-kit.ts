import QRCode from 'qrcode';
import type { StationBridge } from '@qms/station/contract';
import { h, type Lang, otherLang } from '@qms/ui';
import type { KioskMethods, KioskOwnView, KioskView } from '../contract.js';
import { t } from './i18n.js';

/** What a citizen-services screen needs from the kiosk screen around it. */
export interface ScreenKit {
  lang: Lang;
  bridge: StationBridge<KioskOwnView, KioskMethods>;
  view(): KioskView | null;
  /** Back to the home screen (and the next citizen). */
  home(): void;
  /** The citizen is still here: the idle timer starts again. */
  touch(): void;
}

/** A title in the screen's language with the other one below, and the way home. */
export function titleBar(kit: ScreenKit, key: Parameters<typeof t>[1]): HTMLElement {
  return h(
    'header',
    { class: 'service-top' },
    h('button', { class: 'secondary home-button', type: 'button', 'data-action': 'home', onclick: kit.home }, `⌂ ${t(kit.lang, 'home')}`),
    h('div', { class: 'service-title' }, h('h1', {}, t(kit.lang, key)), h('div', { class: 'other-lang' }, t(otherLang(kit.lang), key))),
  );
}

/** A QR code drawn on screen (by the QR library, from our own text), its content in data-payload. */
export function qrCode(payload: string, attributes: Record<string, string>): HTMLElement {
  const box = h('div', { class: 'qr', 'data-payload': payload, ...attributes });
  void QRCode.toString(payload, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
    box.innerHTML = svg;
  });
  return box;
}

/** dd/MM/yyyy in the centre's time zone. */
export function dayText(iso: string, timeZone: string): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('vi-VN', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}

/** Keeps the element the citizen typed in last, for the on-screen keyboard. */
export function focusTracker(): { track<T extends HTMLInputElement | HTMLTextAreaElement>(input: T): T; current(): HTMLInputElement | HTMLTextAreaElement | null } {
  let last: HTMLInputElement | HTMLTextAreaElement | null = null;
  return {
    track(input) {
      input.addEventListener('focus', () => (last = input));
      last ??= input;
      return input;
    },
    current: () => last,
  };
}
