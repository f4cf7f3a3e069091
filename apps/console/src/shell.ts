import { h } from '@qms/ui';
import { ApiFailure, type ConsoleApi, type SessionUser } from './api.js';
import { mountAlertStrip } from './alerts.js';
import type { Language } from './i18n.js';
import type { LiveFeed } from './live.js';
import type { ConsolePage, PageContext } from './page.js';

const T = {
  brand: { vi: 'Bảng điều khiển QMS', en: 'QMS console' },
  signOut: { vi: 'Đăng xuất', en: 'Sign out' },
  lang: { vi: 'English', en: 'Tiếng Việt' },
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
  technician: { vi: 'Kỹ thuật viên', en: 'Technician' },
  failed: { vi: 'Không thực hiện được ({code}): {message}', en: 'Could not do it ({code}): {message}' },
  menu: { vi: 'Trang', en: 'Pages' },
};

/**
 * The signed-in console: the menu of pages (by role), the alert strip, the status line and the
 * page shown (its id in the URL's hash). Every part is a link or a button: it works by keyboard.
 */
export function showConsole(root: HTMLElement, options: { api: ConsoleApi; user: SessionUser; language: Language; live: LiveFeed; pages: ConsolePage[]; onSignOut: () => void }): () => void {
  const { api, user, language, live } = options;
  const pages = options.pages.filter((page) => !page.adminOnly || user.role === 'admin');
  let unmountPage: (() => void) | null = null;
  let unmountAlerts: (() => void) | null = null;

  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-status': '' });
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  const say = (message: string, kind: 'ok' | 'error' = 'ok') => {
    status.textContent = message;
    status.dataset.kind = kind;
    clearTimeout(statusTimer);
    if (kind === 'ok') statusTimer = setTimeout(() => (status.textContent = ''), 6000);
  };
  const fail = (error: unknown) => {
    if (error instanceof ApiFailure && error.status === 401) return; // the sign-in form takes over
    const code = error instanceof ApiFailure ? error.code : 'unknown';
    const message = error instanceof Error ? error.message : String(error);
    say(language.t(T.failed).replace('{code}', code).replace('{message}', message), 'error');
  };

  const render = () => {
    unmountPage?.();
    unmountAlerts?.();
    const { t } = language;
    const current = pages.find((page) => `#${page.id}` === location.hash) ?? pages[0];
    if (!current) return;
    document.title = `${t(current.title)} · ${t(T.brand)}`;
    const nav = h(
      'nav',
      { 'aria-label': t(T.menu) },
      ...pages.map((page) => h('a', { href: `#${page.id}`, 'data-page-link': page.id, 'aria-current': page === current ? 'page' : undefined }, t(page.title))),
    );
    const header = h(
      'header',
      {},
      h('strong', { class: 'brand' }, t(T.brand)),
      nav,
      h(
        'div',
        { class: 'who' },
        h('span', { 'data-user': user.username, 'data-role': user.role }, `${user.username} · ${t(user.role === 'admin' ? T.admin : T.technician)}`),
        h('button', { type: 'button', class: 'link', 'data-action': 'language', onclick: () => language.set(language.lang === 'vi' ? 'en' : 'vi') }, t(T.lang)),
        h('button', { type: 'button', 'data-action': 'sign-out', onclick: () => options.onSignOut() }, t(T.signOut)),
      ),
    );
    const alertRoot = h('div', { class: 'alert-root' });
    const main = h('main', { 'data-page': current.id });
    status.textContent = '';
    root.replaceChildren(header, alertRoot, status, main);
    const canEdit = user.role === 'admin' || (current.technicianEdits === true && user.role === 'technician');
    const ctx: PageContext = { api, user, live, t, lang: language.lang, canEdit, say, fail };
    unmountAlerts = mountAlertStrip(alertRoot, ctx);
    main.append(h('h1', {}, t(current.title)));
    const body = h('div', { class: 'page-body' });
    main.append(body);
    unmountPage = current.mount(body, ctx);
  };

  window.addEventListener('hashchange', render);
  const offLanguage = language.onChange(render);
  render();
  return () => {
    window.removeEventListener('hashchange', render);
    offLanguage();
    unmountPage?.();
    unmountAlerts?.();
  };
}
