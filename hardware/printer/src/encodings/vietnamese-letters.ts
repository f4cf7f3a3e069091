/** The 134 precomposed Vietnamese letters (67 lower-case, 67 capitals): the vowels with every tone, and đ/Đ. */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/** Grave (huyền), acute (sắc), hook above (hỏi), tilde (ngã), dot below (nặng). */
export const TONE_MARKS = ['\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function lowerCase(): string[] {
  const letters = ['đ'];
  for (const vowel of VOWELS) {
    if (vowel.normalize('NFD').length > 1) letters.push(vowel); // ă â ê ô ơ ư themselves
    for (const tone of TONE_MARKS) letters.push((vowel + tone).normalize('NFC'));
  }
  return letters;
}

export const VIETNAMESE_LOWER: readonly string[] = lowerCase();
export const VIETNAMESE_LETTERS: readonly string[] = [...VIETNAMESE_LOWER, ...VIETNAMESE_LOWER.map((letter) => letter.toUpperCase())];

/** A letter as base (with its circumflex, breve, horn or stroke) and its tone mark, if any. */
export function splitTone(char: string): { base: string; tone: string | null } {
  const parts = [...char.normalize('NFD')];
  const tone = parts.find((part) => TONE_MARKS.includes(part)) ?? null;
  const base = parts
    .filter((part) => !TONE_MARKS.includes(part))
    .join('')
    .normalize('NFC');
  return { base, tone };
}
