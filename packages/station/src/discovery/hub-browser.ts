import type { EventEmitter } from 'node:events';
import { Bonjour } from 'bonjour-service';
import { HUB_HEALTH_PATH, HUB_SERVICE_PROTOCOL, HUB_SERVICE_TYPE, HUB_TXT } from '@qms/protocol';

/** A hub heard on the LAN, before anyone asked whether it answers. */
export interface HubCandidate {
  /** The DNS-SD instance name (qms-hub-ID). */
  instance: string;
  /** The hub's stable id from its TXT record, null from a hub that gave none. */
  id: string | null;
  /** What to call it on screen: the centre's name from its TXT record, else its instance name. */
  name: string;
  /** http://ADDRESS:PORT for each of its addresses, the one its announcement came from first. */
  urls: string[];
  /** Path of its health endpoint. */
  healthPath: string;
}

export interface HubBrowser {
  /** Asks the LAN again (a hub that came up between two of its own announcements answers). */
  query(): void;
  stop(): Promise<void>;
}

function hostOf(address: string): string | null {
  if (!address.includes(':')) return address;
  // A link-local IPv6 address needs its interface (fe80::1%eth0), which mDNS does not carry.
  if (/^fe80:/i.test(address)) return null;
  return `[${address}]`;
}

/** The candidate's URLs: the address its packet came from, then its IPv4 addresses, then its IPv6 ones. */
function urlsOf(port: number, referer: string | undefined, addresses: readonly string[]): string[] {
  const ordered = [...(referer ? [referer] : []), ...addresses.filter((a) => !a.includes(':')), ...addresses.filter((a) => a.includes(':'))];
  const hosts = ordered.map(hostOf).filter((host): host is string => host !== null);
  return [...new Set(hosts)].map((host) => `http://${host}:${port}`);
}

function textOf(txt: unknown, key: string): string | undefined {
  const value = (txt as Record<string, unknown> | undefined)?.[key];
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

/**
 * Browses the LAN for hubs (`_qms._tcp` over mDNS/DNS-SD, bonjour-service) and hands each one
 * heard to `onHub`, again whenever it is heard anew (its address may have changed). Errors of the
 * multicast socket (no multicast on this machine, port 5353 refused) go to `onError`, never a throw.
 */
export function browseHubs(onHub: (hub: HubCandidate) => void, onError: (error: Error) => void): HubBrowser {
  const bonjour = new Bonjour({}, onError);
  // bonjour-service leaves its multicast socket's 'error' events unheard, which would throw.
  (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server?.mdns?.on('error', onError);
  const browser = bonjour.find({ type: HUB_SERVICE_TYPE, protocol: HUB_SERVICE_PROTOCOL });
  const take = (service: Bonjour.Service) => {
    const urls = urlsOf(service.port, service.referer?.address, service.addresses ?? []);
    if (urls.length === 0) return;
    const id = textOf(service.txt, HUB_TXT.id) || null;
    onHub({
      instance: service.name,
      id,
      name: textOf(service.txt, HUB_TXT.name) || service.name,
      urls,
      healthPath: textOf(service.txt, HUB_TXT.health) || HUB_HEALTH_PATH,
    });
  };
  browser.on('up', take);
  browser.on('srv-update', take);
  browser.on('txt-update', take);
  let stopping: Promise<void> | undefined;
  return {
    query: () => browser.update(),
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        browser.stop();
        const timer = setTimeout(resolve, 1_000);
        bonjour.destroy(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      return stopping;
    },
  };
}
