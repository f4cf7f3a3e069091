import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ID = /^[0-9a-f]{12}$/;

/**
 * The hub's stable id, announced on the LAN so a station can tell one hub from another whatever
 * their addresses: twelve hex digits made at the first start and kept in DATA/hub-id (a copy of
 * the data folder is the same hub).
 */
export function hubIdIn(dataDir: string): string {
  const file = join(dataDir, 'hub-id');
  try {
    const kept = readFileSync(file, 'utf8').trim();
    if (ID.test(kept)) return kept;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const id = randomBytes(6).toString('hex');
  writeFileSync(file, `${id}\n`);
  return id;
}
