import { h, type Lang, otherLang } from '@qms/ui';
import type { RatingPadView } from '../contract.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attributes: Record<string, string | number>, ...children: SVGElement[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

/** A face drawn for a level of the scale: the mouth bends from a smile (best) to a frown (worst). No emoji font needed. */
export function face(rank: number, levels: number): SVGElement {
  const mood = levels > 1 ? 1 - (2 * rank) / (levels - 1) : 1; // 1 best … -1 worst
  const colours = ['#1b7f3b', '#4d9a2a', '#8a5a00', '#c2410c', '#b3261e'];
  const colour = colours[Math.round((rank / Math.max(1, levels - 1)) * (colours.length - 1))] ?? '#6b7280';
  const bend = 22 * mood;
  return svg(
    'svg',
    { viewBox: '0 0 100 100', class: 'face', 'aria-hidden': 'true' },
    svg('circle', { cx: 50, cy: 50, r: 46, fill: 'white', stroke: colour, 'stroke-width': 6 }),
    svg('circle', { cx: 34, cy: 40, r: 6, fill: colour }),
    svg('circle', { cx: 66, cy: 40, r: 6, fill: colour }),
    svg('path', { d: `M 28 ${68 - bend / 2} Q 50 ${68 + bend} 72 ${68 - bend / 2}`, fill: 'none', stroke: colour, 'stroke-width': 6, 'stroke-linecap': 'round' }),
  );
}

/** The citizen's pad: locked until a ticket is finished, then one press, then thanks. Both languages at once, the chosen one first. */
export function ratingScreen(rating: RatingPadView | null, lang: Lang, rate: (score: number) => void, toggleLang: () => void): HTMLElement {
  const both = (key: Parameters<typeof t>[1]) => [h('span', {}, t(lang, key)), h('span', { class: 'other-lang' }, t(otherLang(lang), key))];
  if (!rating || rating.state === 'locked') {
    return h('section', { class: 'screen rating locked', 'data-screen': 'rating-locked' }, h('h1', {}, ...both('ratingWelcome')));
  }
  if (rating.state === 'thanks') {
    return h('section', { class: 'screen rating thanks', 'data-screen': 'rating-thanks' }, h('h1', {}, ...both('ratingThanks')));
  }
  return h(
    'section',
    { class: 'screen rating open', 'data-screen': 'rating-open', 'data-rating-ticket': rating.label ?? '' },
    // A citizen who reads English better puts it first (until the pad locks again).
    h('button', { type: 'button', class: 'lang', 'data-testid': 'lang', onclick: toggleLang }, t(lang, 'langButton')),
    h('h1', {}, ...both('ratingAsk')),
    h('p', { class: 'who' }, `${rating.label ?? ''} · ${rating.clerk ?? ''}${rating.counterNumber !== null ? ` · ${t(lang, 'counter')} ${rating.counterNumber}` : ''}`),
    h(
      'div',
      { class: 'levels' },
      ...rating.scale.map((level, rank) =>
        h(
          'button',
          { type: 'button', class: 'level', 'data-rating': level.score, onclick: () => rate(level.score) },
          face(rank, rating.scale.length),
          h('span', { class: 'word' }, level[lang]),
          h('span', { class: 'other-lang' }, level[otherLang(lang)]),
        ),
      ),
    ),
  );
}
