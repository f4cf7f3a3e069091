/** The station screens speak Vietnamese first and English second. */
export type Lang = 'vi' | 'en';

export const otherLang = (lang: Lang): Lang => (lang === 'vi' ? 'en' : 'vi');

/** A text in both languages. */
export type Bilingual = Record<Lang, string>;
