import type { Bilingual } from '@qms/ui';
import { ApiFailure } from '../api.js';
import type { PageContext } from '../page.js';

/** Refusals every form of the console can meet; a form adds its own (prefix taken, user exists...). */
const GENERIC: Record<string, Bilingual> = {
  'request.invalid': { vi: 'Máy chủ không nhận dữ liệu này: {m}', en: 'The hub refused these values: {m}' },
  'config.invalid': { vi: 'Giá trị không hợp lệ: {m}', en: 'Invalid value: {m}' },
  'auth.forbidden': { vi: 'Tài khoản của bạn không được phép làm việc này.', en: 'Your account may not do this.' },
  'auth.csrf_failed': { vi: 'Phiên làm việc đã hết hạn: hãy tải lại trang.', en: 'The session is out of date: reload the page.' },
  network: { vi: 'Không kết nối được máy chủ: thử lại sau.', en: 'The hub cannot be reached: try again later.' },
  'route.not_found': { vi: 'Máy chủ chưa có chức năng này ({m}).', en: 'The hub does not offer this yet ({m}).' },
};
const OTHER: Bilingual = { vi: 'Không thực hiện được ({code}): {m}', en: 'Could not do it ({code}): {m}' };

/** What to tell the admin about a refusal: the form's own words for known codes, else the hub's message with its code. */
export function refusalText(error: unknown, t: PageContext['t'], known: Record<string, Bilingual> = {}): { code: string; text: string } {
  const code = error instanceof ApiFailure ? error.code : 'unknown';
  const message = error instanceof Error ? error.message : String(error);
  const words = known[code] ?? GENERIC[code] ?? OTHER;
  return { code, text: t(words).replace('{m}', message).replace('{code}', code) };
}

/** Shows a refusal beside the form that caused it (`note`, read by screen readers) and in the status line. */
export function showRefusal(ctx: PageContext, note: HTMLElement, error: unknown, known: Record<string, Bilingual> = {}): void {
  if (error instanceof ApiFailure && error.status === 401) {
    ctx.fail(error); // the sign-in form takes over
    return;
  }
  const { code, text } = refusalText(error, ctx.t, known);
  note.textContent = text;
  note.dataset.error = code;
  ctx.say(text, 'error');
}

/** Clears a form's note. */
export function clearNote(note: HTMLElement): void {
  note.textContent = '';
  delete note.dataset.error;
}

/** Marks the form dirty (data-dirty) at the first change the person makes; returns the test. */
export function trackDirty(form: HTMLElement): () => boolean {
  const mark = () => (form.dataset.dirty = 'true');
  form.addEventListener('input', mark);
  form.addEventListener('change', mark);
  return () => form.dataset.dirty === 'true';
}

/** A labelled input of a form: the label is the input's accessible name. */
export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  const element = document.createElement('label');
  element.append(label, control);
  if (hint) {
    const small = document.createElement('small');
    small.className = 'hint';
    small.textContent = hint;
    element.append(small);
  }
  return element;
}
