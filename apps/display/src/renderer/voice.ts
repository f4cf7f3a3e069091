import { Howler } from 'howler';
import type { ClipPackManifest } from '@qms/voice';
import { AnnouncementPlayer, type PlaybackEvent } from '@qms/voice/playback';
import type { Announcement, AudioProblem, DisplayOwnView } from '../contract.js';

/** What a test (or a technician's console) reads of the playback: the last clips started and ended. */
export interface PlaybackRecord extends PlaybackEvent {
  announcement: number;
}
const RECORD_KEPT = 500;

export interface VoiceHooks {
  /** An announcement starts (its caption shows) or ends (null). */
  caption(announcement: Announcement | null): void;
  /** Tells the agent it began (it leaves the queue there). */
  started(id: number): void;
  audio(ok: boolean, problem?: AudioProblem, detail?: string): void;
}

/** How long a caption stays when nothing can be heard: the hall still reads it. */
const SILENT_CAPTION_MS = 6_000;

/**
 * The hall's voice: announcements in the order the agent queued them, one at a time, each with its
 * caption; Vietnamese, then English when set. Audio that cannot play (no device, autoplay blocked,
 * a missing clip) leaves the board working silently and is reported.
 */
export class HallVoice {
  private players: { vi: AnnouncementPlayer; en: AnnouncementPlayer | null } | null = null;
  private setup: Promise<void> | null = null;
  private readonly started = new Set<number>();
  private queue: Announcement[] = [];
  private playing = false;
  private problem: AudioProblem | null = null;
  readonly record: PlaybackRecord[] = [];
  private current = 0;

  constructor(private readonly hooks: VoiceHooks) {}

  get audioProblem(): AudioProblem | null {
    return this.problem;
  }

  /** Takes the agent's queue as it is (it drops what waited too long): what has not started yet waits here, in order. */
  follow(voice: DisplayOwnView['voice'], announcements: Announcement[]): void {
    if (voice.mode === 'off') return;
    this.setup ??= this.prepare(voice);
    this.queue = announcements.filter((a) => !this.started.has(a.id));
    void this.drain();
  }

  private async prepare(voice: DisplayOwnView['voice']): Promise<void> {
    try {
      const manifest = async (url: string) => (await (await fetch(`${url}manifest.json`)).json()) as ClipPackManifest;
      const options = { volume: voice.volume, repeat: voice.repeat, quietHours: voice.quietHours };
      const vi = new AnnouncementPlayer({ packUrl: voice.packs.vi, manifest: await manifest(voice.packs.vi), ...options });
      const en = voice.mode === 'vi+en' ? new AnnouncementPlayer({ packUrl: voice.packs.en, manifest: await manifest(voice.packs.en), ...options }) : null;
      for (const player of [vi, en]) player?.onPlayback((event) => this.keep({ ...event, announcement: this.current }));
      this.players = { vi, en };
      const failed = [...(await vi.preload()), ...((await en?.preload()) ?? [])];
      if (Howler.noAudio) return this.fail('no_device', 'the browser has no audio output');
      if (Howler.ctx && Howler.ctx.state !== 'running') await Promise.race([Howler.ctx.resume(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
      if (Howler.ctx && Howler.ctx.state !== 'running') return this.fail('autoplay_blocked', 'start the browser with --autoplay-policy=no-user-gesture-required');
      if (failed.length > 0) return this.fail('clip_missing', `cannot load ${failed.slice(0, 3).join(', ')}`);
      this.problem = null;
      this.hooks.audio(true);
    } catch (error) {
      this.fail('clip_missing', `the voice pack could not be read: ${(error as Error).message}`);
    }
  }

  private fail(problem: AudioProblem, detail: string): void {
    this.problem = problem;
    this.hooks.audio(false, problem, detail);
  }

  private keep(record: PlaybackRecord): void {
    this.record.push(record);
    if (this.record.length > RECORD_KEPT) this.record.splice(0, this.record.length - RECORD_KEPT);
  }

  private async drain(): Promise<void> {
    if (this.playing) return;
    this.playing = true;
    try {
      await this.setup;
      for (let next = this.queue.shift(); next; next = this.queue.shift()) {
        this.started.add(next.id);
        if (this.started.size > 1_000) this.started.delete(this.started.values().next().value as number);
        this.hooks.started(next.id);
        this.hooks.caption(next);
        this.current = next.id;
        await this.say(next);
        this.hooks.caption(null);
      }
    } finally {
      this.playing = false;
    }
  }

  private async say(announcement: Announcement): Promise<void> {
    const players = this.players;
    const silent = () => new Promise((resolve) => setTimeout(resolve, SILENT_CAPTION_MS));
    if (!players || this.problem === 'no_device' || this.problem === 'autoplay_blocked') return void (await silent());
    try {
      if (announcement.clips.vi.length > 0) await players.vi.announce(announcement.clips.vi);
      if (players.en && announcement.clips.en && announcement.clips.en.length > 0) await players.en.announce(announcement.clips.en);
      if (this.problem) {
        this.problem = null;
        this.hooks.audio(true);
      }
    } catch (error) {
      const message = (error as Error).message;
      this.fail(/load|no clip/.test(message) ? 'clip_missing' : 'playback_failed', message);
      await silent();
    }
  }
}
