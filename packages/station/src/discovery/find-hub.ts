import { systemClock, type TimerClock } from '@qms/core';
import { HUB_HEALTH_PATH } from '@qms/protocol';
import { browseHubs, type HubBrowser, type HubCandidate } from './hub-browser.js';

/** The hub a station found on the LAN (and remembers in its folder). */
export interface FoundHub {
  url: string;
  /** The centre's name the hub announced, else its instance name. */
  name: string;
  /** Its stable id, null from a hub that announced none. */
  id: string | null;
}

export interface FindHubOptions {
  /** The hub found at an earlier start: asked as well, so a restart does not depend on multicast. */
  remembered?: FoundHub | null;
  /** Only this hub (its stable id): a station paired with it looks for it again, never for another. */
  id?: string;
  signal: AbortSignal;
  clock?: TimerClock;
  log?: (level: 'info' | 'warn', message: string) => void;
  /** How the LAN is browsed (bonjour-service unless a test gives another). */
  browse?: typeof browseHubs;
}

const HEALTH_TIMEOUT_MS = 2_000;
/** Between two rounds: the LAN asked again, the hubs heard and the remembered one asked again. */
const FIRST_ROUND_MS = 2_000;
const LAST_ROUND_MS = 15_000;

/**
 * Does a hub answer its health endpoint with status "ok" there? Its id as it says it (null from a
 * hub too old to say), or false when nobody answers, or, looking for one hub (`id`), another does.
 */
async function answers(url: string, path: string, signal: AbortSignal, id: string | undefined): Promise<string | null | false> {
  try {
    const response = await fetch(`${url}${path}`, { signal: AbortSignal.any([signal, AbortSignal.timeout(HEALTH_TIMEOUT_MS)]) });
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: unknown; id?: unknown };
    if (body.status !== 'ok') return false;
    const said = typeof body.id === 'string' ? body.id : null;
    return id !== undefined && said !== null && said !== id ? false : said;
  } catch {
    // Not there (yet), or not a hub: the next round asks again.
    return false;
  }
}

/**
 * Looks for the hub on the LAN: browses `_qms._tcp` (mDNS/DNS-SD) and takes the first hub that
 * answers its health endpoint, or the remembered one if it answers first. Keeps looking (asking
 * the LAN again, less often as time goes by) until one answers; null only when stopped. With
 * several hubs on the LAN it takes the first that answered and says so in the log.
 */
export function findHub(options: FindHubOptions): Promise<FoundHub | null> {
  const { signal } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const heard = new Map<string, HubCandidate>();
  let warned = false;
  if (signal.aborted) return Promise.resolve(null);

  return new Promise<FoundHub | null>((resolve) => {
    let settled = false;
    // Called only once the browser below exists: after an answer from the network, or on abort.
    const finish = (hub: FoundHub | null) => {
      if (settled) return;
      settled = true;
      void browser.stop();
      if (hub && heard.size > 1) {
        const all = [...heard.values()].map((candidate) => `${candidate.name} (${candidate.urls[0]})`).join(', ');
        log('warn', `${heard.size} hubs on the LAN: ${all}; this station takes the first that answered, ${hub.name} (${hub.url}); set "hubUrl" in station.json to choose another`);
      }
      resolve(hub);
    };
    const check = async (candidate: { name: string; id: string | null; urls: string[]; healthPath: string }) => {
      for (const url of candidate.urls) {
        if (settled) return;
        const said = await answers(url, candidate.healthPath, signal, options.id);
        // The id the hub gives at that address wins over the one remembered or heard.
        if (said !== false) return finish({ url, name: candidate.name, id: said ?? candidate.id });
      }
    };

    const browser: HubBrowser = (options.browse ?? browseHubs)(
      (candidate) => {
        if (settled || (options.id !== undefined && candidate.id !== options.id)) return;
        if (!heard.has(candidate.instance)) log('info', `heard a hub on the LAN: ${candidate.name} (${candidate.urls.join(', ')})`);
        heard.set(candidate.instance, candidate);
        void check(candidate);
      },
      (error) => {
        if (warned) return;
        warned = true;
        log('warn', `mDNS: cannot look for the hub on the LAN (${error.message}); set "hubUrl" in station.json or pass --hub`);
      },
    );
    signal.addEventListener('abort', () => finish(null), { once: true });
    log('info', `looking for the hub on the LAN (mDNS _qms._tcp)${options.remembered ? `, and at ${options.remembered.url} where it was last found` : ''}`);

    void (async () => {
      let roundMs = FIRST_ROUND_MS;
      while (!settled) {
        const remembered = options.remembered;
        if (remembered) void check({ ...remembered, urls: [remembered.url], healthPath: HUB_HEALTH_PATH });
        for (const candidate of heard.values()) void check(candidate);
        await clock.sleep(roundMs, signal);
        if (settled) return;
        browser.query();
        roundMs = Math.min(roundMs * 2, LAST_ROUND_MS);
      }
    })();
  });
}
