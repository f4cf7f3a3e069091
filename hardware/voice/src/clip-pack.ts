import { clipVocabulary, type Language } from './composer.js';

/**
 * A clip pack: a folder of audio files and manifest.json. The shipped packs (packs/vi, packs/en)
 * are generated; a centre can record its own voice with the same manifest and point the display
 * station's configuration at that folder.
 */
export interface ClipPackManifest {
  format: 'qms-clip-pack/1';
  lang: Language;
  /** Shown to the technician choosing a pack. */
  name: string;
  chime: { file: string; durationMs: number };
  /** clip id → its file (relative to the manifest) and the words it says. */
  clips: Record<string, { file: string; text: string; durationMs: number }>;
}

/** What is wrong with a pack, if anything: a clip the composer needs and the pack lacks, a bad shape. */
export function checkClipPack(manifest: unknown): string[] {
  const problems: string[] = [];
  const pack = manifest as Partial<ClipPackManifest> | null;
  if (!pack || typeof pack !== 'object') return ['the manifest is not a JSON object'];
  if (pack.format !== 'qms-clip-pack/1') problems.push(`format must be "qms-clip-pack/1", not ${JSON.stringify(pack.format)}`);
  if (pack.lang !== 'vi' && pack.lang !== 'en') return [...problems, `lang must be "vi" or "en", not ${JSON.stringify(pack.lang)}`];
  if (!pack.chime || typeof pack.chime.file !== 'string') problems.push('chime.file is missing');
  const clips = pack.clips ?? {};
  for (const id of Object.keys(clipVocabulary(pack.lang))) {
    const clip = clips[id];
    if (!clip || typeof clip.file !== 'string' || clip.file === '') problems.push(`clip "${id}" is missing`);
  }
  return problems;
}

/** The files to play for an announcement, in order, the chime first. */
export function clipFiles(manifest: ClipPackManifest, clipIds: readonly string[]): string[] {
  return [
    manifest.chime.file,
    ...clipIds.map((id) => {
      const clip = manifest.clips[id];
      if (!clip) throw new Error(`clip pack "${manifest.name}" has no clip "${id}"`);
      return clip.file;
    }),
  ];
}
