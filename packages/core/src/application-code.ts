import { DomainError } from './errors.js';
import { isCalendarDate } from './local-instants.js';

/**
 * The code of an application, CENTRE-YYMMDD-NNNN (UBND-261127-0042: the 42nd application received on
 * 27 Nov 2026 at the centre UBND), and the short secret a citizen types with it to look it up.
 */

export const DEFAULT_CENTRE_CODE = 'UBND';
/** Letters and digits, 1 to 12, upper case (what the receipt and the lookup page show). */
const CENTRE_CODE = /^[A-Z0-9]{1,12}$/;
const APPLICATION_CODE = /^([A-Z0-9]{1,12})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;
export const MAX_DAILY_SEQUENCE = 9999;

/** Throws config.invalid unless `code` is 1 to 12 upper-case letters or digits. */
export function assertCentreCode(code: string): void {
  if (!CENTRE_CODE.test(code)) throw new DomainError('config.invalid', `centre code "${code}" must be 1 to 12 upper-case letters (A-Z) or digits, such as ${DEFAULT_CENTRE_CODE}`);
}

/** The code of the `sequence`-th application (1..9999) received on business day `day` (YYYY-MM-DD). */
export function applicationCode(day: string, sequence: number, centre = DEFAULT_CENTRE_CODE): string {
  assertCentreCode(centre);
  if (!isCalendarDate(day)) throw new RangeError(`"${day}" is not a date (YYYY-MM-DD)`);
  // A guard for the caller, not a rule a citizen meets: a commune centre receives tens a day, not ten thousand.
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) throw new RangeError(`the day's sequence is 1 to ${MAX_DAILY_SEQUENCE} (got ${sequence})`);
  return `${centre}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of an application code (case and surrounding spaces forgiven), or null when it is not one. */
export function parseApplicationCode(input: string): { centre: string; day: string; sequence: number } | null {
  const match = APPLICATION_CODE.exec(input.trim().toUpperCase());
  if (!match) return null;
  const day = `20${match[2]}-${match[3]}-${match[4]}`;
  const sequence = Number(match[5]);
  if (!isCalendarDate(day) || sequence < 1) return null;
  return { centre: match[1] as string, day, sequence };
}

/**
 * The lookup secret: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it is read
 * from a receipt and typed without mistakes: 31^6 ≈ 887 million values.
 */
export const LOOKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LOOKUP_SECRET_LENGTH = 6;

/** Random bytes from the caller (crypto.randomBytes in the hub): core does no I/O. */
export type RandomBytes = (count: number) => Uint8Array;

/**
 * A new lookup secret. Bytes of 248 and above are thrown away (248 = 8 × 31), so every character of
 * the alphabet is equally likely.
 */
export function newLookupSecret(random: RandomBytes): string {
  const limit = Math.floor(256 / LOOKUP_ALPHABET.length) * LOOKUP_ALPHABET.length;
  let secret = '';
  for (let draws = 0; secret.length < LOOKUP_SECRET_LENGTH; draws++) {
    if (draws > 1000) throw new Error('the random source keeps giving bytes of 248 or more: it is not random');
    for (const byte of random(LOOKUP_SECRET_LENGTH - secret.length)) {
      if (byte < limit && secret.length < LOOKUP_SECRET_LENGTH) secret += LOOKUP_ALPHABET[byte % LOOKUP_ALPHABET.length];
    }
  }
  return secret;
}

/** A typed secret as it is compared: spaces and dashes dropped, upper case. */
export function normalizeLookupSecret(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

export function isLookupSecret(value: string): boolean {
  return value.length === LOOKUP_SECRET_LENGTH && [...value].every((char) => LOOKUP_ALPHABET.includes(char));
}
