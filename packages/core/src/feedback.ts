/**
 * Citizens' feedback (góp ý, phản ánh) at the centre: what a message may be, how a phone number for
 * a call back is written, and the states an administrator moves it through (any to any: an answer
 * may be reopened).
 */
export const FEEDBACK_STATUSES = ['new', 'in_progress', 'answered'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const FEEDBACK_TEXT_MIN = 5;
export const FEEDBACK_TEXT_MAX = 2000;
/** How many feedback messages one address may leave in a window (a flood guard for a public form). */
export const FEEDBACK_RATE = { max: 5, windowSeconds: 10 * 60 } as const;
/** A paired kiosk speaks for every citizen at it: its own, larger allowance (still a guard against a kiosk gone wrong). */
export const KIOSK_FEEDBACK_RATE = { max: 60, windowSeconds: 10 * 60 } as const;

/** Characters as a person counts them (code points), as SQLite's length() does. */
function characters(text: string): number {
  return [...text].length;
}

/** The text trimmed, or null when it is not 5 to 2000 characters once trimmed. */
export function feedbackText(text: string): string | null {
  const trimmed = text.trim();
  const length = characters(trimmed);
  return length >= FEEDBACK_TEXT_MIN && length <= FEEDBACK_TEXT_MAX ? trimmed : null;
}

/**
 * A Vietnamese phone number as it is stored: spaces, dots and dashes dropped; `0` and 9 to 10 more
 * digits (0912345678, 02438123456), or `+84` and 9 to 10 digits without the leading 0
 * (+84912345678). Null when it is neither.
 */
export function vietnamesePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  return /^(0\d{9,10}|\+84[1-9]\d{8,9})$/.test(compact) ? compact : null;
}
