import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StationConfigError } from './config-error.js';

/** `hubId`: the hub's stable id when the station found it on the LAN (null or absent: configured by URL, or paired before ids were kept). */
export type Credentials =
  | { state: 'paired'; hubUrl: string; hubId?: string | null; deviceId: number; token: string }
  | { state: 'pairing'; hubUrl: string; hubId?: string | null; deviceId: number; secret: string; code: string; expiresAt: string };

/** The station's secret, credentials.json beside station.json: written atomically, readable by its owner only. */
export class CredentialStore {
  private readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'credentials.json');
  }

  /**
   * The credentials for this hub: the one at `hubUrl`, or, given its id, the same hub at another
   * address (the file then follows it there: a hub whose address changed needs no new pairing).
   * Credentials of another hub are no use here: null, and the station pairs again.
   */
  load(hubUrl: string, hubId: string | null = null): Credentials | null {
    if (!existsSync(this.file)) return null;
    let value: Credentials;
    try {
      value = JSON.parse(readFileSync(this.file, 'utf8')) as Credentials;
    } catch (error) {
      throw new StationConfigError(`${this.file}: ${(error as Error).message}; delete the file and pair the station again`);
    }
    if (value?.state !== 'paired' && value?.state !== 'pairing') return null;
    // The same hub: by its id when both are known, else by its address.
    const byId = hubId !== null && typeof value.hubId === 'string';
    if (byId ? value.hubId !== hubId : value.hubUrl !== hubUrl) return null;
    if (value.hubUrl === hubUrl && (hubId === null || value.hubId === hubId)) return value;
    // The hub moved (or its id was not kept yet): remembered at this address, with its id.
    const followed: Credentials = { ...value, hubUrl, hubId: hubId ?? value.hubId ?? null };
    this.save(followed);
    return followed;
  }

  save(credentials: Credentials): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
