/**
 * The hub's public pages that a QR code opens, built and read here only: the kiosk prints the
 * ticket page's URL, the hub serves it, a scanner recognises it.
 *   ticket page: {hub}/t/{ticketId}-{label}   e.g. http://hub.local:8080/t/123-A001
 */
export const TICKET_PAGE_PREFIX = '/t/';

const TICKET_REF = /^(\d{1,10})-([A-Z0-9]{1,12})$/;

export function ticketPageRef(ticketId: number, label: string): string {
  return `${ticketId}-${encodeURIComponent(label)}`;
}

export function ticketPageUrl(hubUrl: string, ticketId: number, label: string): string {
  return `${hubUrl.replace(/\/+$/, '')}${TICKET_PAGE_PREFIX}${ticketPageRef(ticketId, label)}`;
}

/** The ticket a page reference names ("123-A001"), or null when it is not one. */
export function parseTicketPageRef(ref: string): { ticketId: number; label: string } | null {
  const match = TICKET_REF.exec(ref);
  return match ? { ticketId: Number(match[1]), label: match[2] ?? '' } : null;
}

/** The ticket a URL's path names when it is a ticket page, or null. */
export function parseTicketPagePath(pathname: string): { ticketId: number; label: string } | null {
  const at = pathname.lastIndexOf(TICKET_PAGE_PREFIX);
  return at < 0 ? null : parseTicketPageRef(pathname.slice(at + TICKET_PAGE_PREFIX.length));
}

/**
 * The page an application receipt's QR code opens: the application's status, dates, procedure and
 * masked name, with the code and the lookup secret together (a wrong pair is "not found").
 *   application page: {hub}/a/{code}/{secret}   e.g. http://hub.local:8080/a/UBND-261129-0001/7KQ2MX
 * A kiosk that reads this URL from a receipt knows the application (results pickup).
 */
export const APPLICATION_PAGE_PREFIX = '/a/';

const APPLICATION_REF = /^([A-Za-z0-9]{1,12}-\d{6}-\d{4})\/([A-Za-z0-9]{1,20})$/;

export function applicationPageUrl(hubUrl: string, code: string, secret: string): string {
  return `${hubUrl.replace(/\/+$/, '')}${APPLICATION_PAGE_PREFIX}${encodeURIComponent(code)}/${encodeURIComponent(secret)}`;
}

/** The code and secret a page reference names ("UBND-261129-0001/7KQ2MX"), or null when it is not one. */
export function parseApplicationPageRef(ref: string): { code: string; secret: string } | null {
  const match = APPLICATION_REF.exec(ref);
  return match ? { code: (match[1] ?? '').toUpperCase(), secret: (match[2] ?? '').toUpperCase() } : null;
}

/** The application a URL's path names when it is an application page (a scanned receipt QR), or null. */
export function parseApplicationPagePath(pathname: string): { code: string; secret: string } | null {
  const at = pathname.lastIndexOf(APPLICATION_PAGE_PREFIX);
  return at < 0 ? null : parseApplicationPageRef(pathname.slice(at + APPLICATION_PAGE_PREFIX.length));
}

/**
 * The rating pad's page: a tablet's browser opens it, pairs with the hub as a `rating` device tied to
 * a counter, and shows that counter's rating screen. The page holds no data; its script and style
 * are under the same prefix.
 *   rating pad: {hub}/pad   e.g. http://hub.local:8080/pad
 */
export const RATING_PAD_PAGE = '/pad';

/**
 * The technician and admin console: the hub serves it (its page, script and style under this
 * prefix); it signs in with a browser session and calls the same API as everyone.
 *   console: {hub}/console/   e.g. http://hub.local:8080/console/
 */
export const CONSOLE_PAGE = '/console/';
