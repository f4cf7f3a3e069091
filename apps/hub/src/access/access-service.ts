import type { AuditActor, AuditRecord, Clock, DeviceKind, Principal, Role } from '@qms/core';
import { auditActorOf, auditEntry, isDisplayZone, LoginThrottle, SYSTEM_ACTOR } from '@qms/core';
import type { DeviceAlertRecord, DeviceRecord, SqliteAccessStore, UserRecord } from '@qms/db';
import { ApiError } from '../api-error.js';
import { decoyHash, generatePassword, hashSecret, type ScryptCost, verifySecret } from '../security/passwords.js';
import { digest, newPairingCode, newToken, normalizePairingCode } from '../security/tokens.js';

export interface AccessOptions {
  /** How long a person's login lasts. Device tokens last until revoked. */
  sessionHours: number;
  /** How long a pairing code stays valid. */
  pairingMinutes: number;
  /** Pending pairing requests allowed at once (a flood guard). */
  maxPendingDevices: number;
  /** scrypt's cost for the passwords and PINs set through the hub; the default unless a test lowers it to run fast. */
  passwordCost?: ScryptCost;
}

export const DEFAULT_ACCESS_OPTIONS: AccessOptions = { sessionHours: 12, pairingMinutes: 15, maxPendingDevices: 20 };

const TOUCH_EVERY_MS = 60_000;
/** The kinds of device a technician ties to a counter (a rating pad must be). */
const BOUND_TO_A_COUNTER: readonly DeviceKind[] = ['counter', 'rating'];
const TOKEN_CACHE_SIZE = 1_000;
/** How long the cached tokens are trusted without a look at the access version: a revocation by the qms command applies within this. */
const ACCESS_CHECK_MS = 2;

/**
 * People and devices: login with throttling, bearer tokens, device pairing, user accounts.
 * Used by the hub's routes and by the qms command (on the same database file).
 */
export class AccessService {
  private readonly byUser: LoginThrottle;
  private readonly byAddress: LoginThrottle;
  private readonly lastTouch = new Map<number, number>();
  /**
   * Token → principal, so each request does not repeat the lookup (nor the digest: the database
   * keeps only digests; this process sees the tokens anyway, in every request). Emptied when this
   * service revokes anything, and when the access version moved (a token, user or device changed,
   * here or through the qms command); queue changes leave it.
   */
  private readonly tokens = new Map<string, { principal: Principal; expiresAtMs: number }>();
  private tokensVersion: number | undefined;
  private versionCheckedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: SqliteAccessStore,
    private readonly clock: Clock,
    private readonly options: AccessOptions = DEFAULT_ACCESS_OPTIONS,
  ) {
    this.byUser = new LoginThrottle(clock, { maxFailures: 5, windowSeconds: 15 * 60, lockSeconds: 5 * 60 });
    this.byAddress = new LoginThrottle(clock, { maxFailures: 20, windowSeconds: 15 * 60, lockSeconds: 15 * 60 });
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  /** Records a change to users or devices in the audit log: call it inside the change's transaction. */
  private audit(actor: AuditActor, record: AuditRecord): void {
    this.store.audit.append(auditEntry(record, actor, this.now()));
  }

  // ---- people

  /**
   * Signs a person in with their password, or with their PIN (a clerk at a counter station). Both
   * count against the same throttle: five failures lock the name, twenty the address.
   */
  async login(username: string, secret: { password: string } | { pin: string }, address: string): Promise<{ token: string; expiresAt: string; user: UserRecord }> {
    const userKey = `user:${username.toLowerCase()}`;
    const addressKey = `addr:${address}`;
    const wait = Math.max(this.byUser.retryAfter(userKey), this.byAddress.retryAfter(addressKey));
    if (wait > 0) {
      throw new ApiError('auth.too_many_attempts', `too many failed logins; try again in ${wait} s`, { retryAfterSeconds: wait }, { 'retry-after': String(wait) });
    }
    const found = this.store.findUserForLogin(username);
    const method = 'pin' in secret ? 'pin' : 'password';
    const [given, stored] = 'pin' in secret ? [secret.pin, found?.pinHash] : [secret.password, found?.passwordHash];
    // Without a stored hash, verify against a decoy anyway: an unknown name takes as long as a wrong password.
    const valid = (await verifySecret(given, stored ?? (await decoyHash()))) && stored !== undefined && stored !== null;
    if (!found || !valid || !found.user.active) {
      this.byUser.recordFailure(userKey);
      this.byAddress.recordFailure(addressKey);
      // The name tried and why it failed, for the technician; never the secret. The answer stays the same for every reason.
      const reason = !found ? 'unknown_user' : !found.user.active ? 'user_disabled' : stored === null ? 'no_pin' : `wrong_${method}`;
      this.audit(found ? this.userActor(found.user) : { type: 'system', id: null, name: 'sign-in' }, {
        action: 'user.login_failed',
        details: { username, method, address, reason },
      });
      throw new ApiError('auth.invalid_credentials', 'wrong user name or password');
    }
    this.byUser.recordSuccess(userKey);
    const token = newToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.options.sessionHours * 3_600_000).toISOString();
    this.store.transaction(() => {
      this.store.insertToken({ tokenHash: digest(token), userId: found.user.id, at: this.now(), expiresAt });
      this.audit(this.userActor(found.user), { action: 'user.login', details: { userId: found.user.id, username: found.user.username, method, address } });
    });
    return { token, expiresAt, user: found.user };
  }

  /** Who holds this bearer token now, or undefined when it is unknown, revoked or expired. */
  authenticate(token: string): Principal | undefined {
    const checkedAt = performance.now();
    if (checkedAt - this.versionCheckedAt >= ACCESS_CHECK_MS) {
      this.versionCheckedAt = checkedAt;
      const version = this.store.accessVersion();
      if (version !== this.tokensVersion) {
        this.tokens.clear();
        this.tokensVersion = version;
      }
    }
    // Milliseconds, not an ISO string: formatting the clock cost more than the rest of a cache hit.
    const nowMs = this.clock.now().getTime();
    let entry = this.tokens.get(token);
    if (!entry) {
      const found = this.store.principalForToken(digest(token), new Date(nowMs).toISOString());
      if (!found) return undefined;
      entry = { principal: found.principal, expiresAtMs: found.expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(found.expiresAt) };
      if (this.tokens.size >= TOKEN_CACHE_SIZE) this.tokens.clear();
      this.tokens.set(token, entry);
    }
    if (entry.expiresAtMs <= nowMs) {
      this.tokens.delete(token);
      return undefined;
    }
    if (entry.principal.type === 'device') this.touch(entry.principal.id);
    return entry.principal;
  }

  logout(token: string): void {
    this.store.revokeToken(digest(token), this.now());
    this.tokens.clear();
  }

  /** Adds a user; `actor` is who the audit log names (the hub itself on first start). */
  async createUser(input: { username: string; role: Role; password: string; displayName?: string }, actor: AuditActor = SYSTEM_ACTOR): Promise<UserRecord> {
    if (this.store.findUser(input.username)) throw new ApiError('user.exists', `user "${input.username}" already exists`);
    const passwordHash = await hashSecret(input.password, this.options.passwordCost);
    return this.store.transaction(() => {
      const user = this.store.createUser({ ...input, passwordHash, at: this.now() });
      this.audit(actor, { action: 'user.created', details: { userId: user.id, username: user.username, role: user.role } });
      return user;
    });
  }

  /** Sets a new password and signs the user out everywhere. */
  async setPassword(username: string, password: string, actor: AuditActor = SYSTEM_ACTOR): Promise<UserRecord> {
    const user = this.store.findUser(username);
    if (!user) throw new ApiError('user.not_found', `no user "${username}"`);
    const passwordHash = await hashSecret(password, this.options.passwordCost);
    this.store.transaction(() => {
      this.store.setPassword(user.id, passwordHash, this.now());
      this.store.revokeTokensOf({ userId: user.id }, this.now());
      this.audit(actor, { action: 'user.password_set', details: { userId: user.id, username: user.username } });
    });
    this.tokens.clear();
    return user;
  }

  /** Sets (or, with null, removes) a user's PIN; signs the user out everywhere. */
  async setPin(username: string, pin: string | null, actor: AuditActor = SYSTEM_ACTOR): Promise<UserRecord> {
    const user = this.store.findUser(username);
    if (!user) throw new ApiError('user.not_found', `no user "${username}"`);
    const pinHash = pin === null ? null : await hashSecret(pin, this.options.passwordCost);
    this.store.transaction(() => {
      this.store.setPin(user.id, pinHash);
      this.store.revokeTokensOf({ userId: user.id }, this.now());
      this.audit(actor, { action: pin === null ? 'user.pin_removed' : 'user.pin_set', details: { userId: user.id, username: user.username } });
    });
    this.tokens.clear();
    return user;
  }

  /** Who the audit log names for a user's own sign-in: the user, as auditActorOf names a signed-in person. */
  private userActor(user: UserRecord): AuditActor {
    return auditActorOf({ type: 'user', id: user.id, username: user.username, displayName: user.displayName, role: user.role });
  }

  /**
   * Switches a user on or off. Off signs them out everywhere at once (their tokens are revoked)
   * and their logins are refused; the last active admin stays on (user.last_admin).
   */
  setActive(username: string, active: boolean, actor: AuditActor = SYSTEM_ACTOR): UserRecord {
    const updated = this.store.transaction(() => {
      const user = this.store.findUser(username);
      if (!user) throw new ApiError('user.not_found', `no user "${username}"`);
      if (user.active === active) return user;
      if (!active && user.role === 'admin' && this.store.countActiveAdmins() <= 1) {
        throw new ApiError('user.last_admin', `"${user.username}" is the last active admin; give another user the admin role (or switch one on) first`);
      }
      this.store.setActive(user.id, active);
      if (!active) this.store.revokeTokensOf({ userId: user.id }, this.now());
      this.audit(actor, { action: active ? 'user.enabled' : 'user.disabled', details: { userId: user.id, username: user.username } });
      return { ...user, active };
    });
    this.tokens.clear();
    return updated;
  }

  /** Changes a user's display name and/or role; the last active admin keeps the admin role (user.last_admin). */
  updateUser(username: string, changes: { displayName?: string; role?: Role }, actor: AuditActor = SYSTEM_ACTOR): UserRecord {
    const updated = this.store.transaction(() => {
      const user = this.store.findUser(username);
      if (!user) throw new ApiError('user.not_found', `no user "${username}"`);
      const changed: Record<string, { from: string; to: string }> = {};
      if (changes.displayName !== undefined && changes.displayName !== user.displayName) changed.displayName = { from: user.displayName, to: changes.displayName };
      if (changes.role !== undefined && changes.role !== user.role) changed.role = { from: user.role, to: changes.role };
      if (Object.keys(changed).length === 0) return user;
      if (changed.role && user.role === 'admin' && user.active && this.store.countActiveAdmins() <= 1) {
        throw new ApiError('user.last_admin', `"${user.username}" is the last active admin and keeps that role; make another user admin first`);
      }
      const result = this.store.updateUser(user.id, changes);
      this.audit(actor, { action: 'user.updated', details: { userId: user.id, username: user.username, changes: changed } });
      return result;
    });
    // A cached principal carries the role and the display name.
    this.tokens.clear();
    return updated;
  }

  /** On first start: creates user admin with the given password, or a generated one returned to print once. */
  async ensureAdmin(password: string | undefined): Promise<{ created: boolean; generatedPassword?: string }> {
    if (this.store.countUsers() > 0) return { created: false };
    const generated = password ? undefined : generatePassword();
    await this.createUser({ username: 'admin', role: 'admin', password: password ?? (generated as string), displayName: 'Administrator' });
    return generated ? { created: true, generatedPassword: generated } : { created: true };
  }

  /** Whether this password still signs this user in (no throttle, nothing recorded): the hub's start-up message checks its first admin password. */
  async passwordWorks(username: string, password: string): Promise<boolean> {
    const found = this.store.findUserForLogin(username);
    if (!found?.user.active || !found.passwordHash) return false;
    return verifySecret(password, found.passwordHash);
  }

  listUsers(): UserRecord[] {
    return this.store.listUsers();
  }

  // ---- devices

  /** A station asks to pair: it gets a code to show and a secret to poll with. */
  requestPairing(input: { kind: DeviceKind; name: string; address: string | null }): { device: DeviceRecord; code: string; secret: string } {
    return this.store.transaction(() => {
      const at = this.now();
      this.store.deleteExpiredPending(at);
      if (this.store.countPending(at) >= this.options.maxPendingDevices) {
        throw new ApiError('device.too_many_pending', `${this.options.maxPendingDevices} stations are already waiting for approval; approve or let them expire first`);
      }
      const secret = newToken();
      const expiresAt = new Date(this.clock.now().getTime() + this.options.pairingMinutes * 60_000).toISOString();
      for (;;) {
        const code = newPairingCode();
        if (this.store.findPendingByCode(code)) continue;
        const device = this.store.createPendingDevice({
          kind: input.kind,
          name: input.name,
          pairingCode: code,
          pairingSecretHash: digest(secret),
          pairingExpiresAt: expiresAt,
          remoteAddress: input.address,
          at,
        });
        return { device, code, secret };
      }
    });
  }

  /**
   * The station asks whether it was approved. Once approved it receives a token; asking again
   * (say the answer was lost on the network) gives a fresh token and revokes the earlier one,
   * until the station first uses its token.
   */
  pollPairing(deviceId: number, secret: string): { status: 'pending' } | { status: 'approved'; token: string; device: DeviceRecord } {
    return this.store.transaction(() => {
      const found = this.store.getDeviceForPairing(deviceId);
      if (!found || !found.pairingSecretHash || found.pairingSecretHash !== digest(secret)) {
        throw new ApiError('device.pairing_not_found', 'no pairing request matches this device id and secret; ask to pair again');
      }
      const { device } = found;
      if (device.status === 'revoked') throw new ApiError('device.pairing_refused', 'this station was refused or revoked; ask to pair again');
      if (device.status === 'pending') {
        if (device.pairingExpiresAt !== null && device.pairingExpiresAt <= this.now()) {
          throw new ApiError('device.pairing_expired', 'the pairing code expired before a technician approved it; ask to pair again');
        }
        return { status: 'pending' };
      }
      const token = newToken();
      this.store.revokeTokensOf({ deviceId: device.id }, this.now());
      this.tokens.clear();
      this.store.insertToken({ tokenHash: digest(token), deviceId: device.id, at: this.now(), expiresAt: null });
      return { status: 'approved', token, device };
    });
  }

  /**
   * Approves the station showing the code; `by` is kept on the device, `actor` is who the audit log
   * names. A display may be given its zone (counter numbers, "1,2,3"), kept on the device.
   */
  approve(input: { code: string; by: string; counterId?: number; name?: string; zone?: string }, actor: AuditActor = SYSTEM_ACTOR): DeviceRecord {
    return this.store.transaction(() => {
      const device = this.store.findPendingByCode(normalizePairingCode(input.code));
      if (!device) throw new ApiError('device.pairing_not_found', `no station is waiting with code ${input.code}; check the code on its screen`);
      if (device.pairingExpiresAt !== null && device.pairingExpiresAt <= this.now()) {
        throw new ApiError('device.pairing_expired', `code ${input.code} expired; restart pairing on the station`);
      }
      if (input.counterId !== undefined && !BOUND_TO_A_COUNTER.includes(device.kind)) {
        throw new ApiError('request.invalid', `only counter stations and rating pads are tied to a counter; this one is a ${device.kind}`);
      }
      if (input.counterId === undefined && device.kind === 'rating') {
        throw new ApiError(
          'device.counter_required',
          `a rating pad shows the ratings of one counter: approve it with its counter (qms devices approve ${input.code} --counter N, or counterId in the request)`,
        );
      }
      if (input.counterId !== undefined && !this.store.counterExists(input.counterId)) {
        throw new ApiError('counter.not_found', `no counter with id ${input.counterId}`);
      }
      if (input.zone !== undefined) this.checkZone(device.kind, input.zone);
      this.store.approveDevice(device.id, { by: input.by, at: this.now(), counterId: input.counterId ?? null, name: input.name, zone: input.zone ?? null });
      const approved = this.store.getDevice(device.id) as DeviceRecord;
      this.audit(actor, {
        action: 'device.approved',
        counterId: approved.counterId,
        details: { deviceId: approved.id, kind: approved.kind, name: approved.name, ...(approved.zone !== null ? { zone: approved.zone } : {}) },
      });
      return approved;
    });
  }

  /** Only a display has a zone, written as its counters' numbers (the API's schema checks this too; the qms command does not go through it). */
  private checkZone(kind: DeviceKind, zone: string): void {
    if (kind !== 'display') throw new ApiError('device.zone_not_applicable', `only a hall display has a zone; this station is a ${kind}`);
    if (!isDisplayZone(zone)) throw new ApiError('request.invalid', `zone "${zone}" is not a list of counter numbers like 1,2,3`);
  }

  /** The name stations show for a user (their display name, or their user name without one); null for an unknown id. */
  displayNameOf(userId: number): string | null {
    const user = this.store.findUserById(userId);
    return user ? user.displayName.trim() || user.username : null;
  }

  revoke(deviceId: number, actor: AuditActor = SYSTEM_ACTOR): DeviceRecord {
    const revoked = this.store.transaction(() => {
      const device = this.store.getDevice(deviceId);
      if (!device) throw new ApiError('device.not_found', `no device with id ${deviceId}`);
      this.store.revokeDevice(deviceId, this.now());
      this.audit(actor, { action: 'device.revoked', counterId: device.counterId, details: { deviceId: device.id, kind: device.kind, name: device.name, was: device.status } });
      return this.store.getDevice(deviceId) as DeviceRecord;
    });
    this.tokens.clear();
    this.lastTouch.delete(deviceId);
    return revoked;
  }

  listDevices(): DeviceRecord[] {
    return this.store.listDevices();
  }

  /** A station reports a hardware problem (or that it is over) for the technician. */
  reportAlert(deviceId: number, alert: { source: string; code: string; message: string; active: boolean }): boolean {
    return this.store.setAlert({ deviceId, ...alert, at: this.now() });
  }

  listAlerts(): DeviceAlertRecord[] {
    return this.store.listAlerts();
  }

  /** Records that a device was seen, at most once a minute (each write is an fsync). */
  private touch(deviceId: number): void {
    const now = this.clock.now().getTime();
    if (now - (this.lastTouch.get(deviceId) ?? 0) < TOUCH_EVERY_MS) return;
    this.lastTouch.set(deviceId, now);
    this.store.touchDevice(deviceId, this.now());
  }
}
