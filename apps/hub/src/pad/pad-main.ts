import { type Lang } from '@qms/ui';
import { ratingScreen } from '@qms/counter/rating-screens';
import '@qms/counter/styles.css';
import './pad.css';
import { PadApi } from './pad-api.js';
import { type PadCredentials, PadController, type PadView } from './pad-controller.js';
import { padMessageScreen, padPairingScreen } from './pad-screens.js';

/** The rating pad on a tablet: the page the hub serves at /pad (no data in it; it pairs with the hub like a station). */
const STORAGE_KEY = 'qms.ratingPad';
/** Vietnamese first; a citizen may put English first until the pad locks again. */
let lang: Lang = 'vi';
let last: PadView | null = null;
const toggleLang = () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  if (last) render(last);
};

const storage = {
  load: (): PadCredentials | null => {
    const stored = localStorage.getItem(STORAGE_KEY);
    return stored ? (JSON.parse(stored) as PadCredentials) : null;
  },
  save: (credentials: PadCredentials) => localStorage.setItem(STORAGE_KEY, JSON.stringify(credentials)),
  clear: () => localStorage.removeItem(STORAGE_KEY),
};

const app = document.getElementById('app') as HTMLElement;
let shown = '';

function screenOf(view: PadView): { element: HTMLElement; signature: string } {
  switch (view.phase) {
    case 'starting':
    case 'reconnecting':
      return { element: padMessageScreen(view.phase), signature: view.phase };
    case 'pairing':
      return { element: padPairingScreen(view.code), signature: `pairing:${view.code}` };
    case 'rating': {
      if (view.state !== 'open') {
        lang = 'vi';
        return { element: ratingScreen({ state: view.state, label: null, clerk: null, counterNumber: null, scale: [] }, lang, () => undefined, toggleLang), signature: view.state };
      }
      const { prompt } = view;
      const rating = { state: 'open' as const, label: prompt.label, clerk: prompt.clerk, counterNumber: prompt.counterNumber, scale: prompt.scale };
      return { element: ratingScreen(rating, lang, (score) => void controller.rate(score), toggleLang), signature: `open:${prompt.ticketId}:${JSON.stringify(prompt.scale)}:${lang}` };
    }
  }
}

function render(view: PadView): void {
  last = view;
  const { element, signature } = screenOf(view);
  document.documentElement.lang = lang;
  if (signature === shown) return;
  shown = signature;
  app.replaceChildren(element);
}

const name = new URLSearchParams(location.search).get('name') ?? 'Máy đánh giá (tablet)';
const controller = new PadController(new PadApi(location.origin), storage, name.slice(0, 64), render);
void controller.run();
