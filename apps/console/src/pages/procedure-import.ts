import { type Bilingual, h } from '@qms/ui';
import { ApiFailure } from '../api.js';
import type { PageContext } from '../page.js';
import { clearNote, field, showRefusal } from './config-refusal.js';

interface ImportProblem {
  row: number | null;
  column: string | null;
  reason: string;
}

const T = {
  heading: { vi: 'Nhập danh mục từ tệp', en: 'Import a catalogue file' },
  help: {
    vi: 'Tệp CSV (UTF-8, dòng đầu là tên cột) hoặc JSON. Nếu có dòng sai, không thủ tục nào được nhập: sửa tệp theo danh sách lỗi rồi nhập lại.',
    en: 'A CSV (UTF-8, a header row) or JSON file. When any row is wrong nothing is imported: fix the file by the list of problems and import it again.',
  },
  file: { vi: 'Tệp danh mục', en: 'Catalogue file' },
  replace: { vi: 'Thay thế toàn bộ: xoá các thủ tục không có trong tệp', en: 'Replace all: remove the procedures not in the file' },
  import: { vi: 'Nhập', en: 'Import' },
  noFile: { vi: 'Chọn một tệp trước.', en: 'Choose a file first.' },
  done: {
    vi: 'Đã nhập {n} thủ tục: thêm {added}, cập nhật {updated}, không đổi {unchanged}, xoá {removed}.',
    en: '{n} procedures imported: {added} added, {updated} updated, {unchanged} unchanged, {removed} removed.',
  },
  problems: { vi: 'Tệp có {n} lỗi, không thủ tục nào được nhập:', en: 'The file has {n} problems; nothing was imported:' },
  row: { vi: 'Dòng', en: 'Row' },
  column: { vi: 'Cột', en: 'Column' },
  reason: { vi: 'Lý do', en: 'Reason' },
} satisfies Record<string, Bilingual>;

/** The import of a whole catalogue file (admin): all or nothing, each problem shown with its row, column and reason. */
export function importSection(ctx: PageContext, imported: () => void): HTMLElement {
  const { t } = ctx;
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,.json,text/csv,application/json' });
  const replace = h('input', { type: 'checkbox', name: 'replace' });
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const errors = h('div', { 'data-import-errors': '', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'import' }, t(T.import));
  const form = h(
    'form',
    { class: 'editor', 'data-import': '' },
    h('p', { class: 'muted' }, t(T.help)),
    h('div', { class: 'grid' }, field(t(T.file), file), h('label', { class: 'check' }, replace, t(T.replace))),
    h('div', { class: 'row' }, submit),
    note,
    errors,
  );
  const showProblems = (problems: ImportProblem[]) => {
    errors.hidden = false;
    errors.replaceChildren(
      h('p', {}, t(T.problems).replace('{n}', String(problems.length))),
      h(
        'table',
        { class: 'import-errors' },
        h('thead', {}, h('tr', {}, ...[T.row, T.column, T.reason].map((x) => h('th', { scope: 'col' }, t(x))))),
        h(
          'tbody',
          {},
          ...problems.map((p) =>
            h(
              'tr',
              { 'data-import-error-row': String(p.row ?? '') },
              h('td', {}, p.row === null ? '—' : String(p.row)),
              h('td', { 'data-cell': 'column' }, p.column ?? '—'),
              h('td', { 'data-cell': 'reason' }, p.reason),
            ),
          ),
        ),
      ),
    );
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    errors.hidden = true;
    errors.replaceChildren();
    const chosen = file.files?.[0];
    if (!chosen) {
      note.textContent = t(T.noFile);
      return;
    }
    submit.disabled = true;
    chosen
      .text()
      .then((content) => {
        const format = chosen.name.toLowerCase().endsWith('.json') || chosen.type === 'application/json' ? 'json' : 'csv';
        return ctx.api.send<{ procedures: number; added: number; updated: number; unchanged: number; removed: number }>('POST', '/api/procedures/import', {
          format,
          content,
          replace: replace.checked,
        });
      })
      .then((counts) => {
        const text = t(T.done)
          .replace('{n}', String(counts.procedures))
          .replace('{added}', String(counts.added))
          .replace('{updated}', String(counts.updated))
          .replace('{unchanged}', String(counts.unchanged))
          .replace('{removed}', String(counts.removed));
        note.textContent = text;
        note.dataset.ok = 'true';
        ctx.say(text);
        file.value = '';
        imported();
      })
      .catch((error: unknown) => {
        delete note.dataset.ok;
        const problems = error instanceof ApiFailure ? (error.details?.problems as ImportProblem[] | undefined) : undefined;
        if (error instanceof ApiFailure && error.code === 'procedure.import_invalid' && problems) {
          showProblems(problems);
          ctx.say(t(T.problems).replace('{n}', String(problems.length)), 'error');
        } else showRefusal(ctx, note, error);
      })
      .finally(() => (submit.disabled = false));
  });
  return h('section', { 'data-section': 'import' }, h('h2', {}, t(T.heading)), form);
}
