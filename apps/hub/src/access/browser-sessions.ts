import { createHash } from 'node:crypto';
import type { Clock, Principal } from '@qms/core';
import { ApiError } from '../api-error.js';
import type { AccessService } from './access-service.js';

export interface BrowserSessionOptions {
  /** A browser session unused this long ends (its token is revoked), within the 12-hour limit of every login. */
  idleMinutes: number;
}

export const DEFAULT_BROWSER_SESSION_OPTIONS: BrowserSessionOptions = { idleMinutes: 30 };

/** The cookie that carries a browser session's token: HttpOnly, so the page's scripts cannot read it. */
export const SESSION_COOKIE = 'qms_session';
/** The header a browser session's changes must carry (its CSRF token). */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The CSRF token of a session: derived from the session's token, which only the hub and the
 * browser's cookie jar know, so a page of another origin can neither read nor compute it.
 */
export function csrfTokenOf(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}

/** The Set-Cookie value that stores a session (or, with maxAge 0, removes it). Not Secure: the hub speaks plain HTTP on the centre's LAN. */
export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${SESSION_COOKIE}=${token}; Path=/api; HttpOnly; SameSite=Strict; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
}

/** The session token in a Cookie header, if any. */
export function sessionTokenOf(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === SESSION_COOKIE) {
      const value = part.slice(at + 1).trim();
      return value === '' ? null : value;
    }
  }
  return null;
}

/**
 * Sign-in for people in a browser (the console): the token lives in an HttpOnly cookie, changes
 * carry a CSRF token, and a session left idle ends. Idle time is kept in memory: after a restart
 * of the hub a session's idle time counts from its first use.
 */
export class BrowserSessions {
  /** Session token → when it was last used (ms). */
  private readonly lastUsed = new Map<string, number>();

  constructor(
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly options: BrowserSessionOptions = DEFAULT_BROWSER_SESSION_OPTIONS,
  ) {}

  get idleMinutes(): number {
    return this.options.idleMinutes;
  }

  /** Signs a person in for the console: admins and technicians only (a clerk works at a counter station). */
  async start(username: string, password: string, address: string): Promise<Awaited<ReturnType<AccessService['login']>> & { csrfToken: string }> {
    const session = await this.access.login(username, { password }, address);
    if (session.user.role === 'staff') {
      this.access.logout(session.token);
      throw new ApiError('auth.forbidden', 'clerks sign in at their counter station; the console is for administrators and technicians');
    }
    const now = this.clock.now().getTime();
    // End the sessions idle past the limit now, rather than at their next use: the map stays small.
    for (const [token, last] of this.lastUsed) if (now - last > this.options.idleMinutes * 60_000) this.end(token);
    this.lastUsed.set(session.token, now);
    return { ...session, csrfToken: csrfTokenOf(session.token) };
  }

  /**
   * The principal of a request that came with the session cookie, or undefined when the session
   * is unknown, expired, or was idle too long (then it is ended).
   */
  authenticate(token: string): Principal | undefined {
    const principal = this.access.authenticate(token);
    if (!principal) {
      this.lastUsed.delete(token);
      return undefined;
    }
    const now = this.clock.now().getTime();
    const last = this.lastUsed.get(token);
    if (last !== undefined && now - last > this.options.idleMinutes * 60_000) {
      this.end(token);
      return undefined;
    }
    this.lastUsed.set(token, now);
    return principal;
  }

  end(token: string): void {
    this.lastUsed.delete(token);
    this.access.logout(token);
  }
}
