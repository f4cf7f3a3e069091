/**
 * The hall display's contract with its board: the view the agent pushes (the calls of its zone, the
 * announcements to make, how the board is laid out and what it says besides) and the two things
 * the board tells back (an announcement started; how the audio is). Pure types: the renderer
 * imports them too.
 */
import type { CounterStatus, PauseReason } from '@qms/core';
import type { StationView } from '@qms/station/contract';

export const DISPLAY_LAYOUTS = ['auto', 'landscape', 'portrait'] as const;
export type DisplayLayout = (typeof DISPLAY_LAYOUTS)[number];
/** What the board shows: Vietnamese, or Vietnamese with English beside it. */
export const DISPLAY_LANGUAGES = ['vi', 'vi+en'] as const;
export type DisplayLanguages = (typeof DISPLAY_LANGUAGES)[number];
/** What the hall hears: nothing, Vietnamese, or Vietnamese then English. */
export const VOICE_MODES = ['off', 'vi', 'vi+en'] as const;
export type VoiceMode = (typeof VOICE_MODES)[number];

export interface BoardCall {
  ticketId: number;
  label: string;
  counterNumber: number;
  /** When it was called (or called again). */
  at: string;
}

export interface BoardCounter {
  number: number;
  name: string;
  status: CounterStatus;
  pauseReason: PauseReason | null;
  /** The ticket it serves or has called; null: a dash on the board. */
  label: string | null;
}

export interface BoardQueue {
  serviceId: number;
  name: string;
  nameEn: string;
  prefix: string;
  waiting: number;
}

/** One announcement: what the hall hears (clip ids per language) and reads meanwhile (the caption). */
export interface Announcement {
  /** The seq of the event that asked for it: unique, in call order. */
  id: number;
  ticketId: number;
  label: string;
  counterNumber: number;
  /** When it was called: one not made in time (announceMissedSeconds) is dropped. */
  at: string;
  clips: { vi: string[]; en: string[] | null };
  caption: { vi: string; en: string | null };
}

export interface DisplayOwnView {
  layout: DisplayLayout;
  languages: DisplayLanguages;
  /** The centre's name in the header (the hub's centreName when set there, else station.json's title). */
  title: string;
  /** The scrolling line (announcements, the hotline, the procedures of the week); empty: none. The hub's when set there, else station.json's. */
  marquee: string;
  /** The national public service portal, shown as a QR code; null: none. The hub's when set there, else station.json's. */
  portalUrl: string | null;
  voice: {
    mode: VoiceMode;
    /** Clip pack folders, relative to the board's page (each holds manifest.json). */
    packs: { vi: string; en: string };
    /** 0 to 1. */
    volume: number;
    repeat: number;
    quietHours: { from: string; to: string }[];
  };
  board: {
    /** The newest call of the zone, large. */
    latest: BoardCall | null;
    counters: BoardCounter[];
    /** The calls before it, newest first. */
    recent: BoardCall[];
    queues: BoardQueue[];
  };
  /** Announcements waiting to be made, oldest first (the board plays them one at a time). */
  announcements: Announcement[];
}

export type DisplayView = StationView<DisplayOwnView>;

/** Why the hall hears nothing: the board says so and the hub's device alerts too. */
export const AUDIO_PROBLEMS = ['no_device', 'autoplay_blocked', 'clip_missing', 'playback_failed'] as const;
export type AudioProblem = (typeof AUDIO_PROBLEMS)[number];

export type DisplayMethods = {
  /** The board began this announcement: it leaves the queue (a recall after this is announced again). */
  announcing: { params: { id: number }; result: null };
  /** How the board's audio is: working, or the problem that silences it. */
  audio: { params: { ok: boolean; problem?: AudioProblem; detail?: string }; result: null };
};
