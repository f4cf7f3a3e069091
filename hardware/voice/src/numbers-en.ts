/** English number reading for the English announcements: 1023 → one thousand twenty-three (word ids = clip names). */

export const EN_NUMBER_WORDS = {
  zero: 'zero',
  one: 'one',
  two: 'two',
  three: 'three',
  four: 'four',
  five: 'five',
  six: 'six',
  seven: 'seven',
  eight: 'eight',
  nine: 'nine',
  ten: 'ten',
  eleven: 'eleven',
  twelve: 'twelve',
  thirteen: 'thirteen',
  fourteen: 'fourteen',
  fifteen: 'fifteen',
  sixteen: 'sixteen',
  seventeen: 'seventeen',
  eighteen: 'eighteen',
  nineteen: 'nineteen',
  twenty: 'twenty',
  thirty: 'thirty',
  forty: 'forty',
  fifty: 'fifty',
  sixty: 'sixty',
  seventy: 'seventy',
  eighty: 'eighty',
  ninety: 'ninety',
  hundred: 'hundred',
  thousand: 'thousand',
  million: 'million',
} as const;

export type EnglishWord = keyof typeof EN_NUMBER_WORDS;

const SMALL: EnglishWord[] = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS: EnglishWord[] = ['zero', 'ten', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function below1000(n: number): EnglishWord[] {
  const words: EnglishWord[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(SMALL[hundreds] as EnglishWord, 'hundred');
  if (rest >= 20) {
    words.push(TENS[Math.floor(rest / 10)] as EnglishWord);
    if (rest % 10 > 0) words.push(SMALL[rest % 10] as EnglishWord);
  } else if (rest > 0 || words.length === 0) {
    words.push(SMALL[rest] as EnglishWord);
  }
  return words;
}

export function readEnglishNumber(value: number): EnglishWord[] {
  if (!Number.isInteger(value) || value < 0 || value > 999_999_999) throw new RangeError(`cannot read ${value}`);
  if (value < 1000) return below1000(value);
  const words: EnglishWord[] = [];
  const millions = Math.floor(value / 1_000_000);
  const thousands = Math.floor((value % 1_000_000) / 1000);
  const rest = value % 1000;
  if (millions > 0) words.push(...below1000(millions), 'million');
  if (thousands > 0) words.push(...below1000(thousands), 'thousand');
  if (rest > 0) words.push(...below1000(rest));
  return words;
}

export function readEnglishDigits(text: string): EnglishWord[] {
  if (!/^\d+$/.test(text)) throw new RangeError(`"${text}" is not a string of digits`);
  return [...text].map((char) => SMALL[Number(char)] as EnglishWord);
}
