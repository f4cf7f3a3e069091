// The blank station's screen: the platform's phase screens until it is ready, then its own.
import { connectStation, errorCode, phaseScreen } from '@qms/shell';
import { h } from '@qms/ui';
import type { StationView } from '@qms/station/contract';
import type { BlankMethods, BlankView } from './contract.js';

const app = document.getElementById('app') as HTMLElement;
let view: StationView<BlankView> | null = null;
let agentDown = false;
let error = '';

const bridge = connectStation<BlankView, BlankMethods>(() => {
  agentDown = true;
  render();
});

async function bump(by: number): Promise<void> {
  try {
    await bridge.call('bump', { by });
    error = '';
  } catch (failure) {
    error = errorCode(failure);
  }
  render();
}

function render(): void {
  const phase = phaseScreen(view, 'vi', agentDown);
  if (phase || !view) return app.replaceChildren(phase?.element ?? '');
  app.replaceChildren(
    h(
      'section',
      { 'data-screen': 'blank', 'data-count': view.count, 'data-error': error },
      h('h1', {}, `${view.greeting}, ${view.stationName}`),
      h('button', { type: 'button', 'data-action': 'bump', onclick: () => void bump(1) }, '+1'),
      h('button', { type: 'button', 'data-action': 'bump-wrong', onclick: () => void bump(0) }, '+0'),
    ),
  );
}

bridge.onView((next) => {
  agentDown = false;
  view = next;
  render();
});
render();
