/**
 * Generates the shipped clip packs (packs/vi, packs/en) from espeak-ng and sox: one Ogg Vorbis
 * clip per word the composer can say, a chime, and a manifest. Run it after changing the
 * vocabulary: `npm run packs -w @qms/voice` (needs `apt-get install espeak-ng sox libsox-fmt-all`).
 * A centre can record its own pack with the same manifest shape (see packs/README.md).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clipVocabulary, type Language } from '../src/composer.js';
import type { ClipPackManifest } from '../src/clip-pack.js';

const PACKS = fileURLToPath(new URL('../packs/', import.meta.url));
const VOICES: Record<Language, { voice: string; speed: number; name: string }> = {
  vi: { voice: 'vi', speed: 140, name: 'Tiếng Việt (espeak-ng, giọng miền Bắc)' },
  en: { voice: 'en-us', speed: 150, name: 'English (espeak-ng)' },
};
const SAMPLE_RATE = 22_050;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}

function durationMs(file: string): number {
  return Math.round(Number(run('soxi', ['-D', file]).trim()) * 1000);
}

function makePack(lang: Language): void {
  const dir = join(PACKS, lang);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const work = join(tmpdir(), `qms-pack-${lang}-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const { voice, speed, name } = VOICES[lang];
  const clips: ClipPackManifest['clips'] = {};
  for (const [id, text] of Object.entries(clipVocabulary(lang))) {
    const wav = join(work, `${id}.wav`);
    const file = `${id}.ogg`;
    run('espeak-ng', ['-v', voice, '-s', String(speed), '-w', wav, text]);
    // Mono 22 kHz Vorbis; the silence espeak-ng leaves at both ends is cut, so words join naturally.
    run('sox', [wav, '-r', String(SAMPLE_RATE), '-c', '1', '-C', '1', join(dir, file), 'silence', '1', '0.02', '0.5%', 'reverse', 'silence', '1', '0.02', '0.5%', 'reverse']);
    clips[id] = { file, text, durationMs: durationMs(join(dir, file)) };
  }
  // A two-tone chime before each announcement.
  run('sox', [
    '-n',
    '-r',
    String(SAMPLE_RATE),
    '-c',
    '1',
    '-C',
    '1',
    join(dir, 'chime.ogg'),
    'synth',
    '0.45',
    'sine',
    '880',
    'fade',
    '0',
    '0.45',
    '0.35',
    ':',
    'synth',
    '0.7',
    'sine',
    '660',
    'fade',
    '0',
    '0.7',
    '0.6',
    'vol',
    '0.6',
  ]);
  const manifest: ClipPackManifest = {
    format: 'qms-clip-pack/1',
    lang,
    name,
    chime: { file: 'chime.ogg', durationMs: durationMs(join(dir, 'chime.ogg')) },
    clips,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(work, { recursive: true, force: true });
  process.stdout.write(`${lang}: ${readdirSync(dir).length - 1} files in ${dir}\n`);
}

for (const lang of ['vi', 'en'] as const) makePack(lang);
