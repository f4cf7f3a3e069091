/**
 * What the public lookup of an application (by its code and the secret on the receipt) may show
 * of the applicant, and how often an address may try.
 */

/** Lookups per address: at most 10 in any minute (good and bad alike), then 429 with Retry-After. */
export const APPLICATION_LOOKUP_RATE = { max: 10, windowSeconds: 60 } as const;

/**
 * Lookups by a paired kiosk (its device token sent): every citizen at that kiosk comes from its one
 * address, so it has a budget of its own, by device rather than address, still bounded. A receipt
 * typed or scanned at a kiosk takes seconds; sixty a minute is one a second.
 */
export const KIOSK_LOOKUP_RATE = { max: 60, windowSeconds: 60 } as const;

/**
 * The applicant's name as the public lookup shows it: each word keeps its first letter, and the
 * rest becomes one "*" per letter, at most three (so a long word does not show its length):
 * "Nguyễn Văn An" → "N*** V** A*". Spaces between words are folded to one; a one-letter word stays
 * as it is. The first letter keeps its accent (Đ stays Đ): it is what citizens recognise their name by.
 */
const MAX_STARS = 3;

export function maskApplicantName(fullName: string): string {
  return fullName
    .trim()
    .split(/\s+/u)
    .filter((word) => word !== '')
    .map((word) => {
      const [first = '', ...rest] = [...word.normalize('NFC')];
      return first + '*'.repeat(Math.min(rest.length, MAX_STARS));
    })
    .join(' ');
}
