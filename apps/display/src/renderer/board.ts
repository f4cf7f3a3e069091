import QRCode from 'qrcode';
import { h, type Lang } from '@qms/ui';
import type { Announcement, BoardCall, DisplayOwnView, DisplayView } from '../contract.js';
import { t, type TextKey } from './i18n.js';

/** Vietnamese, and English beside it when the board is set to both. */
function both(key: TextKey, english: boolean, tag: 'span' | 'p' = 'span'): HTMLElement[] {
  return [h(tag, { class: 'vi' }, t('vi', key)), ...(english ? [h(tag, { class: 'en' }, t('en', key))] : [])];
}

const DATE_FORMAT = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' });
const TIME_FORMAT = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

type Region = 'latest' | 'counters' | 'recent' | 'queues' | 'title' | 'marquee' | 'portal';

/**
 * The hall's board, drawn once and then changed region by region: a region is replaced only when
 * what it shows changed, so the page's size stays flat over weeks of calls, and the newest call
 * blinks only when it is a new call (or a recall).
 */
export class Board {
  readonly root: HTMLElement;
  private readonly regions: Record<Region, HTMLElement>;
  private readonly caption: HTMLElement;
  private readonly marks: HTMLElement;
  private readonly date: HTMLElement;
  private readonly time: HTMLElement;
  private readonly drawn = new Map<string, string>();
  private latestKey = '';

  constructor() {
    const region = (name: string) => h('div', { class: name });
    this.regions = {
      // The centre's texts carry hooks of their own: the hub may change them at any time.
      title: h('div', { class: 'title', 'data-title': '' }),
      latest: h('div', { class: 'latest', 'data-latest-call': '' }),
      counters: region('counters'),
      recent: region('recent'),
      queues: region('queues'),
      marquee: h('div', { class: 'marquee', 'data-marquee': '' }),
      portal: h('div', { class: 'portal', 'data-portal': '' }),
    };
    this.caption = h('div', { class: 'caption', 'data-caption': '', 'aria-live': 'assertive' });
    this.marks = h('div', { class: 'marks' });
    this.date = h('div', { class: 'date' });
    this.time = h('div', { class: 'time', 'data-clock': '' });
    this.root = h(
      'section',
      { class: 'screen board', 'data-screen': 'board' },
      h('header', { class: 'top' }, this.regions.title, h('div', { class: 'when' }, this.date, this.time), this.marks),
      h('div', { class: 'main' }, this.regions.latest, this.caption),
      h('aside', { class: 'side' }, this.regions.counters, this.regions.queues),
      h('div', { class: 'lower' }, this.regions.recent, this.regions.portal),
      this.regions.marquee,
    );
    this.tick();
  }

  /** The clock, every second (the only thing that changes without the hub). */
  tick(now = new Date()): void {
    const date = DATE_FORMAT.format(now);
    if (this.date.textContent !== date) this.date.textContent = date;
    this.time.textContent = TIME_FORMAT.format(now);
  }

  update(view: DisplayView, marks: { offline: boolean; audioProblem: string | null }): void {
    const own: DisplayOwnView = view;
    const english = own.languages === 'vi+en';
    this.root.dataset.layout = own.layout === 'auto' ? (window.innerWidth >= window.innerHeight ? 'landscape' : 'portrait') : own.layout;
    this.root.dataset.languages = own.languages;
    this.draw('title', own.title, () => [h('h1', {}, own.title)]);
    this.draw('latest', [own.board.latest, english], () => this.latest(own.board.latest, english));
    this.draw('counters', [own.board.counters, english], () => this.counters(own, english));
    this.draw('recent', [own.board.recent, english], () => this.recent(own.board.recent, english));
    this.draw('queues', [own.board.queues, english], () => this.queues(own, english));
    // A long line (the procedures) scrolls longer, at about the speed of a short one.
    this.draw('marquee', own.marquee, () => (own.marquee ? [h('span', { class: 'scroll', style: `animation-duration: ${Math.max(30, Math.round(own.marquee.length / 6))}s` }, own.marquee)] : []));
    this.draw('portal', [own.portalUrl, english], () => this.portal(own.portalUrl, english));
    const markText = [marks.offline ? t('vi', 'offline') : '', marks.audioProblem ? `🔇 ${t('vi', 'noSound')}` : ''].filter(Boolean).join(' · ');
    if (this.marks.textContent !== markText) this.marks.textContent = markText;
    this.marks.dataset.offline = String(marks.offline);
    if (marks.audioProblem) this.marks.dataset.audioProblem = marks.audioProblem;
    else delete this.marks.dataset.audioProblem;
    // A new call (or a recall: a new time) blinks a few times.
    const key = own.board.latest ? `${own.board.latest.ticketId}@${own.board.latest.at}` : '';
    if (key && key !== this.latestKey && this.latestKey !== '') {
      this.regions.latest.classList.remove('flash');
      void this.regions.latest.offsetWidth; // restarts the animation
      this.regions.latest.classList.add('flash');
    }
    this.latestKey = key;
  }

  /** The sentence being said, as the hall reads it (empty when silent). */
  setCaption(announcement: Announcement | null): void {
    this.caption.replaceChildren(...(announcement ? [h('p', { class: 'vi' }, announcement.caption.vi), ...(announcement.caption.en ? [h('p', { class: 'en' }, announcement.caption.en)] : [])] : []));
    this.caption.classList.toggle('on', announcement !== null);
  }

  private draw(region: Region, data: unknown, build: () => (HTMLElement | SVGElement)[]): void {
    const signature = JSON.stringify(data);
    if (this.drawn.get(region) === signature) return;
    this.drawn.set(region, signature);
    this.regions[region].replaceChildren(...build());
  }

  private latest(call: BoardCall | null, english: boolean): HTMLElement[] {
    this.regions.latest.dataset.label = call?.label ?? '';
    if (!call) return [h('p', { class: 'idle' }, ...both('noCall', english))];
    return [
      h('p', { class: 'invite' }, ...both('invite', english)),
      h('div', { class: 'label' }, call.label),
      h('p', { class: 'invite' }, ...both('toCounter', english)),
      h('div', { class: 'counter-number' }, String(call.counterNumber)),
    ];
  }

  private counters(own: DisplayOwnView, english: boolean): HTMLElement[] {
    return [
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, h('th', {}, ...both('counter', english)), h('th', {}, ...both('serving', english)))),
        h(
          'tbody',
          {},
          ...own.board.counters.map((c) =>
            h(
              'tr',
              { 'data-counter': c.number, class: c.status },
              h('td', { class: 'number' }, String(c.number)),
              h('td', { class: 'serving' }, c.status === 'paused' ? h('span', { class: 'paused' }, ...both('paused', english)) : (c.label ?? '–')),
            ),
          ),
        ),
      ),
    ];
  }

  private recent(calls: BoardCall[], english: boolean): HTMLElement[] {
    if (calls.length === 0) return [];
    return [
      h('h2', {}, ...both('recent', english)),
      h('ol', {}, ...calls.map((call) => h('li', { 'data-recent-call': call.label }, h('b', {}, call.label), h('span', {}, `→ ${t('vi', 'counter')} ${call.counterNumber}`)))),
    ];
  }

  private queues(own: DisplayOwnView, english: boolean): HTMLElement[] {
    const name = (lang: Lang, q: DisplayOwnView['board']['queues'][number]) => (lang === 'vi' ? q.name : q.nameEn);
    return [
      h('h2', {}, ...both('waiting', english)),
      h(
        'ul',
        {},
        ...own.board.queues.map((q) =>
          h(
            'li',
            { 'data-queue': q.serviceId },
            h('span', { class: 'prefix' }, q.prefix),
            h('span', { class: 'qname' }, name('vi', q), english ? h('i', {}, name('en', q)) : null),
            h('b', {}, String(q.waiting)),
          ),
        ),
      ),
    ];
  }

  private portal(url: string | null, english: boolean): HTMLElement[] {
    if (!url) return [];
    const qr = h('div', { class: 'qr', 'data-payload': url });
    void QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((svg) => {
      // The SVG is made here from the configured URL by the QR library: markup of our own, not input.
      qr.innerHTML = svg;
    });
    return [qr, h('p', {}, ...both('portal', english), h('small', {}, url.replace(/^https?:\/\//, '')))];
  }
}
