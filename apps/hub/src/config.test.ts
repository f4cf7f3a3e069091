import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { loadHubConfig } from './config.js';

/** The hub's configuration: defaults < DATA/hub.json < QMS_* environment, checked at start. */
describe('hub configuration: nightly backups', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    mkdirSync(dir.path, { recursive: true });
  });
  afterEach(() => dir.cleanup());

  const withFile = (content: unknown) => writeFileSync(join(dir.path, 'hub.json'), JSON.stringify(content));
  const load = (env: NodeJS.ProcessEnv = {}) => loadHubConfig({ data: dir.path }, env);

  it('writes at 02:30 centre time and keeps 14 days by default', () => {
    expect(load().backup).toEqual({ at: '02:30', keepDays: 14 });
  });

  it('takes hub.json over the defaults, and the environment over hub.json', () => {
    withFile({ backup: { at: '23:15', keepDays: 30 } });
    expect(load().backup).toEqual({ at: '23:15', keepDays: 30 });
    withFile({ backup: { keepDays: 7 } });
    expect(load().backup).toEqual({ at: '02:30', keepDays: 7 });
    expect(load({ QMS_BACKUP_AT: '04:00', QMS_BACKUP_KEEP_DAYS: '3' }).backup).toEqual({ at: '04:00', keepDays: 3 });
  });

  it('stops the hub at start with a message naming the setting', () => {
    expect(() => load({ QMS_BACKUP_AT: '2:30' })).toThrow(/QMS_BACKUP_AT: "2:30" must be a time of day HH:MM/);
    expect(() => load({ QMS_BACKUP_AT: '24:00' })).toThrow(/QMS_BACKUP_AT/);
    expect(() => load({ QMS_BACKUP_KEEP_DAYS: '0' })).toThrow(/QMS_BACKUP_KEEP_DAYS: "0" must be a whole number of days from 1 to 3650/);
    expect(() => load({ QMS_BACKUP_KEEP_DAYS: '1.5' })).toThrow(/QMS_BACKUP_KEEP_DAYS/);
    withFile({ backup: { at: 230 } });
    expect(() => load()).toThrow(/hub.json backup.at: "230"/);
    withFile({ backup: { keep: 3 } });
    expect(() => load()).toThrow(/unknown setting "backup.keep" \(known: at, keepDays\)/);
    withFile({ backup: '02:30' });
    expect(() => load()).toThrow(/"backup" must be an object/);
  });
});

/** Announcing on the LAN (mDNS): on by default; hub.json < QMS_MDNS < --no-mdns. */
describe('hub configuration: announcing on the LAN', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
    mkdirSync(dir.path, { recursive: true });
  });
  afterEach(() => dir.cleanup());

  const withFile = (content: unknown) => writeFileSync(join(dir.path, 'hub.json'), JSON.stringify(content));

  it('announces unless switched off by hub.json, QMS_MDNS or --no-mdns', () => {
    expect(loadHubConfig({ data: dir.path }, {}).mdns).toBe(true);
    expect(loadHubConfig({ data: dir.path, mdns: false }, {}).mdns).toBe(false);
    expect(loadHubConfig({ data: dir.path }, { QMS_MDNS: '0' }).mdns).toBe(false);
    expect(loadHubConfig({ data: dir.path }, { QMS_MDNS: 'off' }).mdns).toBe(false);
    withFile({ mdns: false });
    expect(loadHubConfig({ data: dir.path }, {}).mdns).toBe(false);
    expect(loadHubConfig({ data: dir.path }, { QMS_MDNS: '1' }).mdns).toBe(true);
    expect(loadHubConfig({ data: dir.path, mdns: false }, { QMS_MDNS: '1' }).mdns).toBe(false);
    withFile({ mdns: 'no' });
    expect(() => loadHubConfig({ data: dir.path }, {})).toThrow(/hub.json: "mdns" must be true or false/);
  });
});
