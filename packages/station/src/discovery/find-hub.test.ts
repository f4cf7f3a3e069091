import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { findHub } from './find-hub.js';
import type { HubCandidate, browseHubs } from './hub-browser.js';

/** A tiny HTTP server answering GET /api/health as a hub does (or with a failure). */
async function healthServer(status: 'ok' | 'failed', id?: string): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    if (request.url !== '/api/health') return void response.writeHead(404).end();
    response.writeHead(status === 'ok' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status, ...(id ? { id } : {}) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, server };
}

/**
 * The LAN heard through a stand-in for the mDNS browser: the test decides which hubs are heard and
 * when (real multicast between real processes is in tests/discovery/); the health checks are real HTTP.
 */
function lanOf(heard: HubCandidate[], delayMs = 0): { browse: typeof browseHubs; stopped: () => boolean; queries: () => number } {
  let stopped = false;
  let queries = 0;
  const browse: typeof browseHubs = (onHub) => {
    const timers = heard.map((hub, index) => setTimeout(() => onHub(hub), delayMs + index * 20));
    return {
      query: () => void (queries += 1),
      stop: async () => {
        stopped = true;
        timers.forEach(clearTimeout);
      },
    };
  };
  return { browse, stopped: () => stopped, queries: () => queries };
}

const candidate = (instance: string, name: string, urls: string[]): HubCandidate => ({ instance, id: instance.slice(8), name, urls, healthPath: '/api/health' });

describe('findHub', () => {
  const servers: Server[] = [];
  afterEach(() => servers.splice(0).forEach((server) => server.close()));
  const serve = async (status: 'ok' | 'failed', id?: string) => {
    const served = await healthServer(status, id);
    servers.push(served.server);
    return served.url;
  };

  it('takes the first hub that answers its health, tries its next address when one does not, and stops browsing', async () => {
    const ok = await serve('ok');
    const lan = lanOf([candidate('qms-hub-aaaaaaaaaaaa', 'Xã A', ['http://127.0.0.1:9', ok])]);
    const found = await findHub({ signal: new AbortController().signal, browse: lan.browse });
    expect(found).toEqual({ url: ok, name: 'Xã A', id: 'aaaaaaaaaaaa' });
    expect(lan.stopped()).toBe(true);
  });

  it('passes over a hub that says it failed, and says in the log when several hubs were heard', async () => {
    const failed = await serve('failed');
    const ok = await serve('ok');
    const logs: string[] = [];
    const lan = lanOf([candidate('qms-hub-bbbbbbbbbbbb', 'Xã B', [failed]), candidate('qms-hub-cccccccccccc', 'Xã C', [ok])]);
    const found = await findHub({ signal: new AbortController().signal, browse: lan.browse, log: (level, message) => logs.push(`${level} ${message}`) });
    expect(found?.url).toBe(ok);
    expect(logs).toContainEqual(expect.stringMatching(/^warn 2 hubs on the LAN: Xã B \(.*\), Xã C \(.*\); this station takes the first that answered, Xã C/));
  });

  it('looking for one hub by its id: another that answers first is passed over in silence', async () => {
    const other = await serve('ok');
    const moved = await serve('ok');
    const logs: string[] = [];
    const lan = lanOf([candidate('qms-hub-ffffffffffff', 'Xã khác', [other]), candidate('qms-hub-aaaaaaaaaaaa', 'Xã A', [moved])]);
    const found = await findHub({ signal: new AbortController().signal, browse: lan.browse, id: 'aaaaaaaaaaaa', log: (level, message) => logs.push(`${level} ${message}`) });
    expect(found).toEqual({ url: moved, name: 'Xã A', id: 'aaaaaaaaaaaa' });
    expect(logs.join('\n')).not.toContain('Xã khác');
  });

  it('another hub answering at the remembered address: its own id is taken, and looking for one hub by id, it is passed over', async () => {
    const other = await serve('ok', 'ffffffffffff');
    const remembered = { url: other, name: 'Xã D', id: 'dddddddddddd' };
    expect(await findHub({ signal: new AbortController().signal, browse: lanOf([]).browse, remembered })).toEqual({ url: other, name: 'Xã D', id: 'ffffffffffff' });
    const stop = new AbortController();
    const finding = findHub({ signal: stop.signal, browse: lanOf([]).browse, remembered, id: 'dddddddddddd' });
    setTimeout(() => stop.abort(), 300);
    expect(await finding, 'never that one').toBeNull();
  });

  it('takes the remembered hub when it answers, with nothing heard on the LAN (a restart needs no multicast)', async () => {
    const ok = await serve('ok');
    const lan = lanOf([]);
    const found = await findHub({ signal: new AbortController().signal, browse: lan.browse, remembered: { url: ok, name: 'Xã D', id: 'dddddddddddd' } });
    expect(found).toEqual({ url: ok, name: 'Xã D', id: 'dddddddddddd' });
  });

  it('keeps looking, asking the LAN again, until stopped: then null', async () => {
    const lan = lanOf([candidate('qms-hub-eeeeeeeeeeee', 'Xã E', ['http://127.0.0.1:9'])]);
    const stop = new AbortController();
    const finding = findHub({ signal: stop.signal, browse: lan.browse });
    await expect.poll(() => lan.queries(), { timeout: 5_000 }).toBeGreaterThan(0);
    stop.abort();
    expect(await finding).toBeNull();
    expect(lan.stopped()).toBe(true);
  });
});
