/** Runs `fn` once, `ms` after the last of a burst of calls. */
export function debounce(fn: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  return Object.assign(run, { cancel: () => clearTimeout(timer) });
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: (Node | string)[]): void {
  element.replaceChildren(...children);
}
