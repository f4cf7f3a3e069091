import type { Bilingual } from '@qms/ui';
import { ConsoleApi, type SessionUser } from './api.js';
import { Language } from './i18n.js';
import { watchIdle } from './idle-watch.js';
import { LiveFeed } from './live.js';
import { showLogin } from './login.js';
import type { ConsolePage } from './page.js';
import { applicationsPage } from './pages/applications.js';
import { auditPage } from './pages/audit.js';
import { backupsPage } from './pages/backups.js';
import { configurationPage } from './pages/configuration.js';
import { devicesPage } from './pages/devices.js';
import { feedbackPage } from './pages/feedback.js';
import { glancePage } from './pages/glance.js';
import { monitorPage } from './pages/monitor.js';
import { reportsPage } from './pages/reports.js';
import { proceduresPage } from './pages/procedures.js';
import { staffPage } from './pages/staff.js';
import { showConsole } from './shell.js';

/** The pages in the menu's order. */
const PAGES: ConsolePage[] = [glancePage, monitorPage, reportsPage, devicesPage, configurationPage, proceduresPage, applicationsPage, staffPage, feedbackPage, auditPage, backupsPage];

const root = document.getElementById('app') as HTMLElement;
const api = new ConsoleApi();
const language = new Language();
let live: LiveFeed | null = null;
let unmount: (() => void) | null = null;
/** Why the sign-in form is shown again, if the person did not sign out themselves. */
let endedBecause: Bilingual | undefined;

const ENDED_IDLE: Bilingual = {
  vi: 'Phiên làm việc đã kết thúc vì lâu không thao tác. Vui lòng đăng nhập lại.',
  en: 'The session ended after a while without activity. Please sign in again.',
};
const ENDED_BY_HUB: Bilingual = { vi: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.', en: 'The session has ended. Please sign in again.' };

function signedOut(because?: Bilingual): void {
  unmount?.();
  unmount = null;
  live?.stop();
  live = null;
  endedBecause = because;
  document.documentElement.dataset.signedIn = 'false';
  showLogin(root, api, language, signedIn, endedBecause);
}

function signedIn(user: SessionUser): void {
  document.documentElement.dataset.signedIn = 'true';
  endedBecause = undefined;
  live = new LiveFeed();
  live.start();
  const stopConsole = showConsole(root, {
    api,
    user,
    language,
    live,
    pages: PAGES,
    onSignOut: () => {
      api.signOut().finally(() => signedOut());
    },
  });
  const stopIdle = watchIdle(api.idleMinutes, () => {
    api.signOut().finally(() => signedOut(ENDED_IDLE));
  });
  unmount = () => {
    stopIdle();
    stopConsole();
  };
}

api.onSignedOut = () => signedOut(ENDED_BY_HUB);
language.onChange(() => {
  if (!live) showLogin(root, api, language, signedIn, endedBecause);
});
api
  .whoAmI()
  .then((user) => (user && user.role !== 'staff' ? signedIn(user) : signedOut()))
  .catch(() => signedOut());
