import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { normalizeLookupSecret } from '@qms/core';
import type { SqliteQueueStore } from '@qms/db';

/** The settings row of the key: 32 random bytes, base64url, made on the hub's first start with applications. */
export const DIGEST_KEY_SETTING = 'applications.digest_key';

/**
 * Keyed digests (HMAC-SHA256) of what an application must not keep in clear: the lookup secret
 * printed on the receipt, and the citizen's ID number (CCCD). The key is generated once and kept in
 * the hub's settings table. Why keyed rather than a plain SHA-256 as for tokens: a secret has only
 * 31^6 values and a CCCD 10^12, so a plain digest would be reversed by trying them all; a copy of
 * the applications table alone (an export, a report) then gives nothing. It does not protect
 * against a thief of the whole database file, which holds the key too: that file is the hub's to guard.
 */
export class ApplicationDigests {
  private constructor(private readonly key: Buffer) {}

  /** The hub's key, made and stored (on the main connection) when it has none yet. */
  static load(store: SqliteQueueStore): ApplicationDigests {
    let stored = store.getSetting(DIGEST_KEY_SETTING);
    if (stored === undefined) {
      stored = randomBytes(32).toString('base64url');
      store.setSetting(DIGEST_KEY_SETTING, stored);
    }
    return new ApplicationDigests(Buffer.from(stored, 'base64url'));
  }

  /** The digest of a lookup secret as typed (normalized first: case, spaces and dashes forgiven). */
  secret(typed: string): string {
    return this.hmac(`lookup-secret:${normalizeLookupSecret(typed)}`);
  }

  /** The digest that finds a citizen's applications by their CCCD number (12 digits). */
  idNumber(idNumber: string): string {
    return this.hmac(`cccd:${idNumber}`);
  }

  /** Does the typed secret match the stored digest? Compared in constant time. */
  sameSecret(storedDigest: string, typed: string): boolean {
    const expected = Buffer.from(storedDigest, 'base64url');
    const actual = Buffer.from(this.secret(typed), 'base64url');
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private hmac(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }
}
