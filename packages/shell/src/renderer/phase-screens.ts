import type { PlatformView } from '@qms/station/contract';
import { h, type Lang } from '@qms/ui';
import { platformText } from './texts.js';

/** A message with a spinner: starting, reconnecting, or a station's own busy screen. */
export function messageScreen(kind: string, title: string, hint?: string, extra?: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: `screen message ${kind}`, 'data-screen': kind },
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    h('h1', {}, title),
    hint ? h('p', {}, hint) : null,
    extra ?? null,
  );
}

/**
 * Something the station could not do, said by its stable code (`data-code`), with a way back.
 * The title and message come from the station's texts (see errorTextsOf).
 */
export function errorScreen(options: { code: string; title: string; message: string; back?: { label: string; onClick: () => void } }): HTMLElement {
  const { code, title, message, back } = options;
  return h(
    'section',
    { class: 'screen message error', 'data-screen': 'error', 'data-code': code },
    h('h1', {}, title),
    h('p', {}, message),
    back ? h('button', { class: 'done', type: 'button', onclick: back.onClick }, back.label) : null,
  );
}

/** Vietnamese first, English on the line below: what a technician reads whichever language the screen is in. */
function bilingual(key: 'discovering' | 'discoveringHint' | 'discoveredHub', after = ''): HTMLElement[] {
  return [h('span', { class: 'vi', lang: 'vi' }, `${platformText('vi', key)}${after}`), h('span', { class: 'en', lang: 'en' }, `${platformText('en', key)}${after}`)];
}

/** The hub a station with no hub URL found on the LAN: its name and address (`data-discovered-hub` holds the URL). */
function discoveredHubLine(hub: NonNullable<PlatformView['discoveredHub']>): HTMLElement {
  const what = ` ${hub.name} (${hub.url})`;
  return h('p', { class: 'discovered-hub', 'data-discovered-hub': hub.url, 'data-discovered-hub-name': hub.name }, ...bilingual('discoveredHub', what));
}

/** No hub URL configured and none found yet: the station keeps looking on the LAN. */
export function discoveringScreen(): HTMLElement {
  return h(
    'section',
    { class: 'screen message discovering', 'data-screen': 'discovering' },
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    h('h1', { class: 'bilingual' }, ...bilingual('discovering')),
    h('p', { class: 'bilingual' }, ...bilingual('discoveringHint')),
  );
}

export function pairingScreen(view: PlatformView, lang: Lang): HTMLElement {
  const code = view.pairingCode ?? '······';
  return h(
    'section',
    { class: 'screen pairing', 'data-screen': 'pairing' },
    h('h1', {}, platformText(lang, 'pairingTitle')),
    h('p', {}, platformText(lang, 'pairingHint')),
    h('div', { class: 'code', 'data-testid': 'pairing-code' }, `${code.slice(0, 3)} ${code.slice(3)}`),
    view.discoveredHub ? discoveredHubLine(view.discoveredHub) : null,
    h('p', { class: 'small' }, `qms devices approve ${code}  ·  ${view.stationName}  ·  ${view.hubUrl}`),
  );
}

export interface PhaseScreen {
  element: HTMLElement;
  /** Equal signatures need no redraw. */
  signature: string;
}

/**
 * The screen a station shows while it is not ready: starting (or its agent away), pairing with the
 * code, reconnecting to the hub. Null when the station is ready and draws its own screens.
 */
export function phaseScreen(view: PlatformView | null, lang: Lang, agentDown: boolean, reconnectingHint = platformText(lang, 'reconnectingHint')): PhaseScreen | null {
  if (agentDown || !view || view.phase === 'starting') return { element: messageScreen('starting', platformText(lang, 'starting')), signature: `starting:${lang}` };
  if (view.phase === 'discovering') return { element: discoveringScreen(), signature: 'discovering' };
  if (view.phase === 'pairing') return { element: pairingScreen(view, lang), signature: `pairing:${view.pairingCode}:${view.discoveredHub?.url ?? ''}:${lang}` };
  if (view.phase === 'reconnecting') {
    return { element: messageScreen('reconnecting', platformText(lang, 'reconnecting'), reconnectingHint), signature: `reconnecting:${reconnectingHint}:${lang}` };
  }
  return null;
}
