import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkClipPack, type ClipPackManifest, clipFiles } from './clip-pack.js';
import { clipVocabulary } from './composer.js';
import { inQuietHours } from './playback-rules.js';

const packDir = (lang: string) => new URL(`../packs/${lang}/`, import.meta.url);
const manifestOf = (lang: string) => JSON.parse(readFileSync(new URL('manifest.json', packDir(lang)), 'utf8')) as ClipPackManifest;

describe('shipped clip packs', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`${lang}: has a clip, on disk, for every word the composer can say`, () => {
      const manifest = manifestOf(lang);
      expect(checkClipPack(manifest)).toEqual([]);
      for (const id of Object.keys(clipVocabulary(lang))) {
        const clip = manifest.clips[id];
        expect(clip, id).toBeDefined();
        const bytes = readFileSync(new URL(clip!.file, packDir(lang)));
        expect(bytes.subarray(0, 4).toString('latin1'), clip!.file).toBe('OggS');
      }
      expect(existsSync(new URL(manifest.chime.file, packDir(lang)))).toBe(true);
    });
  }

  it('names what a home-made pack lacks', () => {
    const manifest = manifestOf('vi');
    const { mot_sac: _dropped, ...clips } = manifest.clips;
    expect(checkClipPack({ ...manifest, clips })).toEqual(['clip "mot_sac" is missing']);
    expect(checkClipPack({ ...manifest, format: 'other' })[0]).toMatch(/format must be/);
    expect(checkClipPack(null)).toEqual(['the manifest is not a JSON object']);
  });

  it('puts the chime first', () => {
    expect(clipFiles(manifestOf('vi'), ['moi_cong_dan', 'letter_a'])).toEqual(['chime.ogg', 'moi_cong_dan.ogg', 'letter_a.ogg']);
  });
});

describe('quiet hours', () => {
  it('covers periods within a day and across midnight', () => {
    const periods = [
      { from: '11:30', to: '13:30' },
      { from: '22:00', to: '06:00' },
    ];
    expect(inQuietHours(periods, 12 * 60)).toBe(true);
    expect(inQuietHours(periods, 13 * 60 + 30)).toBe(false);
    expect(inQuietHours(periods, 23 * 60)).toBe(true);
    expect(inQuietHours(periods, 5 * 60 + 59)).toBe(true);
    expect(inQuietHours(periods, 6 * 60)).toBe(false);
    expect(inQuietHours([], 0)).toBe(false);
  });
});
