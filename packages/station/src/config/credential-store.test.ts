import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CredentialStore } from './credential-store.js';

describe('CredentialStore', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), 'qms-credentials-'));
    dirs.push(dir);
    return { store: new CredentialStore(dir), file: join(dir, 'credentials.json') };
  };
  const paired = { state: 'paired', hubUrl: 'http://192.168.1.10:8080', hubId: 'a1b2c3d4e5f6', deviceId: 7, token: 'secret-token' } as const;

  it('follows the hub found by its id at another address, and keeps the file readable by its owner only', () => {
    const { store: credentials, file } = store();
    credentials.save(paired);
    expect(credentials.load('http://192.168.1.23:8080', 'a1b2c3d4e5f6')).toEqual({ ...paired, hubUrl: 'http://192.168.1.23:8080' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ hubUrl: 'http://192.168.1.23:8080', hubId: 'a1b2c3d4e5f6', token: 'secret-token' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(credentials.load('http://192.168.1.23:8080')).toMatchObject({ deviceId: 7 });
  });

  it('another hub, by its id even at the same address, or by its address without ids: none, the station pairs again', () => {
    const { store: credentials } = store();
    credentials.save(paired);
    expect(credentials.load('http://192.168.1.10:8080', 'ffffffffffff')).toBeNull();
    expect(credentials.load('http://192.168.1.99:8080')).toBeNull();
    expect(credentials.load('http://192.168.1.99:8080', null)).toBeNull();
  });

  it('credentials kept before ids (by address only) take the id of the hub found at that address', () => {
    const { store: credentials, file } = store();
    credentials.save({ state: 'paired', hubUrl: paired.hubUrl, deviceId: 7, token: 'secret-token' });
    expect(credentials.load('http://192.168.1.23:8080', 'a1b2c3d4e5f6'), 'no id kept: another address is another hub').toBeNull();
    expect(credentials.load(paired.hubUrl, 'a1b2c3d4e5f6')).toEqual(paired);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ hubId: 'a1b2c3d4e5f6' });
  });
});
