const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel'] as const;

/**
 * Calls `onIdle` once the person has not touched the page for `minutes`. The pages re-read the hub
 * on their own (live feed, the glance's refresh), which keeps the hub's session in use: the idle
 * limit a person expects is theirs, so the page watches it. Returns the stop.
 */
export function watchIdle(minutes: number, onIdle: () => void): () => void {
  let last = Date.now();
  const touched = () => {
    last = Date.now();
  };
  for (const name of INPUT_EVENTS) window.addEventListener(name, touched, { passive: true, capture: true });
  const timer = setInterval(() => {
    if (Date.now() - last >= minutes * 60_000) onIdle();
  }, 15_000);
  return () => {
    clearInterval(timer);
    for (const name of INPUT_EVENTS) window.removeEventListener(name, touched, { capture: true });
  };
}
