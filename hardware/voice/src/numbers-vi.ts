/**
 * Vietnamese number reading, by the rules a Vietnamese speaker expects, as word ids (one audio
 * clip each) and as text. 21 = hai mươi mốt, 15 = mười lăm, 105 = một trăm linh năm,
 * 2002 = hai nghìn không trăm linh hai.
 */

export type Dialect = 'north' | 'south';

export interface VietnameseNumberOptions {
  /** North: linh, nghìn. South: lẻ, ngàn. */
  dialect?: Dialect;
  /** Read a final 4 after tens of two or more as "tư" (24 = hai mươi tư) instead of "bốn". */
  useTu?: boolean;
}

/** Every word the reader can produce, with its text. The ids name the audio clips. */
export const VI_NUMBER_WORDS = {
  khong: 'không',
  mot: 'một',
  hai: 'hai',
  ba: 'ba',
  bon: 'bốn',
  nam: 'năm',
  sau: 'sáu',
  bay: 'bảy',
  tam: 'tám',
  chin: 'chín',
  mot_sac: 'mốt',
  tu: 'tư',
  lam: 'lăm',
  muoi_huyen: 'mười',
  muoi_ngang: 'mươi',
  tram: 'trăm',
  linh: 'linh',
  le: 'lẻ',
  nghin: 'nghìn',
  ngan: 'ngàn',
  trieu: 'triệu',
  ty: 'tỷ',
} as const;

export type NumberWord = keyof typeof VI_NUMBER_WORDS;

const DIGITS: NumberWord[] = ['khong', 'mot', 'hai', 'ba', 'bon', 'nam', 'sau', 'bay', 'tam', 'chin'];

function digit(n: number): NumberWord {
  const word = DIGITS[n];
  if (word === undefined) throw new RangeError(`not a digit: ${n}`);
  return word;
}

/**
 * A group of three digits (0-999). `full` says the group is not the leading one, so a zero
 * hundreds digit is read ("không trăm") and a zero tens digit before a unit becomes linh/lẻ.
 */
function readGroup(n: number, full: boolean, options: Required<VietnameseNumberOptions>): NumberWord[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const units = n % 10;
  const words: NumberWord[] = [];
  if (hundreds > 0 || full) words.push(digit(hundreds), 'tram');
  if (tens === 0) {
    if (units === 0) return words;
    if (words.length > 0) words.push(options.dialect === 'south' ? 'le' : 'linh');
    words.push(digit(units));
    return words;
  }
  if (tens === 1) {
    words.push('muoi_huyen');
    if (units === 5) words.push('lam');
    else if (units > 0) words.push(digit(units));
    return words;
  }
  words.push(digit(tens), 'muoi_ngang');
  if (units === 1) words.push('mot_sac');
  else if (units === 4 && options.useTu) words.push('tu');
  else if (units === 5) words.push('lam');
  else if (units > 0) words.push(digit(units));
  return words;
}

const SCALES: NumberWord[][] = [[], ['nghin'], ['trieu'], ['ty']];

/** The words of a whole number from 0 to 999,999,999,999. */
export function readVietnameseNumber(value: number, options: VietnameseNumberOptions = {}): NumberWord[] {
  if (!Number.isInteger(value) || value < 0 || value > 999_999_999_999) {
    throw new RangeError(`cannot read ${value}: a whole number from 0 to 999,999,999,999 is expected`);
  }
  const resolved: Required<VietnameseNumberOptions> = { dialect: options.dialect ?? 'north', useTu: options.useTu ?? false };
  if (value === 0) return ['khong'];
  const groups: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 1000)) groups.unshift(rest % 1000);
  const words: NumberWord[] = [];
  groups.forEach((group, index) => {
    const scale = groups.length - 1 - index;
    if (group === 0) return; // 1,000,005: một triệu không trăm linh năm — the empty thousand is skipped
    words.push(...readGroup(group, index > 0, resolved));
    const scaleWord = scale === 1 && resolved.dialect === 'south' ? (['ngan'] as NumberWord[]) : (SCALES[scale] ?? []);
    words.push(...scaleWord);
  });
  return words;
}

/** Digit by digit: 1023 → một không hai ba. */
export function readDigits(text: string): NumberWord[] {
  if (!/^\d+$/.test(text)) throw new RangeError(`"${text}" is not a string of digits`);
  return [...text].map((char) => digit(Number(char)));
}

export function numberWordsText(words: readonly NumberWord[]): string {
  return words.map((word) => VI_NUMBER_WORDS[word]).join(' ');
}
