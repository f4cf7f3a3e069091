import { join } from 'node:path';
import { DEFAULT_TIME_ZONE, defaultEngineSettings, QueueEngine, systemClock } from '@qms/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../tests/support/temp-dir.js';
import { SqliteAccessStore } from './access-store.js';
import { SqliteConfigStore } from './config-store.js';
import { type Db, openDatabase } from './database.js';
import { SqliteQueueStore } from './queue-store.js';

/**
 * The access version (migration 017) moves with every change a cached token depends on and with
 * nothing else: the hub empties its token cache when it moves, so queue changes must leave it.
 */
describe('the access version', () => {
  let dir: ReturnType<typeof tempDir>;
  let db: Db;
  let access: SqliteAccessStore;
  const at = '2026-11-30T03:00:00.000Z';
  beforeEach(() => {
    dir = tempDir();
    db = openDatabase(join(dir.path, 'qms.db'));
    access = new SqliteAccessStore(db);
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  /** What `change` did to the version: how many steps it moved. */
  const moves = (change: () => unknown) => {
    const before = access.accessVersion();
    change();
    return access.accessVersion() - before;
  };

  it('moves when a token is revoked, a user or a device changes what it may do; not for new rows or queue changes', () => {
    const user = access.createUser({ username: 'quay1', role: 'staff', passwordHash: 'x', at });
    access.insertToken({ tokenHash: 'user-token', userId: user.id, at, expiresAt: null });
    const device = access.createPendingDevice({ kind: 'kiosk', name: 'Kiosk', pairingCode: '123456', pairingSecretHash: 's', pairingExpiresAt: at, remoteAddress: null, at });
    const counters = new SqliteConfigStore(db, new SqliteQueueStore(db));
    const service = counters.createService({
      code: 'dat-dai',
      name: 'Đất đai',
      nameEn: 'Land',
      prefix: 'A',
      rangeStart: 1,
      rangeEnd: 999,
      openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '24:00' }],
      active: true,
      position: 0,
      defaultServiceSeconds: 300,
    });
    const counter = counters.createCounter({ number: 1, name: 'Quầy 1', serviceIds: [service.id], status: 'open' });

    // Rows that no cached token stands for yet, the device's last sight and the queue: no move.
    expect(moves(() => access.insertToken({ tokenHash: 'other', userId: user.id, at, expiresAt: null }))).toBe(0);
    expect(moves(() => access.touchDevice(device.id, at))).toBe(0);
    expect(moves(() => access.setPin(user.id, 'pin-hash'))).toBe(0);
    const engine = new QueueEngine(new SqliteQueueStore(db), systemClock, () => defaultEngineSettings(DEFAULT_TIME_ZONE));
    expect(
      moves(() => {
        engine.issue({ serviceId: service.id, issuedBy: 'test' });
        engine.callNext(counter.id);
      }),
    ).toBe(0);

    // What a principal is made of: each change moves it.
    expect(moves(() => access.approveDevice(device.id, { by: 'admin', at, counterId: null, zone: '1-3' }))).toBeGreaterThan(0);
    expect(moves(() => access.updateUser(user.id, { role: 'technician' }))).toBeGreaterThan(0);
    expect(moves(() => access.setActive(user.id, false))).toBeGreaterThan(0);
    expect(moves(() => access.revokeToken('user-token', at))).toBeGreaterThan(0);
    expect(moves(() => access.revokeDevice(device.id, at))).toBeGreaterThan(0);
    expect(moves(() => access.deleteExpiredPending('2099-01-01T00:00:00.000Z'))).toBe(0);
  });

  it('is seen by another connection to the same file (the qms command revoking while the hub runs)', () => {
    const user = access.createUser({ username: 'quay2', role: 'staff', passwordHash: 'x', at });
    access.insertToken({ tokenHash: 'token', userId: user.id, at, expiresAt: null });
    const other = openDatabase(join(dir.path, 'qms.db'));
    try {
      const before = access.accessVersion();
      new SqliteAccessStore(other).revokeToken('token', at);
      expect(access.accessVersion()).toBeGreaterThan(before);
    } finally {
      other.close();
    }
  });
});
