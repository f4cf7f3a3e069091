import type { Encoded } from './cp1258.js';

/**
 * TCVN 5712 ("TCVN3", the ABC encoding), the table glibc's iconv calls TCVN5712-1: every
 * Vietnamese letter in one byte. Twelve capitals sit on control bytes (Ú 0x01, Ụ 0x02, Ừ 0x04,
 * Ử 0x05, Ữ 0x06, Ứ 0x11, Ự 0x12, Ỳ 0x13, Ỷ 0x14, Ỹ 0x15, Ý 0x16, Ỵ 0x17), which a printer would
 * execute as commands: this encoder never sends a byte below 0x20 for a letter. Those capitals
 * fall back to their lower-case form, and are reported so the caller can print that line as a
 * raster image instead.
 */
// byte → code point, for every byte whose character is not the byte itself.
const TABLE =
  '01da 021ee4 041eea 051eec 061eee 111ee8 121ef0 131ef2 141ef6 151ef8 16dd 171ef4 ' +
  '80c0 811ea2 82c3 83c1 841ea0 851eb6 861eac 87c8 881eba 891ebc 8ac9 8b1eb8 8c1ec6 8dcc 8e1ec8 8f128 ' +
  '90cd 911eca 92d2 931ece 94d5 95d3 961ecc 971ed8 981edc 991ede 9a1ee0 9b1eda 9c1ee2 9dd9 9e1ee6 9f168 ' +
  'a1102 a2c2 a3ca a4d4 a51a0 a61af a7110 a8103 a9e2 aaea abf4 ac1a1 ad1b0 ae111 af1eb0 ' +
  'b0300 b1309 b2303 b3301 b4323 b5e0 b61ea3 b7e3 b8e1 b91ea1 ba1eb2 bb1eb1 bc1eb3 bd1eb5 be1eaf bf1eb4 ' +
  'c01eae c11ea6 c21ea8 c31eaa c41ea4 c51ec0 c61eb7 c71ea7 c81ea9 c91eab ca1ea5 cb1ead cce8 cd1ec2 ce1ebb cf1ebd ' +
  'd0e9 d11eb9 d21ec1 d31ec3 d41ec5 d51ebf d61ec7 d7ec d81ec9 d91ec4 da1ebe db1ed2 dc129 dded de1ecb dff2 ' +
  'e01ed4 e11ecf e2f5 e3f3 e41ecd e51ed3 e61ed5 e71ed7 e81ed1 e91ed9 ea1edd eb1edf ec1ee1 ed1edb ee1ee3 eff9 ' +
  'f01ed6 f11ee7 f2169 f3fa f41ee5 f51eeb f61eed f71eef f81ee9 f91ef1 fa1ef3 fb1ef7 fc1ef9 fe1ef5 ff1ed0';

const DECODE: string[] = Array.from({ length: 256 }, (_, byte) => String.fromCharCode(byte));
const ENCODE = new Map<string, number>();
for (const entry of TABLE.split(' ')) {
  const byte = Number.parseInt(entry.slice(0, 2), 16);
  DECODE[byte] = String.fromCodePoint(Number.parseInt(entry.slice(2), 16));
}
DECODE.forEach((char, byte) => {
  // Combining marks (0xB0-0xB4) are for decoding only; letters are always written whole.
  if (byte >= 0xb0 && byte <= 0xb4) return;
  if (!ENCODE.has(char)) ENCODE.set(char, byte);
});

export function encodeTcvn3(text: string): Encoded & { lowered: string[] } {
  const bytes: number[] = [];
  const unmapped: string[] = [];
  const lowered: string[] = [];
  for (const char of text.normalize('NFC')) {
    let byte = ENCODE.get(char);
    if (byte !== undefined && byte < 0x20 && char !== '\n') {
      // A capital on a control byte: write its lower-case form.
      lowered.push(char);
      byte = ENCODE.get(char.toLowerCase());
    }
    if (byte === undefined || (byte < 0x20 && char !== '\n')) {
      bytes.push(0x3f);
      unmapped.push(char);
    } else {
      bytes.push(byte);
    }
  }
  return { bytes: Buffer.from(bytes), unmapped, lowered };
}

export function decodeTcvn3(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => DECODE[byte] ?? '?')
    .join('')
    .normalize('NFC');
}
