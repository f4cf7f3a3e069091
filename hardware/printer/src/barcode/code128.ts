/**
 * CODE128 (code set B: printable ASCII), as the bars a printer, a PDF or a PNG draws: the module
 * pattern of start, data, check character and stop. The receipt's application code (UBND-261129-0001)
 * fits in about 220 modules, two dots a module on 80 mm paper.
 */

/** Bar and space widths (in modules) of the 107 CODE128 symbols; 106 is the stop (with its final bar). */
const PATTERNS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
  '2331112',
] as const;
const START_B = 104;
const STOP = 106;

/** Text CODE128 set B can carry: printable ASCII, space to tilde. */
export const CODE128_TEXT = /^[\x20-\x7e]{1,80}$/;

/** The symbol values: start B, each character, the check character (mod 103), stop. */
export function code128Values(text: string): number[] {
  if (!CODE128_TEXT.test(text)) throw new Error(`CODE128 set B takes 1 to 80 printable ASCII characters, not ${JSON.stringify(text)}`);
  const values = [...text].map((char) => char.charCodeAt(0) - 32);
  const check = values.reduce((sum, value, index) => sum + value * (index + 1), START_B) % 103;
  return [START_B, ...values, check, STOP];
}

/** The modules left to right, true for a bar (without the quiet zones: leave ten modules white each side). */
export function code128Modules(text: string): boolean[] {
  const modules: boolean[] = [];
  for (const value of code128Values(text)) {
    [...(PATTERNS[value] as string)].forEach((width, index) => {
      for (let i = 0; i < Number(width); i++) modules.push(index % 2 === 0);
    });
  }
  return modules;
}
