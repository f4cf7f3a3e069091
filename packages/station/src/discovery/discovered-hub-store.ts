import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FoundHub } from './find-hub.js';

/**
 * discovered-hub.json beside station.json: the hub this station found on the LAN, so that its next
 * start asks it first and does not depend on multicast. Used only while station.json (or a flag)
 * gives no hub URL; delete it to make the station look again from scratch.
 */
export class DiscoveredHubStore {
  readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'discovered-hub.json');
  }

  /** The hub found last time, or null (none yet, or a file that is not one: it is then looked for again). */
  load(): FoundHub | null {
    if (!existsSync(this.file)) return null;
    try {
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<FoundHub>;
      if (typeof value.url !== 'string' || typeof value.name !== 'string') return null;
      const url = new URL(value.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
      return { url: url.origin, name: value.name, id: typeof value.id === 'string' ? value.id : null };
    } catch {
      // A damaged file costs only a new search on the LAN.
      return null;
    }
  }

  save(hub: FoundHub): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ ...hub, foundAt: new Date().toISOString() }, null, 2)}\n`);
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
