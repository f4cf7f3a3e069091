import { h } from '@qms/ui';
import type { PageContext } from '../page.js';

/** An open editor of one item: its form, whether the person changed it, and how to say the hub's copy moved. */
export interface RowEditor {
  element: HTMLElement;
  dirty(): boolean;
  /** The hub's copy changed while the person edits: keep the form, say so. */
  markStale(): void;
  /** Optional: the lists it offers changed (e.g. the fields a counter may serve). */
  refresh?(): void;
}

export interface RowsSpec<T extends { id: number }> {
  /** The data attribute naming rows: `data-${kind}-id` on the row, `data-${kind}-editor` on its editor's row. */
  kind: 'service' | 'counter';
  columns: number;
  /** The cells of an item's row (the table adds the Edit button when the person may edit). */
  cells(item: T): HTMLTableCellElement[];
  /** More attributes of the row (data-active...). */
  attributes?(item: T): Record<string, string>;
  editor(item: T, close: () => void): RowEditor;
  editLabel: { vi: string; en: string };
  emptyText: string;
}

/**
 * The rows of a configuration table, each with its editor opened below it. Re-reading the hub's
 * copy redraws only the rows that changed, and never an editor holding unsaved edits (it is told
 * that the hub's copy moved instead), so a config.changed from elsewhere loses nothing typed.
 */
export class EditableRows<T extends { id: number }> {
  private readonly drawn = new Map<number, { json: string; row: HTMLTableRowElement }>();
  private readonly editors = new Map<number, { json: string; editor: RowEditor; row: HTMLTableRowElement }>();
  private items: T[] = [];

  constructor(
    readonly body: HTMLTableSectionElement,
    private readonly spec: RowsSpec<T>,
    private readonly ctx: PageContext,
  ) {}

  update(items: T[]): void {
    this.items = items;
    const ids = new Set(items.map((item) => item.id));
    for (const [id, { row }] of this.drawn) {
      if (ids.has(id)) continue;
      row.remove();
      this.drawn.delete(id);
    }
    for (const [id, open] of this.editors) {
      if (ids.has(id)) continue;
      if (open.editor.dirty()) open.editor.markStale();
      else this.close(id, false);
    }
    const wanted: HTMLTableRowElement[] = [];
    for (const item of items) {
      const json = JSON.stringify(item);
      let shown = this.drawn.get(item.id);
      if (!shown || shown.json !== json) {
        const row = this.row(item);
        shown?.row.replaceWith(row);
        shown = { json, row };
        this.drawn.set(item.id, shown);
      }
      wanted.push(shown.row);
      const open = this.editors.get(item.id);
      if (open) {
        if (open.json !== json) {
          if (open.editor.dirty()) open.editor.markStale();
          else this.reopen(item);
        } else open.editor.refresh?.();
        const current = this.editors.get(item.id);
        if (current) wanted.push(current.row);
      }
    }
    // Orphan editors (their item gone, edits kept) stay at the end.
    for (const [id, open] of this.editors) if (!ids.has(id)) wanted.push(open.row);
    if (items.length === 0 && this.editors.size === 0) {
      this.body.replaceChildren(h('tr', { 'data-empty': '' }, h('td', { colspan: this.spec.columns + (this.ctx.canEdit ? 1 : 0), class: 'muted' }, this.spec.emptyText)));
      return;
    }
    this.body.querySelector('tr[data-empty]')?.remove();
    // Put the rows in order by moving the others around them: an editor with the focus stays where it is.
    wanted.forEach((row, index) => {
      const at = this.body.children[index];
      if (at !== row) this.body.insertBefore(row, at ?? null);
    });
    while (this.body.children.length > wanted.length) this.body.lastElementChild?.remove();
  }

  /** Any editor with unsaved edits? */
  dirty(): boolean {
    return [...this.editors.values()].some((open) => open.editor.dirty());
  }

  private row(item: T): HTMLTableRowElement {
    const { kind } = this.spec;
    const row = h('tr', { [`data-${kind}-id`]: String(item.id), ...this.spec.attributes?.(item) });
    row.append(...this.spec.cells(item));
    if (this.ctx.canEdit) {
      const open = this.editors.has(item.id);
      const edit = h('button', { type: 'button', 'data-action': 'edit', 'aria-expanded': open ? 'true' : 'false', 'aria-controls': `${kind}-editor-${item.id}` }, this.ctx.t(this.spec.editLabel));
      edit.addEventListener('click', () => (this.editors.has(item.id) ? this.close(item.id, true) : this.open(item)));
      row.append(h('td', { class: 'actions' }, edit));
    }
    return row;
  }

  private open(item: T): void {
    this.reopen(item);
    this.setExpanded(item.id, true);
    this.update(this.items);
    this.editors.get(item.id)?.row.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }

  private reopen(item: T): void {
    const { kind } = this.spec;
    const previous = this.editors.get(item.id);
    const hadFocus = previous?.row.contains(document.activeElement) === true ? (document.activeElement as HTMLElement).getAttribute('name') : null;
    const editor = this.spec.editor(item, () => this.close(item.id, true));
    const row = h('tr', { class: 'editor-row', [`data-${kind}-editor`]: String(item.id), id: `${kind}-editor-${item.id}` }, h('td', { colspan: this.spec.columns + 1 }, editor.element));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !editor.dirty()) this.close(item.id, true);
    });
    if (previous) previous.row.replaceWith(row);
    this.editors.set(item.id, { json: JSON.stringify(item), editor, row });
    if (hadFocus) row.querySelector<HTMLElement>(`[name="${hadFocus}"]`)?.focus();
  }

  private close(id: number, focusRow: boolean): void {
    this.editors.get(id)?.row.remove();
    this.editors.delete(id);
    this.setExpanded(id, false);
    if (focusRow) this.drawn.get(id)?.row.querySelector<HTMLElement>('[data-action="edit"]')?.focus();
  }

  private setExpanded(id: number, open: boolean): void {
    this.drawn
      .get(id)
      ?.row.querySelector('[data-action="edit"]')
      ?.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
}
