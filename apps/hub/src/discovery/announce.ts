import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type * as BonjourService from 'bonjour-service';
import type { Logger } from 'pino';
import { HUB_HEALTH_PATH, HUB_SERVICE_PROTOCOL, HUB_SERVICE_TYPE, HUB_TXT, type HubTxt } from '@qms/protocol';

export interface HubAnnouncementOptions {
  /** The port the hub listens on. */
  port: number;
  /** The hub's stable id (see hub-id.ts). */
  id: string;
  /** The centre's name as set on the hub, if any. */
  centreName: string | null;
  version: string;
  logger: Logger;
  /** The address of the network interface to announce on (default: all of this machine's). */
  interface?: string;
}

export interface HubAnnouncement {
  /** The DNS-SD instance name announced: qms-hub-ID. */
  readonly name: string;
  /** Announces the centre's new name (the TXT record's): the old records said goodbye, the same instance name announced again. */
  rename(centreName: string | null): void;
  /** Says goodbye on the LAN (records with a TTL of 0) and closes the multicast socket; never longer than a second. */
  stop(): Promise<void>;
}

/** Shutdown waits this long at most for the goodbye to go out. */
const STOP_MS = 1_000;

/** The multicast-dns socket inside bonjour-service, to hear its errors (the library throws them when nobody listens). */
function multicastOf(bonjour: BonjourService.Bonjour): EventEmitter | undefined {
  return (bonjour as unknown as { server?: { mdns?: EventEmitter } }).server?.mdns;
}

/**
 * Announces the hub on the centre's LAN with mDNS/DNS-SD as `_qms._tcp` on its port, with a TXT
 * record saying which hub it is (id, the centre's name, version) and where its health endpoint
 * is, so a station with no hub URL configured can find it. A LAN without multicast (or port 5353
 * taken) is a warning in the log, never a stop of the hub: stations can still be given the URL.
 */
export function announceHub(options: HubAnnouncementOptions): HubAnnouncement {
  const { logger } = options;
  const name = `qms-hub-${options.id}`;
  let failed = false;
  const warn = (error: unknown) => {
    failed = true;
    logger.warn({ err: error }, 'mDNS: the hub cannot announce itself on the LAN (stations must be given its URL)');
  };
  // The options go to multicast-dns (bonjour-service types them as a service's, which they are not).
  const multicastOptions: object = options.interface ? { interface: options.interface } : {};
  // Loaded here, not with the hub: a hub that does not announce (--no-mdns, loopback) never loads it.
  const { Bonjour: BonjourClass } = createRequire(import.meta.url)('bonjour-service') as typeof BonjourService;
  const bonjour = new BonjourClass(multicastOptions, warn);
  const multicast = multicastOf(bonjour);
  multicast?.on('error', warn);
  multicast?.on('warning', (error: unknown) => logger.debug({ err: error }, 'mDNS warning'));
  const txtOf = (centreName: string | null): HubTxt => ({
    [HUB_TXT.txtVersion]: '1',
    [HUB_TXT.id]: options.id,
    [HUB_TXT.name]: centreName ?? '',
    [HUB_TXT.version]: options.version,
    [HUB_TXT.health]: HUB_HEALTH_PATH,
  });
  // A rename publishes the same instance name again without probing for it: it is this hub's already.
  const publish = (centreName: string | null, probe: boolean) => {
    const published = bonjour.publish({ name, type: HUB_SERVICE_TYPE, protocol: HUB_SERVICE_PROTOCOL, port: options.port, txt: txtOf(centreName), probe });
    // bonjour-service says 'up' even when nothing could be sent: the log says so only when nothing failed.
    published.on(
      'up',
      () => !failed && logger.info({ name, port: options.port, id: options.id, centreName }, `mDNS: announcing the hub on the LAN as ${name} (_${HUB_SERVICE_TYPE}._${HUB_SERVICE_PROTOCOL})`),
    );
    published.on('error', warn);
    return published;
  };
  let service = publish(options.centreName, true);
  let centreName = options.centreName;

  let stopping: Promise<void> | undefined;
  /** A goodbye in flight: when it is sent, the name the centre has by then is announced. */
  let renaming = false;
  return {
    name,
    rename(newName) {
      if (stopping || newName === centreName) return;
      centreName = newName;
      if (renaming) return;
      renaming = true;
      try {
        service.stop?.(() => {
          renaming = false;
          if (!stopping) service = publish(centreName, false);
        });
      } catch (error) {
        renaming = false;
        warn(error);
      }
    },
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, STOP_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        try {
          bonjour.unpublishAll(() => bonjour.destroy(done));
        } catch (error) {
          warn(error);
          done();
        }
      });
      return stopping;
    },
  };
}
