import { FEEDBACK_TEXT_MAX, FEEDBACK_TEXT_MIN } from '@qms/core';

/**
 * The citizens' pages (a ticket's, an application's) run only the hub's own script and style, open a
 * WebSocket and post feedback only to this hub, load nothing else and are framed by nobody. No
 * inline script or style: the page's data rides on data-* attributes.
 */
export const CITIZEN_PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";

/** The script and the style of the citizens' pages, served under each page's prefix (/t/ and /a/). */
export const CITIZEN_SCRIPT_FILE = 'citizen.js';
export const CITIZEN_STYLE_FILE = 'citizen.css';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Vietnamese on its line, English under it, smaller. */
export const bilingual = (vi: string, en: string, tag = 'p') => `<${tag} class="vi">${escapeHtml(vi)}</${tag}><${tag} class="en">${escapeHtml(en)}</${tag}>`;

/** dd/MM/yyyy HH:mm in the centre's time zone. */
export function dateTimeText(iso: string, timeZone: string): string {
  const parts: Record<string, string> = {};
  const formatter = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  for (const part of formatter.formatToParts(new Date(iso))) parts[part.type] = part.value;
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** The centre's hotline as a link a phone dials, when the centre set one. */
export function hotlineBlock(hotline: string | null): string {
  if (!hotline) return '';
  const dial = hotline.replace(/[^\d+]/g, '');
  return `<section class="hotline" data-hotline="${escapeHtml(hotline)}"><p class="vi">Đường dây nóng: <a href="tel:${escapeHtml(dial)}">${escapeHtml(hotline)}</a></p><p class="en">Hotline</p></section>`;
}

/** The feedback form: the page's script posts it to /api/feedback with `about` (a ticket label, an application code). */
export function feedbackForm(about: string): string {
  return `<form class="feedback" data-feedback-form data-about="${escapeHtml(about)}" novalidate>
<h2 class="vi">Góp ý cho Trung tâm</h2><p class="en">Feedback to the centre</p>
<label><span class="vi">Nội dung góp ý</span> <span class="en">Your message (${FEEDBACK_TEXT_MIN} to ${FEEDBACK_TEXT_MAX} characters)</span>
<textarea name="text" rows="4" maxlength="${FEEDBACK_TEXT_MAX}" data-feedback-text></textarea></label>
<label><span class="vi">Số điện thoại (không bắt buộc)</span> <span class="en">Phone, to call you back (optional)</span>
<input name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="32" data-feedback-phone></label>
<button type="submit" data-feedback-send><span class="vi">Gửi góp ý</span> <span class="en">Send</span></button>
<p class="result" data-feedback-result="" role="status" aria-live="polite"></p>
</form>`;
}

/** A whole page: the shared style and script, the body given. */
export function citizenPage(options: { prefix: string; title: string; body: string }): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<link rel="stylesheet" href="${options.prefix}${CITIZEN_STYLE_FILE}">
<script src="${options.prefix}${CITIZEN_SCRIPT_FILE}" defer></script>
</head><body>
${options.body}
</body></html>`;
}

/** The same "not found" whether the id, the label, the code or the secret was wrong. */
export function notFoundPage(prefix: string, what: { vi: string; en: string }, hotline: string | null): string {
  return citizenPage({
    prefix,
    title: 'Không tìm thấy · Not found',
    body: `<main class="card" data-page="not-found">${bilingual(what.vi, what.en)}${hotlineBlock(hotline)}</main>`,
  });
}
