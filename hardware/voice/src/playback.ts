import { Howl } from 'howler';
import { type ClipPackManifest, clipFiles } from './clip-pack.js';
import { inQuietHours, type QuietPeriod } from './playback-rules.js';

export { inQuietHours, type QuietPeriod };

export interface PlayerOptions {
  /** URL of the clip pack folder (where manifest.json lies), ending with "/". */
  packUrl: string;
  manifest: ClipPackManifest;
  /** 0 to 1. */
  volume?: number;
  /** How many times each announcement is said (the chime once before the first). */
  repeat?: number;
  /** Pause between two sayings of the same announcement. */
  repeatGapMs?: number;
  quietHours?: QuietPeriod[];
  /** Local time of day in minutes, for quiet hours (tests move it). */
  minuteOfDay?: () => number;
}

export type PlaybackEvent = { type: 'start' | 'end'; file: string; at: number };
export type AnnounceResult = { played: true } | { played: false; reason: 'quiet_hours' };

/**
 * Plays announcements one at a time in the renderer, with howler: a chime, then the clips in
 * order, the whole saying repeated as configured. Calls made while one plays wait their turn, so
 * two announcements never overlap. During quiet hours nothing is played.
 */
export class AnnouncementPlayer {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly sounds = new Map<string, Howl>();
  private readonly listeners: ((event: PlaybackEvent) => void)[] = [];

  constructor(private readonly options: PlayerOptions) {}

  /** Follows every clip started and ended (for the display's subtitles, and for tests). */
  onPlayback(listener: (event: PlaybackEvent) => void): void {
    this.listeners.push(listener);
  }

  setVolume(volume: number): void {
    this.options.volume = Math.min(1, Math.max(0, volume));
    for (const sound of this.sounds.values()) sound.volume(this.options.volume);
  }

  /** Queues an announcement (the clip ids from composeAnnouncement); resolves when it was said. */
  announce(clipIds: readonly string[]): Promise<AnnounceResult> {
    const files = clipFiles(this.options.manifest, clipIds); // throws now, not later, for an unknown clip
    const next = this.queue.then(() => this.play(files));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async play(files: string[]): Promise<AnnounceResult> {
    const now = this.options.minuteOfDay?.() ?? new Date().getHours() * 60 + new Date().getMinutes();
    if (inQuietHours(this.options.quietHours ?? [], now)) return { played: false, reason: 'quiet_hours' };
    const [chime, ...words] = files;
    if (chime) await this.playFile(chime);
    const repeat = Math.max(1, this.options.repeat ?? 1);
    for (let round = 0; round < repeat; round++) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, this.options.repeatGapMs ?? 800));
      for (const file of words) await this.playFile(file);
    }
    return { played: true };
  }

  /**
   * Loads the chime and every clip of the pack before the first call (no wait when it comes);
   * resolves with the files that could not be loaded (a pack with a missing or broken clip).
   */
  async preload(): Promise<string[]> {
    const files = [this.options.manifest.chime.file, ...Object.values(this.options.manifest.clips).map((clip) => clip.file)];
    const failed: string[] = [];
    await Promise.all(
      [...new Set(files)].map(
        (file) =>
          new Promise<void>((resolve) => {
            const sound = this.sound(file);
            if (sound.state() === 'loaded') return resolve();
            sound.once('load', () => resolve());
            sound.once('loaderror', () => {
              failed.push(file);
              this.sounds.delete(file); // tried again when it is needed
              resolve();
            });
          }),
      ),
    );
    return failed;
  }

  private sound(file: string): Howl {
    let sound = this.sounds.get(file);
    if (!sound) {
      sound = new Howl({ src: [`${this.options.packUrl}${file}`], format: ['ogg'], volume: this.options.volume ?? 1, preload: true });
      this.sounds.set(file, sound);
    }
    return sound;
  }

  private playFile(file: string): Promise<void> {
    const sound = this.sound(file);
    return new Promise((resolve, reject) => {
      const emit = (type: PlaybackEvent['type']) => {
        for (const listener of this.listeners) listener({ type, file, at: performance.now() });
      };
      const id = sound.play();
      sound.once('play', () => emit('start'), id);
      sound.once(
        'end',
        () => {
          emit('end');
          resolve();
        },
        id,
      );
      sound.once('loaderror', (_id, error) => reject(new Error(`cannot load ${file}: ${String(error)}`)));
      sound.once('playerror', (_id, error) => reject(new Error(`cannot play ${file}: ${String(error)}`)), id);
    });
  }
}
