/**
 * The project's own QR codes, so a scanner at the kiosk recognises them:
 * - a ticket's tracking page:      {base}/t/{ticketId}-{label}      e.g. http://hub.local:8080/t/123-A001
 * - an application receipt:        {base}/hs/{applicationCode}      e.g. http://hub.local:8080/hs/H01.01-240115-0001
 */
export type ProjectCode = { kind: 'ticket'; ticketId: number; label: string; url: string } | { kind: 'application'; code: string; url: string };

export function ticketTrackingUrl(base: string, ticketId: number, label: string): string {
  return `${base.replace(/\/+$/, '')}/t/${ticketId}-${encodeURIComponent(label)}`;
}

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
  const ticket = /\/t\/(\d{1,10})-([A-Z0-9]{1,12})$/.exec(url.pathname);
  if (ticket) return { kind: 'ticket', ticketId: Number(ticket[1]), label: ticket[2] ?? '', url: url.href };
  const application = /\/hs\/([A-Za-z0-9.-]{4,40})$/.exec(url.pathname);
  if (application) return { kind: 'application', code: application[1] ?? '', url: url.href };
  return null;
}
