import { ConsoleApi, type SessionUser } from './api.js';
import { Language } from './i18n.js';
import { LiveFeed } from './live.js';
import { showLogin } from './login.js';
import type { ConsolePage } from './page.js';
import { auditPage } from './pages/audit.js';
import { backupsPage } from './pages/backups.js';
import { configurationPage } from './pages/configuration.js';
import { devicesPage } from './pages/devices.js';
import { glancePage } from './pages/glance.js';
import { staffPage } from './pages/staff.js';
import { showConsole } from './shell.js';

/** The pages in the menu's order. */
const PAGES: ConsolePage[] = [glancePage, devicesPage, configurationPage, staffPage, auditPage, backupsPage];

const root = document.getElementById('app') as HTMLElement;
const api = new ConsoleApi();
const language = new Language();
let live: LiveFeed | null = null;
let unmount: (() => void) | null = null;

function signedOut(): void {
  unmount?.();
  unmount = null;
  live?.stop();
  live = null;
  document.documentElement.dataset.signedIn = 'false';
  showLogin(root, api, language, signedIn);
}

function signedIn(user: SessionUser): void {
  document.documentElement.dataset.signedIn = 'true';
  live = new LiveFeed();
  live.start();
  unmount = showConsole(root, {
    api,
    user,
    language,
    live,
    pages: PAGES,
    onSignOut: () => {
      api.signOut().finally(signedOut);
    },
  });
}

api.onSignedOut = signedOut;
language.onChange(() => {
  if (!live) showLogin(root, api, language, signedIn);
});
api
  .whoAmI()
  .then((user) => (user && user.role !== 'staff' ? signedIn(user) : signedOut()))
  .catch(() => signedOut());
