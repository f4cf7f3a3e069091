import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StationConfigError } from './config-error.js';

export type Credentials =
  { state: 'paired'; hubUrl: string; deviceId: number; token: string } | { state: 'pairing'; hubUrl: string; deviceId: number; secret: string; code: string; expiresAt: string };

/** The station's secret, credentials.json beside station.json: written atomically, readable by its owner only. */
export class CredentialStore {
  private readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'credentials.json');
  }

  load(hubUrl: string): Credentials | null {
    if (!existsSync(this.file)) return null;
    let value: Credentials;
    try {
      value = JSON.parse(readFileSync(this.file, 'utf8')) as Credentials;
    } catch (error) {
      throw new StationConfigError(`${this.file}: ${(error as Error).message}; delete the file and pair the station again`);
    }
    // Credentials of another hub are no use here: pair again.
    return value?.hubUrl === hubUrl && (value.state === 'paired' || value.state === 'pairing') ? value : null;
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
