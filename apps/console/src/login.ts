import { type Bilingual, h } from '@qms/ui';
import { ApiFailure, type ConsoleApi, type SessionUser } from './api.js';
import type { Language } from './i18n.js';

const T = {
  title: { vi: 'Đăng nhập bảng điều khiển', en: 'Sign in to the console' },
  subtitle: { vi: 'Dành cho quản trị viên và kỹ thuật viên của trung tâm', en: "For the centre's administrators and technicians" },
  username: { vi: 'Tên đăng nhập', en: 'User name' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  submit: { vi: 'Đăng nhập', en: 'Sign in' },
  wrong: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' },
  locked: { vi: 'Đăng nhập sai quá nhiều lần. Thử lại sau {s} giây.', en: 'Too many failed sign-ins. Try again in {s} seconds.' },
  staff: {
    vi: 'Nhân viên tiếp nhận đăng nhập tại máy gọi số của quầy; bảng điều khiển chỉ dành cho quản trị viên và kỹ thuật viên.',
    en: 'Clerks sign in at their counter station; the console is for administrators and technicians.',
  },
  network: { vi: 'Không kết nối được máy chủ.', en: 'The hub cannot be reached.' },
  other: { vi: 'Không đăng nhập được: {m}', en: 'Could not sign in: {m}' },
  lang: { vi: 'English', en: 'Tiếng Việt' },
};

/** The sign-in form; resolves with the person once the hub accepts them. */
export function showLogin(root: HTMLElement, api: ConsoleApi, language: Language, onSignedIn: (user: SessionUser) => void, notice?: Bilingual): void {
  const { t } = language;
  const message = h('p', { class: 'login-message', role: 'alert', 'data-login-message': '' });
  const ended = notice ? h('p', { class: 'login-notice', role: 'status', 'data-session-ended': '' }, t(notice)) : null;
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, t(T.submit));
  const form = h(
    'form',
    { class: 'login', 'data-login': '' },
    h('h1', {}, t(T.title)),
    h('p', { class: 'muted' }, t(T.subtitle)),
    ended,
    h('label', {}, t(T.username), username),
    h('label', {}, t(T.password), password),
    submit,
    message,
    h('button', { type: 'button', class: 'link', onclick: () => language.set(language.lang === 'vi' ? 'en' : 'vi') }, t(T.lang)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit.disabled = true;
    message.textContent = '';
    api
      .signIn(username.value.trim(), password.value)
      .then(onSignedIn)
      .catch((error: unknown) => {
        password.value = '';
        password.focus();
        message.textContent = loginFailureText(error, language);
        message.dataset.code = error instanceof ApiFailure ? error.code : 'unknown';
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  root.replaceChildren(h('main', { class: 'login-page' }, form));
  username.focus();
}

function loginFailureText(error: unknown, language: Language): string {
  const { t } = language;
  if (!(error instanceof ApiFailure)) return t(T.network);
  switch (error.code) {
    case 'auth.invalid_credentials':
    case 'request.invalid':
      return t(T.wrong);
    case 'auth.too_many_attempts':
      return t(T.locked).replace('{s}', /(\d+)\s*s/.exec(error.message)?.[1] ?? '…');
    case 'auth.forbidden':
      return t(T.staff);
    case 'network':
      return t(T.network);
    default:
      return t(T.other).replace('{m}', error.message);
  }
}
