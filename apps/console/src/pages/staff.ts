import { type Bilingual, h } from '@qms/ui';
import { COMMON } from '../i18n.js';
import type { ConsolePage, PageContext } from '../page.js';
import { clearNote, field, showRefusal } from './config-refusal.js';

/** GET /api/users. */
interface User {
  id: number;
  username: string;
  role: 'admin' | 'technician' | 'staff';
  displayName: string;
  active: boolean;
  createdAt: string;
}

const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;
const PIN = /^\d{4,8}$/;

const T = {
  users: { vi: 'Tài khoản', en: 'Accounts' },
  help: {
    vi: 'Nhân viên tiếp nhận đăng nhập tại máy gọi số của quầy bằng tên và mã PIN (hoặc mật khẩu). Mật khẩu và mã PIN không bao giờ được hiện lại sau khi gửi.',
    en: 'Clerks sign in at their counter station with their user name and PIN (or password). A password or PIN is never shown again once sent.',
  },
  username: { vi: 'Tên đăng nhập', en: 'User name' },
  usernameHint: { vi: 'chữ không dấu, số, . _ -', en: 'letters, digits, . _ -' },
  displayName: { vi: 'Tên hiển thị', en: 'Display name' },
  displayHint: { vi: 'tên hiện ở quầy và máy đánh giá', en: 'shown at the counter and on its rating pad' },
  role: { vi: 'Vai trò', en: 'Role' },
  active: { vi: 'Hoạt động', en: 'Active' },
  actions: { vi: 'Thao tác', en: 'Actions' },
  password: { vi: 'Mật khẩu', en: 'Password' },
  passwordHint: { vi: 'ít nhất 8 ký tự', en: 'at least 8 characters' },
  newPassword: { vi: 'Mật khẩu mới', en: 'New password' },
  pin: { vi: 'Mã PIN', en: 'PIN' },
  pinOptional: { vi: 'Mã PIN (không bắt buộc)', en: 'PIN (optional)' },
  pinHint: { vi: '4 đến 8 chữ số, để đăng nhập tại quầy', en: '4 to 8 digits, to sign in at a counter' },
  newPin: { vi: 'Mã PIN mới', en: 'New PIN' },
  resetPassword: { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  setPassword: { vi: 'Đặt mật khẩu', en: 'Set the password' },
  pinButton: { vi: 'Mã PIN', en: 'PIN' },
  setPin: { vi: 'Đặt mã PIN', en: 'Set the PIN' },
  removePin: { vi: 'Xoá mã PIN', en: 'Remove the PIN' },
  disable: { vi: 'Khoá', en: 'Disable' },
  enable: { vi: 'Mở khoá', en: 'Enable' },
  self: { vi: 'Không thể khoá chính tài khoản đang dùng', en: 'You cannot disable the account you are using' },
  add: { vi: 'Thêm tài khoản', en: 'Add an account' },
  added: { vi: 'Đã thêm tài khoản {u}.', en: 'Account {u} added.' },
  addedPinFailed: { vi: 'Đã thêm tài khoản {u}, nhưng chưa đặt được mã PIN: ', en: 'Account {u} added, but its PIN was not set: ' },
  passwordSet: { vi: 'Đã đặt mật khẩu mới cho {u} ({u} phải đăng nhập lại).', en: 'New password set for {u} ({u} must sign in again).' },
  pinSet: { vi: 'Đã đặt mã PIN cho {u} ({u} phải đăng nhập lại).', en: 'PIN set for {u} ({u} must sign in again).' },
  pinRemoved: { vi: 'Đã xoá mã PIN của {u}.', en: 'PIN of {u} removed.' },
  disabled: { vi: 'Đã khoá tài khoản {u}.', en: 'Account {u} disabled.' },
  enabled: { vi: 'Đã mở khoá tài khoản {u}.', en: 'Account {u} enabled.' },
  badUsername: { vi: 'Tên đăng nhập: 2 đến 64 ký tự, chỉ chữ không dấu, số và . _ -', en: 'User name: 2 to 64 characters, only letters, digits and . _ -' },
  badPassword: { vi: 'Mật khẩu cần ít nhất 8 ký tự.', en: 'The password needs at least 8 characters.' },
  badPin: { vi: 'Mã PIN gồm 4 đến 8 chữ số.', en: 'A PIN is 4 to 8 digits.' },
  none: { vi: 'Chưa có tài khoản nào.', en: 'No account yet.' },
} satisfies Record<string, Bilingual>;

const ROLE: Record<User['role'], Bilingual> = {
  staff: { vi: 'Nhân viên tiếp nhận (quầy)', en: 'Clerk (counter)' },
  technician: { vi: 'Kỹ thuật viên', en: 'Technician' },
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
};

const REFUSALS: Record<string, Bilingual> = {
  'user.exists': { vi: 'Tên đăng nhập này đã có: chọn tên khác.', en: 'This user name is taken: choose another.' },
  'user.not_found': { vi: 'Tài khoản này không còn trên máy chủ.', en: 'This account is no longer on the hub.' },
};

/** The staff accounts: add one (with its PIN), reset a password, set or remove a PIN, disable or enable. Admins only. */
export const staffPage: ConsolePage = {
  id: 'staff',
  title: { vi: 'Nhân viên', en: 'Staff' },
  adminOnly: true,
  mount(root, ctx) {
    const { t } = ctx;
    const body = h('tbody', {});
    const forms = new Map<string, HTMLTableRowElement>();
    let users: User[] = [];

    const load = () =>
      ctx.api
        .get<User[]>('/api/users')
        .then((read) => {
          users = read;
          draw();
          root.dataset.loaded = 'true';
        })
        .catch((error: unknown) => ctx.fail(error));

    const draw = () => {
      if (users.length === 0) {
        body.replaceChildren(h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t(T.none))));
        return;
      }
      body.replaceChildren(...users.flatMap((user) => [row(user), ...(forms.has(user.username) ? [forms.get(user.username) as HTMLTableRowElement] : [])]));
    };

    const closeForm = (username: string) => {
      forms.get(username)?.remove();
      forms.delete(username);
      body.querySelector<HTMLElement>(`tr[data-username="${CSS.escape(username)}"] [data-action="password"]`)?.focus();
    };
    const openForm = (user: User, kind: 'password' | 'pin') => {
      forms.get(user.username)?.remove();
      const form = kind === 'password' ? passwordForm(ctx, user, () => closeForm(user.username)) : pinForm(ctx, user, () => closeForm(user.username));
      const formRow = h('tr', { class: 'editor-row', 'data-user-form': user.username, 'data-form-kind': kind }, h('td', { colspan: 5 }, form));
      formRow.addEventListener('keydown', (event) => {
        if (event.key === 'Escape') closeForm(user.username);
      });
      forms.set(user.username, formRow);
      body.querySelector(`tr[data-username="${CSS.escape(user.username)}"]`)?.after(formRow);
      formRow.querySelector<HTMLElement>('input')?.focus();
    };

    const row = (user: User) => {
      const self = user.username === ctx.user.username;
      const toggle = h(
        'button',
        { type: 'button', 'data-action': user.active ? 'disable' : 'enable', class: user.active ? 'danger' : '', disabled: self && user.active, title: self && user.active ? t(T.self) : undefined },
        t(user.active ? T.disable : T.enable),
      );
      toggle.addEventListener('click', () => {
        toggle.disabled = true;
        ctx.api
          .send('POST', `/api/users/${encodeURIComponent(user.username)}/active`, { active: !user.active })
          .then(() => {
            ctx.say(t(user.active ? T.disabled : T.enabled).replaceAll('{u}', user.username));
            void load();
          })
          .catch((error: unknown) => {
            toggle.disabled = false;
            showRefusal(ctx, note, error, REFUSALS);
          });
      });
      const note = h('span', { class: 'row-note', role: 'alert', 'data-row-note': '' });
      return h(
        'tr',
        { 'data-username': user.username, 'data-role': user.role, 'data-active': String(user.active) },
        h('td', {}, h('code', {}, user.username)),
        h('td', {}, user.displayName),
        h('td', {}, t(ROLE[user.role])),
        h('td', { 'data-cell': 'active' }, user.active ? h('span', { class: 'ok' }, t(COMMON.yes)) : h('span', { class: 'warn' }, t(COMMON.no))),
        h(
          'td',
          { class: 'actions' },
          h('button', { type: 'button', 'data-action': 'password', onclick: () => openForm(user, 'password') }, t(T.resetPassword)),
          ' ',
          h('button', { type: 'button', 'data-action': 'pin', onclick: () => openForm(user, 'pin') }, t(T.pinButton)),
          ' ',
          toggle,
          note,
        ),
      );
    };

    root.append(
      h('p', { class: 'muted' }, t(T.help)),
      h(
        'section',
        {},
        h('h2', {}, t(T.users)),
        h('table', { class: 'staff' }, h('thead', {}, h('tr', {}, ...[T.username, T.displayName, T.role, T.active, T.actions].map((x) => h('th', { scope: 'col' }, t(x))))), body),
      ),
      h(
        'section',
        {},
        h('h2', {}, t(T.add)),
        addForm(ctx, () => void load()),
      ),
    );
    void load();
    return () => {};
  },
};

/** A password box that is emptied as soon as its value is taken (never shown again after it is sent). */
function secret(name: string, extra: Record<string, string | number | boolean> = {}): HTMLInputElement & { take(): string } {
  const input = h('input', { name, type: 'password', autocomplete: 'new-password', ...extra });
  return Object.assign(input, {
    take() {
      const value = input.value;
      input.value = '';
      return value;
    },
  });
}

function addForm(ctx: PageContext, added: () => void): HTMLFormElement {
  const { t } = ctx;
  const username = h('input', { name: 'username', required: true, maxlength: 64, autocomplete: 'off', pattern: USERNAME.source });
  const displayName = h('input', { name: 'displayName', maxlength: 120, autocomplete: 'off', size: 24 });
  const role = h('select', { name: 'role' }, ...(['staff', 'technician', 'admin'] as const).map((value) => h('option', { value }, t(ROLE[value]))));
  const password = secret('password', { required: true, minlength: 8 });
  const pin = secret('pin', { inputmode: 'numeric', maxlength: 8, pattern: PIN.source });
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'add-user' }, t(T.add));
  const form = h(
    'form',
    { class: 'editor', 'data-add-user': '', novalidate: true },
    h(
      'div',
      { class: 'grid' },
      field(t(T.username), username, t(T.usernameHint)),
      field(t(T.displayName), displayName, t(T.displayHint)),
      field(t(T.role), role),
      field(t(T.password), password, t(T.passwordHint)),
      field(t(T.pinOptional), pin, t(T.pinHint)),
    ),
    note,
    h('div', { class: 'buttons' }, submit),
  );
  const refuse = (text: string, focus: HTMLElement) => {
    note.textContent = text;
    note.dataset.error = 'form';
    focus.focus();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    const name = username.value.trim();
    if (!USERNAME.test(name)) return refuse(t(T.badUsername), username);
    if (password.value.length < 8) return refuse(t(T.badPassword), password);
    if (pin.value !== '' && !PIN.test(pin.value)) return refuse(t(T.badPin), pin);
    const body = { username: name, role: role.value, password: password.take(), ...(displayName.value.trim() ? { displayName: displayName.value.trim() } : {}) };
    const pinValue = pin.take();
    submit.disabled = true;
    ctx.api
      .send<User>('POST', '/api/users', body)
      .then(async (user) => {
        username.value = '';
        displayName.value = '';
        if (pinValue !== '') {
          try {
            await ctx.api.send('POST', `/api/users/${encodeURIComponent(user.username)}/pin`, { pin: pinValue });
          } catch (error) {
            showRefusal(ctx, note, error);
            note.textContent = t(T.addedPinFailed).replace('{u}', user.username) + note.textContent;
            return;
          }
        }
        ctx.say(t(T.added).replace('{u}', user.username));
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, REFUSALS))
      .finally(() => {
        submit.disabled = false;
        added();
      });
  });
  return form;
}

function passwordForm(ctx: PageContext, user: User, close: () => void): HTMLFormElement {
  const { t } = ctx;
  const password = secret('password', { required: true, minlength: 8 });
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, t(T.setPassword));
  const form = h(
    'form',
    { class: 'inline', 'data-password-form': user.username, novalidate: true },
    field(`${t(T.newPassword)} · ${user.username}`, password, t(T.passwordHint)),
    submit,
    h('button', { type: 'button', 'data-action': 'cancel', onclick: close }, t(COMMON.cancel)),
    note,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    if (password.value.length < 8) {
      note.textContent = t(T.badPassword);
      note.dataset.error = 'form';
      return;
    }
    submit.disabled = true;
    ctx.api
      .send('POST', `/api/users/${encodeURIComponent(user.username)}/password`, { password: password.take() })
      .then(() => {
        ctx.say(t(T.passwordSet).replaceAll('{u}', user.username));
        close();
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, REFUSALS))
      .finally(() => (submit.disabled = false));
  });
  return form;
}

function pinForm(ctx: PageContext, user: User, close: () => void): HTMLFormElement {
  const { t } = ctx;
  const pin = secret('pin', { inputmode: 'numeric', maxlength: 8, pattern: PIN.source, required: true });
  const note = h('p', { class: 'form-note', role: 'alert', 'data-form-note': '' });
  const submit = h('button', { type: 'submit', class: 'primary', 'data-action': 'save' }, t(T.setPin));
  const remove = h('button', { type: 'button', class: 'danger', 'data-action': 'remove-pin' }, t(T.removePin));
  const form = h(
    'form',
    { class: 'inline', 'data-pin-form': user.username, novalidate: true },
    field(`${t(T.newPin)} · ${user.username}`, pin, t(T.pinHint)),
    submit,
    remove,
    h('button', { type: 'button', 'data-action': 'cancel', onclick: close }, t(COMMON.cancel)),
    note,
  );
  const send = (value: string | null, done: string, button: HTMLButtonElement) => {
    button.disabled = true;
    ctx.api
      .send('POST', `/api/users/${encodeURIComponent(user.username)}/pin`, { pin: value })
      .then(() => {
        ctx.say(t(done === 'set' ? T.pinSet : T.pinRemoved).replaceAll('{u}', user.username));
        close();
      })
      .catch((error: unknown) => showRefusal(ctx, note, error, REFUSALS))
      .finally(() => (button.disabled = false));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearNote(note);
    if (!PIN.test(pin.value)) {
      note.textContent = t(T.badPin);
      note.dataset.error = 'form';
      return;
    }
    send(pin.take(), 'set', submit);
  });
  remove.addEventListener('click', () => {
    clearNote(note);
    pin.value = '';
    send(null, 'removed', remove);
  });
  return form;
}
