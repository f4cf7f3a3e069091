import { h, type Lang } from '@qms/ui';

/** Tone marks as combining characters, applied to the letter before the caret (sắc, huyền, hỏi, ngã, nặng). */
const TONES: { label: string; mark: string; name: string }[] = [
  { label: '´', mark: '\u0301', name: 'sac' },
  { label: '`', mark: '\u0300', name: 'huyen' },
  { label: '̉ ?', mark: '\u0309', name: 'hoi' },
  { label: '~', mark: '\u0303', name: 'nga' },
  { label: '.', mark: '\u0323', name: 'nang' },
];
const ROWS = ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'ăâđêôơư'];
const DIGIT_ROWS = ['123', '456', '789', '0'];

const VOWELS = 'aăâeêioôơuưy';
const MARKED = 'ăâêôơư';
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

/** Which letter of a word's vowel group takes the tone, by the usual rules (ơ of ươ, a marked vowel, else by position). */
function toneIndex(word: string): number {
  const letters = [...word.toLowerCase()];
  let start = letters.findIndex((letter) => VOWELS.includes(letter));
  if (start < 0) return -1;
  // "qu" and "gi" before another vowel are consonants.
  if (start > 0 && ((letters[start - 1] === 'q' && letters[start] === 'u') || (letters[start - 1] === 'g' && letters[start] === 'i' && VOWELS.includes(letters[start + 1] ?? '')))) start += 1;
  let end = start;
  while (end + 1 < letters.length && VOWELS.includes(letters[end + 1] ?? '')) end += 1;
  const group = letters.slice(start, end + 1);
  if (group.join('').includes('ươ')) return start + group.indexOf('ơ');
  const marked = group.findIndex((letter) => MARKED.includes(letter));
  if (marked >= 0) return start + marked;
  if (group.length >= 3) return start + 1;
  if (group.length === 2) return end + 1 < letters.length ? end : start;
  return start;
}

/** The text with a tone mark on the last word (sắc, huyền, hỏi, ngã, nặng typed after the word, as with Telex); NFC, so "quây" + huyền is "quầy". */
export function withTone(text: string, mark: string): string {
  const match = /(\p{L}+)$/u.exec(text.normalize('NFC'));
  if (!match) return text;
  const word = [...match[1]!.normalize('NFD').replace(TONE_MARKS, '').normalize('NFC')];
  const index = toneIndex(word.join(''));
  if (index < 0) return text;
  word[index] = `${word[index]}${mark}`.normalize('NFC');
  return text.normalize('NFC').slice(0, match.index) + word.join('').normalize('NFC');
}

/**
 * An on-screen keyboard for a touch kiosk: letters, the Vietnamese letters and the five tone marks
 * (typed after the letter, as one writes), space and delete; or digits only. It types into the
 * input of the screen that had the focus last (the system keyboard works too: the inputs are real).
 */
export function onScreenKeyboard(lang: Lang, target: () => HTMLInputElement | HTMLTextAreaElement | null, options: { digitsOnly?: boolean } = {}): HTMLElement {
  const type = (change: (value: string) => string) => {
    const input = target();
    if (!input) return;
    const next = change(input.value);
    input.value = input.maxLength > 0 ? next.slice(0, input.maxLength) : next;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };
  // A key must not take the focus from the input it types into.
  const key = (label: string, data: string, onPress: () => void, wide = false) =>
    h('button', { type: 'button', class: `key${wide ? ' wide' : ''}`, 'data-key': data, onmousedown: (event: Event) => event.preventDefault(), onclick: onPress }, label);
  const rows = (options.digitsOnly ? DIGIT_ROWS : ROWS).map((row) => h('div', { class: 'key-row' }, ...[...row].map((letter) => key(letter, letter, () => type((value) => value + letter)))));
  const last = h(
    'div',
    { class: 'key-row' },
    ...(options.digitsOnly ? [] : TONES.map((tone) => key(tone.label, tone.name, () => type((value) => withTone(value, tone.mark))))),
    options.digitsOnly ? null : key(lang === 'vi' ? 'Dấu cách' : 'Space', 'space', () => type((value) => `${value} `), true),
    key('⌫', 'backspace', () => type((value) => [...value].slice(0, -1).join('')), true),
  );
  return h('div', { class: `keyboard${options.digitsOnly ? ' digits' : ''}`, 'data-keyboard': '' }, ...rows, last);
}
