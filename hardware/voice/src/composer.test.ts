import { describe, expect, it } from 'vitest';
import { clipVocabulary, composeAnnouncement, splitLabel } from './composer.js';
import { readEnglishNumber } from './numbers-en.js';

describe('announcement composer', () => {
  it('says the call in Vietnamese: the letter as printed, its clip its Vietnamese name', () => {
    const call = composeAnnouncement('A1023', 3);
    expect(call.sentence).toBe('Xin mời công dân có số thứ tự A một nghìn không trăm hai mươi ba đến quầy số ba');
    expect(call.clips).toEqual(['moi_cong_dan', 'letter_a', 'mot', 'nghin', 'khong', 'tram', 'hai', 'muoi_ngang', 'ba', 'den_quay_so', 'ba']);
    expect(composeAnnouncement('B021', 15).sentence).toBe('Xin mời công dân có số thứ tự B hai mươi mốt đến quầy số mười lăm');
    expect(composeAnnouncement('HT0042', 2).sentence).toContain('H T bốn mươi hai');
  });

  it('reads digit by digit on request, and a digits-only label as one number', () => {
    expect(composeAnnouncement('C005', 1, { numberMode: 'digits' }).sentence).toBe('Xin mời công dân có số thứ tự C không không năm đến quầy số một');
    expect(composeAnnouncement('1001', 4).sentence).toBe('Xin mời công dân có số thứ tự một nghìn không trăm linh một đến quầy số bốn');
  });

  it('follows the dialect', () => {
    expect(composeAnnouncement('A101', 1, { dialect: 'south' }).sentence).toContain('một trăm lẻ một');
    expect(composeAnnouncement('A2002', 1, { dialect: 'south' }).clips).toContain('ngan');
  });

  it('says the call in English', () => {
    const call = composeAnnouncement('A1023', 3, { lang: 'en' });
    expect(call.sentence).toBe('Ticket number A one thousand twenty three, please go to counter three');
    expect(call.clips).toEqual(['ticket_number', 'letter_a', 'one', 'thousand', 'twenty', 'three', 'go_to_counter', 'three']);
    expect(readEnglishNumber(115)).toEqual(['one', 'hundred', 'fifteen']);
  });

  it('refuses what is not a label or a counter', () => {
    expect(() => splitLabel('a-1')).toThrow(/not a ticket label/);
    expect(() => composeAnnouncement('A001', 0)).toThrow(/counter 0/);
  });

  it('draws every clip from the vocabulary of its language', () => {
    const samples = ['A001', 'Z99999', 'HT0042', '1001', 'B015', 'Q124'];
    for (const lang of ['vi', 'en'] as const) {
      const vocabulary = clipVocabulary(lang);
      for (const label of samples) {
        for (const counter of [1, 4, 5, 11, 21, 99]) {
          for (const clip of composeAnnouncement(label, counter, { lang, useTu: true, dialect: 'south' }).clips) {
            expect(vocabulary, `${lang} ${label} ${counter}`).toHaveProperty(clip);
          }
        }
      }
    }
  });
});
