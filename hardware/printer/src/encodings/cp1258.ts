import { splitTone } from './vietnamese-letters.js';

/**
 * Windows-1258, encoded by us: iconv-lite turns precomposed letters that the code page lacks
 * ("ố") into "?", because CP1258 writes them as the base letter followed by a combining tone
 * byte (ố = ô 0xF4 + acute 0xEC). Letters the code page has whole (á 0xE1) stay one byte, as
 * glibc's iconv does. The byte table comes from the WHATWG decoder (TextDecoder).
 */
const DECODE: string[] = [];
const ENCODE = new Map<string, number>();
{
  const decoder = new TextDecoder('windows-1258');
  for (let byte = 0; byte < 256; byte++) {
    const char = byte < 0x80 ? String.fromCharCode(byte) : decoder.decode(Uint8Array.of(byte));
    DECODE[byte] = char;
    if (!ENCODE.has(char)) ENCODE.set(char, byte);
  }
}

export interface Encoded {
  bytes: Buffer;
  /** Characters the code page cannot write (replaced by "?"). */
  unmapped: string[];
}

export function encodeCp1258(text: string): Encoded {
  const bytes: number[] = [];
  const unmapped: string[] = [];
  for (const char of text.normalize('NFC')) {
    const whole = ENCODE.get(char);
    if (whole !== undefined) {
      bytes.push(whole);
      continue;
    }
    const { base, tone } = splitTone(char);
    const baseByte = ENCODE.get(base);
    const toneByte = tone === null ? undefined : ENCODE.get(tone);
    if (baseByte !== undefined && toneByte !== undefined) {
      bytes.push(baseByte, toneByte);
    } else {
      bytes.push(0x3f);
      unmapped.push(char);
    }
  }
  return { bytes: Buffer.from(bytes), unmapped };
}

export function decodeCp1258(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => DECODE[byte] ?? '?')
    .join('')
    .normalize('NFC');
}
