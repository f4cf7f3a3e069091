import { networkInterfaces } from 'node:os';
import { Writable } from 'node:stream';
import { Bonjour } from 'bonjour-service';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_HEALTH_PATH } from '@qms/protocol';
import { announceHub, type HubAnnouncement } from './announce.js';

/** A pino logger whose lines are kept, to read what the hub would have logged. */
function capturedLogger() {
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const hasLan = Object.values(networkInterfaces())
  .flat()
  .some((address) => address?.family === 'IPv4' && !address.internal);

/**
 * The hub's announcement on the real network of this machine (multicast out of its LAN interface
 * loops back to this host), heard by bonjour-service's own browser: what a station sees.
 */
describe('announceHub', () => {
  let announcement: HubAnnouncement | undefined;
  let listener: Bonjour | undefined;
  afterEach(async () => {
    await announcement?.stop();
    listener?.destroy();
    announcement = undefined;
    listener = undefined;
  });

  it.skipIf(!hasLan)('announces _qms._tcp with the TXT record a station reads, and says goodbye on stop', async () => {
    const id = `0a1b2c${String(process.pid % 1_000_000).padStart(6, '0')}`;
    const { logger, lines } = capturedLogger();
    listener = new Bonjour();
    const browser = listener.find({ type: 'qms', protocol: 'tcp' });
    const mine = (service: Bonjour.Service) => service.name === `qms-hub-${id}`;
    const up = new Promise<Bonjour.Service>((resolve) => browser.on('up', (service) => mine(service) && resolve(service)));
    const down = new Promise<void>((resolve) => browser.on('down', (service) => mine(service) && resolve()));

    announcement = announceHub({ port: 41_234, id, centreName: 'UBND xã Hòa Phú', version: '9.9.9', logger });
    const service = await up;
    expect(service.port).toBe(41_234);
    expect(service.txt).toEqual({ txtvers: '1', id, name: 'UBND xã Hòa Phú', version: '9.9.9', health: HUB_HEALTH_PATH });
    await expect.poll(() => lines.some((line) => line.level === 30 && line.msg.includes(`announcing the hub on the LAN as qms-hub-${id}`))).toBe(true);

    const started = Date.now();
    await announcement.stop();
    expect(Date.now() - started).toBeLessThan(1_500);
    // The goodbye (records with a TTL of 0) takes the hub off the browser's list at once.
    await down;
  });

  it('cannot announce (an interface this machine does not have): a warning in the log, no throw, a prompt stop', async () => {
    const { logger, lines } = capturedLogger();
    announcement = announceHub({ port: 41_235, id: 'ffffffffffff', centreName: null, version: '9.9.9', logger, interface: '203.0.113.9' });
    await expect.poll(() => lines.some((line) => line.level === 40 && line.msg.includes('cannot announce itself on the LAN'))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(lines.some((line) => line.msg.includes('announcing the hub on the LAN as'))).toBe(false);
    const started = Date.now();
    await announcement.stop();
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
