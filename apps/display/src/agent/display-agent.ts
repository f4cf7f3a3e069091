import { EventEmitter } from 'node:events';
import { type DeviceHealth, type DeviceHealthSource, displayZoneNumbers, type QueueEvent } from '@qms/core';
import { BRIDGE_ERRORS, BridgeFailure, type BridgeHandlers, type StationAgent, type StationCommandHandlers, type StationContext } from '@qms/station';
import { composeAnnouncement } from '@qms/voice';
import { type Announcement, AUDIO_PROBLEMS, type BoardCall, type DisplayMethods, type DisplayOwnView } from '../contract.js';
import { boardOf } from './display-board.js';
import { displayCommands } from './display-commands.js';
import type { DisplaySettings } from './display-settings.js';
import { marqueeWithProcedures, ProcedureMarquee } from './procedure-marquee.js';

/** More announcements than this waiting: the oldest are dropped (the board still shows every call). */
export const MAX_PENDING = 20;
/** Where the board finds the clip packs: the shipped ones beside it, a centre's own at /voice/custom/. */
export const SHIPPED_PACKS = { vi: 'voice/vi/', en: 'voice/en/' } as const;
export const CUSTOM_PACK_PATH = '/voice/custom/';

/** What the board reads while an announcement plays: the label and the counter in digits, as on the ticket. */
export function captionOf(label: string, counterNumber: number): Announcement['caption'] {
  return { vi: `Mời công dân có số ${label} đến quầy số ${counterNumber}`, en: `Ticket ${label}, please go to counter ${counterNumber}` };
}

/** The board's audio as the board reports it, for the hub's device alerts. */
class AudioHealth extends EventEmitter<{ health: [DeviceHealth] }> implements DeviceHealthSource {
  health: DeviceHealth = { state: 'connected' };

  set(health: DeviceHealth): void {
    if (JSON.stringify(health) === JSON.stringify(this.health)) return;
    this.health = health;
    this.emit('health', health);
  }
}

/**
 * The hall display's Node side: the board of its zone from the hub link's state, and the
 * announcements of the zone's calls and recalls, in call order, one per ticket while it waits its
 * turn. Calls replayed after a disconnection are shown; only the recent ones are announced.
 */
export class DisplayAgent extends EventEmitter<{ change: [] }> implements StationAgent<DisplayOwnView, DisplayMethods> {
  private latest: BoardCall | null = null;
  private pending: Announcement[] = [];
  private readonly audio = new AudioHealth();
  /** Sample announcements take ids below zero (a call's id is its event's seq). */
  private lastSampleId = 0;
  /** The procedures of its fields on the marquee, when the hub (or station.json) says so. */
  private readonly procedures: ProcedureMarquee;
  /** What a technician can ask of this display from the console. */
  readonly commands: StationCommandHandlers = displayCommands({
    voiceOn: () => this.context.config.section.voice !== 'off',
    announceSample: (label, counterNumber) => this.announceSample(label, counterNumber),
  });

  readonly handlers: BridgeHandlers<DisplayMethods> = {
    announcing: ({ id }) => {
      const before = this.pending.length;
      this.pending = this.pending.filter((a) => a.id !== id);
      if (this.pending.length !== before) this.emit('change');
      return null;
    },
    audio: ({ ok, problem, detail }) => {
      if (ok) this.audio.set({ state: 'connected' });
      else if (problem && AUDIO_PROBLEMS.includes(problem)) this.audio.set({ state: 'problem', code: problem, ...(detail ? { detail: String(detail).slice(0, 200) } : {}) });
      else throw new BridgeFailure(BRIDGE_ERRORS.invalid, `problem must be one of ${AUDIO_PROBLEMS.join(', ')}`);
      return null;
    },
  };

  constructor(private readonly context: StationContext<DisplaySettings>) {
    super();
    if (context.config.section.voice !== 'off') context.health.watch('audio', this.audio);
    context.link.on('event', (event: QueueEvent) => this.take(event));
    this.procedures = new ProcedureMarquee(context.link, context.clock, context.config.section.marqueeProcedures, context.log);
    this.procedures.on('change', () => this.emit('change'));
  }

  start(): void {
    this.procedures.start();
  }

  /**
   * The counters it shows: its own zone (--zone, station.json) when set, else the zone the hub
   * gave it at approval, else every counter ([]). An empty zone in station.json counts as not set.
   */
  private get zone(): readonly number[] {
    const own = this.context.config.section.zone;
    if (own.length > 0) return own;
    const fromHub = this.context.link.zone;
    return (fromHub !== null && displayZoneNumbers(fromHub)) || [];
  }

  /** The fields (services) of the counters it shows; null for every field (no zone). */
  private zoneServiceIds(): ReadonlySet<number> | null {
    const zone = this.zone;
    if (zone.length === 0) return null;
    const counters = this.context.link.state?.counters ?? [];
    return new Set(counters.filter((counter) => zone.includes(counter.number)).flatMap((counter) => counter.serviceIds));
  }

  async stop(): Promise<void> {
    this.procedures.stop();
  }

  view(): DisplayOwnView {
    const settings = this.context.config.section;
    // The centre's texts: the hub's when set there (applied live), else station.json's.
    const hub = this.context.link.centre;
    return {
      layout: settings.layout,
      languages: settings.languages,
      title: hub.centreName ?? settings.title,
      marquee: marqueeWithProcedures(hub.marquee ?? settings.marquee ?? '', this.procedures.procedures, this.zoneServiceIds()),
      portalUrl: hub.portalUrl ?? settings.portalUrl,
      voice: {
        mode: settings.voice,
        packs: { vi: settings.voicePack ? CUSTOM_PACK_PATH.slice(1) : SHIPPED_PACKS.vi, en: SHIPPED_PACKS.en },
        volume: settings.volume / 100,
        repeat: settings.repeat,
        quietHours: settings.quietHours.map((period) => {
          const [from = '', to = ''] = period.split('-');
          return { from, to };
        }),
      },
      board: boardOf(this.context.link.state, this.zone, this.latest, settings.recentCalls),
      announcements: this.pending.filter((a) => this.recent(a.at)),
    };
  }

  private take(event: QueueEvent): void {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.recalled') return;
    const settings = this.context.config.section;
    const counter = this.context.link.state?.counters.find((c) => c.id === event.counterId);
    const zone = this.zone;
    if (!counter || (zone.length > 0 && !zone.includes(counter.number))) return;
    const { ticket } = event;
    this.latest = { ticketId: ticket.id, label: ticket.label, counterNumber: counter.number, at: event.at };
    // A call missed while away is shown but not announced unless recent; a recall of a ticket still waiting its turn is said once.
    this.pending = this.pending.filter((a) => this.recent(a.at));
    if (settings.voice !== 'off' && this.recent(event.at) && !this.pending.some((a) => a.ticketId === ticket.id)) {
      this.pending = [...this.pending, this.announcement(event.seq, ticket.id, ticket.label, counter.number, event.at)].slice(-MAX_PENDING);
    }
    this.emit('change');
  }

  /** A technician's sample: queued after the calls waiting, said and shown as a call is (the board's call list is left alone). */
  private announceSample(label: string, counterNumber: number): void {
    this.lastSampleId -= 1;
    const sample = this.announcement(this.lastSampleId, 0, label, counterNumber, this.context.clock.now().toISOString());
    this.pending = [...this.pending.filter((a) => this.recent(a.at)), sample].slice(-MAX_PENDING);
    this.context.log('info', `sample announcement queued: ${sample.caption.vi}`);
    this.emit('change');
  }

  /** Said only when this recent: a call replayed after a disconnection, or left unsaid too long, is only shown. */
  private recent(at: string): boolean {
    return this.context.clock.now().getTime() - Date.parse(at) <= this.context.config.section.announceMissedSeconds * 1_000;
  }

  private announcement(id: number, ticketId: number, label: string, counterNumber: number, at: string): Announcement {
    const clips = (lang: 'vi' | 'en') => {
      try {
        return composeAnnouncement(label, counterNumber, { lang }).clips;
      } catch (error) {
        this.context.log('warn', `announcement of ${label}: ${(error as Error).message}`);
        return [];
      }
    };
    const english = this.context.config.section.voice === 'vi+en';
    const caption = captionOf(label, counterNumber);
    return {
      id,
      ticketId,
      label,
      counterNumber,
      at,
      clips: { vi: clips('vi'), en: english ? clips('en') : null },
      caption: { vi: caption.vi, en: this.context.config.section.languages === 'vi+en' ? caption.en : null },
    };
  }
}
