import type { Bilingual } from '@qms/ui';
import type { ConsoleApi, SessionUser } from './api.js';
import type { LiveFeed } from './live.js';

/** What a page of the console gets to work with. */
export interface PageContext {
  api: ConsoleApi;
  user: SessionUser;
  live: LiveFeed;
  /** The text in the console's language. */
  t(text: Bilingual): string;
  lang: 'vi' | 'en';
  /** May this person change things here? (admin: everything; technician: devices, tests and backups) */
  canEdit: boolean;
  /** A short message in the status line: done, or what went wrong. */
  say(message: string, kind?: 'ok' | 'error'): void;
  /** Says what the hub refused, with its code. */
  fail(error: unknown): void;
}

/** A page of the console: mounted into the main area, unmounted (its subscriptions dropped) when left. */
export interface ConsolePage {
  /** Its place in the URL: /console/#ID. */
  id: string;
  title: Bilingual;
  /** Admins only (a technician does not see it in the menu). */
  adminOnly?: boolean;
  /** Technicians may change things here (devices, hardware tests, backups); elsewhere they only read. */
  technicianEdits?: boolean;
  mount(root: HTMLElement, ctx: PageContext): () => void;
}
