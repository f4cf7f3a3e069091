import { EN_LETTERS, letterClip, VI_LETTERS } from './letters.js';
import { EN_NUMBER_WORDS, type EnglishWord, readEnglishDigits, readEnglishNumber } from './numbers-en.js';
import { type Dialect, readDigits, readVietnameseNumber, VI_NUMBER_WORDS, type NumberWord } from './numbers-vi.js';

export type Language = 'vi' | 'en';

export interface AnnouncementOptions {
  lang?: Language;
  dialect?: Dialect;
  /** Final 4 after tens of two or more as "tư". */
  useTu?: boolean;
  /** "number" reads the digits of a label as one number (A023 → A hai mươi ba); "digits" one by one (A không hai ba). */
  numberMode?: 'number' | 'digits';
}

export interface Announcement {
  /** What is said, as text (for screens, logs and the dry run). */
  sentence: string;
  /** The clip ids to play, in order (a clip pack maps each to a file). */
  clips: string[];
}

/** The fixed phrases, per language: clip id → text. */
export const PHRASES = {
  vi: { moi_cong_dan: 'Xin mời công dân có số thứ tự', den_quay_so: 'đến quầy số' },
  en: { ticket_number: 'Ticket number', go_to_counter: 'please go to counter' },
} as const;

interface Word {
  clip: string;
  text: string;
}

/** "A1023" → letters A, digits 1023; "1001" → no letters. */
export function splitLabel(label: string): { letters: string; digits: string } {
  const match = /^([A-Z]*)(\d*)$/.exec(label);
  if (!match || label === '') throw new RangeError(`"${label}" is not a ticket label (capital letters then digits)`);
  return { letters: match[1] ?? '', digits: match[2] ?? '' };
}

function viNumber(words: NumberWord[]): Word[] {
  return words.map((word) => ({ clip: word, text: VI_NUMBER_WORDS[word] }));
}

function enNumber(words: EnglishWord[]): Word[] {
  return words.map((word) => ({ clip: word, text: EN_NUMBER_WORDS[word] }));
}

function labelWords(label: string, options: AnnouncementOptions, lang: Language): Word[] {
  const { letters, digits } = splitLabel(label);
  // The sentence shows the letter as printed (A, B …); its clip says the letter's name (a, bê …).
  const words: Word[] = [...letters].map((letter) => ({ clip: letterClip(letter), text: letter }));
  if (digits === '') return words;
  if (lang === 'vi') {
    const read = options.numberMode === 'digits' ? readDigits(digits) : readVietnameseNumber(Number(digits), options);
    return [...words, ...viNumber(read)];
  }
  const read = options.numberMode === 'digits' ? readEnglishDigits(digits) : readEnglishNumber(Number(digits));
  return [...words, ...enNumber(read)];
}

/**
 * The announcement of a call: "Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba
 * đến quầy số ba", or in English "Ticket number A one thousand twenty three, please go to counter three".
 */
export function composeAnnouncement(label: string, counter: number, options: AnnouncementOptions = {}): Announcement {
  const lang = options.lang ?? 'vi';
  if (!Number.isInteger(counter) || counter < 1) throw new RangeError(`counter ${counter} must be a whole number from 1`);
  const words: Word[] =
    lang === 'vi'
      ? [
          { clip: 'moi_cong_dan', text: PHRASES.vi.moi_cong_dan },
          ...labelWords(label, options, 'vi'),
          { clip: 'den_quay_so', text: PHRASES.vi.den_quay_so },
          ...viNumber(readVietnameseNumber(counter, options)),
        ]
      : [
          { clip: 'ticket_number', text: PHRASES.en.ticket_number },
          ...labelWords(label, options, 'en'),
          { clip: 'go_to_counter', text: `, ${PHRASES.en.go_to_counter}` },
          ...enNumber(readEnglishNumber(counter)),
        ];
  const sentence = words
    .map((word) => word.text)
    .join(' ')
    .replace(' ,', ',');
  return { sentence, clips: words.map((word) => word.clip) };
}

/** Every clip id the composer can produce for a language, with the text it stands for (what a pack must hold). */
export function clipVocabulary(lang: Language): Record<string, string> {
  const letters = Object.fromEntries(Object.entries(lang === 'vi' ? VI_LETTERS : EN_LETTERS).map(([letter, text]) => [letterClip(letter), text]));
  return lang === 'vi' ? { ...PHRASES.vi, ...VI_NUMBER_WORDS, ...letters } : { ...PHRASES.en, ...EN_NUMBER_WORDS, ...letters };
}
