import { connectStation, phaseScreen } from '@qms/shell';
import type { DisplayMethods, DisplayOwnView, DisplayView } from '../contract.js';
import { Board } from './board.js';
import { HallVoice } from './voice.js';

const app = document.getElementById('app') as HTMLElement;
let view: DisplayView | null = null;
let agentDown = false;
let rendered = '';
const board = new Board();

const bridge = connectStation<DisplayOwnView, DisplayMethods>(() => {
  agentDown = true;
  render();
});

const voice = new HallVoice({
  caption: (announcement) => board.setCaption(announcement),
  started: (id) => void bridge.call('announcing', { id }).catch(() => undefined),
  audio: (ok, problem, detail) => {
    document.documentElement.dataset.audio = ok ? 'ok' : (problem ?? 'problem');
    void bridge.call('audio', { ok, ...(problem ? { problem } : {}), ...(detail ? { detail } : {}) }).catch(() => undefined);
    render();
  },
});
// For the tests and a technician's console: what was played, and the audio context's state.
Object.assign(window, { qmsPlayback: voice.record });

function render(): void {
  // Once it showed the hall's board, the board stays (marked offline) while the hub or the agent is away.
  const shown = rendered === 'board';
  const phase = shown && view ? null : phaseScreen(view, 'vi', agentDown);
  if (phase || !view) {
    if (phase && phase.signature !== rendered) {
      app.replaceChildren(phase.element);
      rendered = phase.signature;
    }
    return;
  }
  if (!shown) {
    app.replaceChildren(board.root);
    rendered = 'board';
  }
  board.update(view, { offline: agentDown || view.phase !== 'ready', audioProblem: voice.audioProblem });
}

bridge.onView((next) => {
  agentDown = false;
  view = next;
  render();
  if (next.phase === 'ready') voice.follow(next.voice, next.announcements);
});
window.setInterval(() => board.tick(), 1_000);
window.addEventListener('resize', () => render());
render();
