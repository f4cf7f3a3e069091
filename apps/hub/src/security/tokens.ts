import { createHash, randomBytes, randomInt } from 'node:crypto';

/** A bearer token: 256 random bits, base64url. Only its SHA-256 digest is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are random and long, so a fast digest is enough (no salt or stretching needed). */
export function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A pairing code a technician reads off a station's screen and types: six digits. */
export function newPairingCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** "482 913", "482-913" → "482913". */
export function normalizePairingCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}
