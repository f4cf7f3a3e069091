import type { DeviceKind, Principal, Role } from '@qms/core';
import type { DeviceAlertRecord, DeviceRecord, UserRecord } from './access-records.js';
import { type DeviceRow, type TokenRow, toDevice, toUser, type UserRow } from './access-rows.js';
import { SqliteAuditLog } from './audit-log.js';
import type { Db } from './database.js';

/**
 * Users, paired devices and their tokens. It stores only digests: password hashes made by the
 * caller, SHA-256 of tokens and pairing secrets. Safe to use from the qms command while the hub runs.
 * Changes to users and devices are recorded in `audit` in their own transaction.
 */
export class SqliteAccessStore {
  readonly audit: SqliteAuditLog;
  private readonly sql;
  /** One transaction wrapper for every call (making one per call costs more than the BEGIN itself). */
  private readonly run;

  constructor(private readonly db: Db) {
    this.sql = {
      token: db.prepare<[string], TokenRow>(
        `SELECT t.expires_at, t.revoked_at,
                u.id AS user_id, u.username, u.display_name, u.role, u.active AS user_active,
                d.id AS device_id, d.name AS device_name, d.kind, d.status AS device_status, d.counter_id, d.zone
         FROM tokens t LEFT JOIN users u ON u.id = t.user_id LEFT JOIN devices d ON d.id = t.device_id
         WHERE t.token_hash = ?`,
      ),
      userByName: db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?'),
      device: db.prepare<[number], DeviceRow>('SELECT * FROM devices WHERE id = ?'),
      touch: db.prepare<[string, number]>('UPDATE devices SET last_seen_at = ?, pairing_secret_hash = NULL WHERE id = ?'),
      accessVersion: db.prepare<[], number>('SELECT version FROM access_version').pluck(),
    };
    this.run = db.transaction((fn: () => unknown) => fn());
    this.audit = new SqliteAuditLog(db);
  }

  transaction<T>(fn: () => T): T {
    return this.run.immediate(fn) as T;
  }

  /**
   * Changes whenever a token, a user's name, role or state, or a device's approval, counter or zone
   * changed, on any connection (the qms command's too): migration 017's triggers. Queue changes leave it.
   */
  accessVersion(): number {
    return this.sql.accessVersion.get() ?? 0;
  }

  // ---- users

  countUsers(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  createUser(input: { username: string; role: Role; displayName?: string; passwordHash: string; at: string }): UserRecord {
    const row = this.db
      .prepare<unknown[], UserRow>(
        `INSERT INTO users (username, role, display_name, password_hash, created_at, password_changed_at)
         VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(input.username, input.role, input.displayName ?? '', input.passwordHash, input.at, input.at);
    if (!row) throw new Error('user insert returned no row');
    return toUser(row);
  }

  /** The user with their password and PIN hashes, for a login check. */
  findUserForLogin(username: string): { user: UserRecord; passwordHash: string; pinHash: string | null } | undefined {
    const row = this.sql.userByName.get(username);
    return row && { user: toUser(row), passwordHash: row.password_hash, pinHash: row.pin_hash };
  }

  findUserById(id: number): UserRecord | undefined {
    const row = this.db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?').get(id);
    return row && toUser(row);
  }

  findUser(username: string): UserRecord | undefined {
    const row = this.sql.userByName.get(username);
    return row && toUser(row);
  }

  listUsers(): UserRecord[] {
    return this.db.prepare<[], UserRow>('SELECT * FROM users ORDER BY id').all().map(toUser);
  }

  setPassword(userId: number, passwordHash: string, at: string): void {
    this.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(passwordHash, at, userId);
  }

  setPin(userId: number, pinHash: string | null): void {
    this.db.prepare('UPDATE users SET pin_hash = ? WHERE id = ?').run(pinHash, userId);
  }

  setActive(userId: number, active: boolean): void {
    this.db.prepare('UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, userId);
  }

  /** Changes the user's display name and/or role; returns the user as it is now. */
  updateUser(userId: number, changes: { displayName?: string; role?: Role }): UserRecord {
    const row = this.db
      .prepare<[string | null, string | null, number], UserRow>('UPDATE users SET display_name = coalesce(?, display_name), role = coalesce(?, role) WHERE id = ? RETURNING *')
      .get(changes.displayName ?? null, changes.role ?? null, userId);
    if (!row) throw new Error(`no user with id ${userId}`);
    return toUser(row);
  }

  /** Active users with role admin. */
  countActiveAdmins(): number {
    return this.db.prepare<[], { n: number }>("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1").get()?.n ?? 0;
  }

  // ---- tokens

  insertToken(input: { tokenHash: string; userId?: number; deviceId?: number; at: string; expiresAt: string | null }): void {
    this.db
      .prepare('INSERT INTO tokens (token_hash, user_id, device_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(input.tokenHash, input.userId ?? null, input.deviceId ?? null, input.at, input.expiresAt);
  }

  /** Who holds a token and until when, if it is valid at `at` (not revoked, not expired, its user active or device approved). */
  principalForToken(tokenHash: string, at: string): { principal: Principal; expiresAt: string | null } | undefined {
    const row = this.sql.token.get(tokenHash);
    if (!row || row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= at)) return undefined;
    if (row.user_id !== null && row.user_active === 1 && row.username !== null) {
      return { principal: { type: 'user', id: row.user_id, username: row.username, displayName: row.display_name ?? '', role: row.role as Role }, expiresAt: row.expires_at };
    }
    if (row.device_id !== null && row.device_status === 'approved') {
      return {
        principal: { type: 'device', id: row.device_id, name: row.device_name ?? '', kind: row.kind as DeviceKind, counterId: row.counter_id, zone: row.zone },
        expiresAt: row.expires_at,
      };
    }
    return undefined;
  }

  revokeToken(tokenHash: string, at: string): void {
    this.db.prepare('UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL').run(at, tokenHash);
  }

  revokeTokensOf(owner: { userId: number } | { deviceId: number }, at: string): number {
    const [column, id] = 'userId' in owner ? ['user_id', owner.userId] : ['device_id', owner.deviceId];
    return this.db.prepare(`UPDATE tokens SET revoked_at = ? WHERE ${column} = ? AND revoked_at IS NULL`).run(at, id).changes;
  }

  // ---- devices

  createPendingDevice(input: { kind: DeviceKind; name: string; pairingCode: string; pairingSecretHash: string; pairingExpiresAt: string; remoteAddress: string | null; at: string }): DeviceRecord {
    const row = this.db
      .prepare<unknown[], DeviceRow>(
        `INSERT INTO devices (kind, name, status, pairing_code, pairing_secret_hash, pairing_expires_at, remote_address, created_at)
         VALUES (?, ?, 'pending', ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(input.kind, input.name, input.pairingCode, input.pairingSecretHash, input.pairingExpiresAt, input.remoteAddress, input.at);
    if (!row) throw new Error('device insert returned no row');
    return toDevice(row);
  }

  getDevice(id: number): DeviceRecord | undefined {
    const row = this.sql.device.get(id);
    return row && toDevice(row);
  }

  /** The device and its pairing-secret digest (null once the device has used its token). */
  getDeviceForPairing(id: number): { device: DeviceRecord; pairingSecretHash: string | null } | undefined {
    const row = this.sql.device.get(id);
    return row && { device: toDevice(row), pairingSecretHash: row.pairing_secret_hash };
  }

  findPendingByCode(code: string): DeviceRecord | undefined {
    const row = this.db.prepare<[string], DeviceRow>("SELECT * FROM devices WHERE status = 'pending' AND pairing_code = ?").get(code);
    return row && toDevice(row);
  }

  listDevices(): DeviceRecord[] {
    return this.db.prepare<[], DeviceRow>('SELECT * FROM devices ORDER BY id').all().map(toDevice);
  }

  countPending(at: string): number {
    return this.db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM devices WHERE status = 'pending' AND pairing_expires_at > ?").get(at)?.n ?? 0;
  }

  approveDevice(id: number, input: { by: string; at: string; counterId: number | null; name?: string; zone?: string | null }): void {
    this.db
      .prepare(
        `UPDATE devices SET status = 'approved', approved_at = ?, approved_by = ?, counter_id = ?, name = coalesce(?, name), zone = ?, pairing_code = NULL
         WHERE id = ? AND status = 'pending'`,
      )
      .run(input.at, input.by, input.counterId, input.name ?? null, input.zone ?? null, id);
  }

  counterExists(counterId: number): boolean {
    return this.db.prepare('SELECT 1 FROM counters WHERE id = ?').get(counterId) !== undefined;
  }

  revokeDevice(id: number, at: string): void {
    this.transaction(() => {
      this.db.prepare("UPDATE devices SET status = 'revoked', revoked_at = ?, pairing_code = NULL, pairing_secret_hash = NULL WHERE id = ?").run(at, id);
      this.revokeTokensOf({ deviceId: id }, at);
    });
  }

  /** The device used its token: remember when, and forget the pairing secret (it is no longer needed). */
  touchDevice(id: number, at: string): void {
    this.sql.touch.run(at, id);
  }

  /** Raises (or updates) the device's alert for one source, or clears it; false when nothing changed. */
  setAlert(input: { deviceId: number; source: string; code: string; message: string; active: boolean; at: string }): boolean {
    if (input.active) {
      return (
        this.db
          .prepare(
            `INSERT INTO device_alerts (device_id, source, code, message, raised_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (device_id, source) DO UPDATE SET code = excluded.code, message = excluded.message,
             raised_at = CASE WHEN cleared_at IS NULL AND code = excluded.code THEN raised_at ELSE excluded.raised_at END, cleared_at = NULL`,
          )
          .run(input.deviceId, input.source, input.code, input.message, input.at).changes > 0
      );
    }
    return this.db.prepare('UPDATE device_alerts SET cleared_at = ? WHERE device_id = ? AND source = ? AND cleared_at IS NULL').run(input.at, input.deviceId, input.source).changes > 0;
  }

  /** The alerts of every device, the ones still active first, then the latest cleared. */
  listAlerts(): DeviceAlertRecord[] {
    return this.db
      .prepare<[], DeviceAlertRecord>(
        `SELECT a.device_id AS deviceId, d.name AS deviceName, d.kind AS deviceKind, a.source, a.code, a.message,
                a.raised_at AS raisedAt, a.cleared_at AS clearedAt
         FROM device_alerts a JOIN devices d ON d.id = a.device_id
         ORDER BY a.cleared_at IS NOT NULL, coalesce(a.cleared_at, a.raised_at) DESC LIMIT 200`,
      )
      .all();
  }

  /** Removes pending requests whose code expired before `at`. */
  deleteExpiredPending(at: string): number {
    return this.db.prepare("DELETE FROM devices WHERE status = 'pending' AND pairing_expires_at <= ?").run(at).changes;
  }
}
