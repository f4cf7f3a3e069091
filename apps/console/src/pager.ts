import { type Bilingual, h } from '@qms/ui';
import type { ConsoleApi } from './api.js';

/** A page of a list the hub pages by id: the entries, newest first, and `next` to pass as ?before= (null: no older ones). */
export interface Paged<T> {
  entries: T[];
  next: number | null;
}

export const OLDER: Bilingual = { vi: 'Xem thêm', en: 'Older entries' };

/**
 * The console's way through a long list (audit log, feedback, applications): the first page for
 * the filters, then older pages appended on "Xem thêm" (limit / before / next). A reply that comes
 * back after a newer load started is dropped, so a slow page never overwrites the filter just set.
 */
export class Pager<T> {
  /** The "older" button: shown while the hub says there is more. */
  readonly more: HTMLButtonElement;
  private next: number | null = null;
  private generation = 0;

  constructor(
    private readonly api: ConsoleApi,
    private readonly options: {
      path: string;
      /** The filters of the current load (limit and before are added here). */
      query: () => URLSearchParams;
      limit?: number;
      /** Draws the entries: replacing what is shown (append false) or after it. */
      show: (entries: T[], append: boolean) => void;
      fail: (error: unknown) => void;
      label: string;
    },
  ) {
    this.more = h('button', { type: 'button', 'data-action': 'older', hidden: true }, options.label);
    this.more.addEventListener('click', () => this.load(true));
  }

  /** The first page again (append false), or the next older one. */
  load(append = false): void {
    const query = this.options.query();
    query.set('limit', String(this.options.limit ?? 50));
    if (append && this.next !== null) query.set('before', String(this.next));
    const generation = ++this.generation;
    this.api
      .get<Paged<T>>(`${this.options.path}?${query.toString()}`)
      .then((page) => {
        if (generation !== this.generation) return;
        this.next = page.next;
        this.more.hidden = page.next === null;
        this.options.show(page.entries, append);
      })
      .catch((error: unknown) => {
        if (generation === this.generation) this.options.fail(error);
      });
  }
}
