import { parseTicketPagePath } from '@qms/core';

/**
 * The project's own QR codes, so a scanner at the kiosk recognises them:
 * - a ticket's page (built by @qms/core's ticketPageUrl): {base}/t/{ticketId}-{label}
 * - an application receipt:        {base}/hs/{applicationCode}      e.g. http://hub.local:8080/hs/H01.01-240115-0001
 */
export type ProjectCode = { kind: 'ticket'; ticketId: number; label: string; url: string } | { kind: 'application'; code: string; url: string };

export function applicationUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, '')}/hs/${encodeURIComponent(code)}`;
}

export function parseProjectCode(text: string): ProjectCode | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null; // not a URL, so not one of ours
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const ticket = parseTicketPagePath(url.pathname);
  if (ticket) return { kind: 'ticket', ...ticket, url: url.href };
  const application = /\/hs\/([A-Za-z0-9.-]{4,40})$/.exec(url.pathname);
  if (application) return { kind: 'application', code: application[1] ?? '', url: url.href };
  return null;
}
