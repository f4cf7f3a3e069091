/** How a letter of a ticket prefix is read: Vietnamese letter names, and English ones. */

export const VI_LETTERS: Record<string, string> = {
  A: 'a',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  E: 'e',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e lờ',
  M: 'em mờ',
  N: 'en nờ',
  O: 'o',
  P: 'pê',
  Q: 'quy',
  R: 'e rờ',
  S: 'ét xì',
  T: 'tê',
  U: 'u',
  V: 'vê',
  W: 'vê kép',
  X: 'ích xì',
  Y: 'i dài',
  Z: 'dét',
};

export const EN_LETTERS: Record<string, string> = Object.fromEntries('ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((letter) => [letter, letter]));

/** The clip id of a letter: letter_a ... letter_z (the same ids in every pack, read in the pack's language). */
export function letterClip(letter: string): string {
  if (!/^[A-Z]$/.test(letter)) throw new RangeError(`"${letter}" is not a capital letter A-Z`);
  return `letter_${letter.toLowerCase()}`;
}
