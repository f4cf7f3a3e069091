import { EventEmitter } from 'node:events';
import { EventStream, HubClient } from '@qms/client';
import { type Cancel, type DeviceKind, systemClock, type TimerClock } from '@qms/core';
import type { CentreTextsDto, CommandMessage, QueueEvent, StateDto } from '@qms/protocol';
import type { LinkPhase } from './bridge/contract.js';
import type { CredentialStore } from './config/credential-store.js';
import { isRefusal, pairWithHub } from './pairing.js';
import { applyEvent, mirrorOf, type StateMirror } from './state-mirror.js';

export interface HubLinkOptions {
  hubUrl: string;
  /** The hub's stable id, when the station found it on the LAN (see useHub). */
  hubId?: string | null;
  kind: DeviceKind;
  name: string;
  credentials: CredentialStore;
  /** How often to ask whether the pairing was approved. */
  pollMs?: number;
  /**
   * How long the queue state is kept without a fresh /api/state (default 60 s): events keep it
   * up to date, but fields open and close by the clock without any.
   */
  refreshEveryMs?: number;
  /** Longest wait between two attempts while the hub cannot be reached (default 1 s). */
  maxRetryMs?: number;
  /** Schedules every wait of the link: retries, pairing polls, the slow refresh (a FakeClock in tests). */
  clock?: TimerClock;
  log?: (level: 'info' | 'warn', message: string) => void;
}

/** The centre's texts of a hub that set none (or is older than them): each station shows its own. */
export const NO_CENTRE_TEXTS: CentreTextsDto = { centreName: null, hotline: null, marquee: null, portalUrl: null };

/** What a station reads of GET /api/settings (a hub older than a field leaves it out). */
type SettingsRead = { timeZone: string } & Partial<CentreTextsDto>;
/** What a station reads of GET /api/auth/me. */
type MeRead = { counterId?: number | null; zone?: string | null };

export interface HubLinkEvents {
  /** Anything the station shows changed: phase, pairing code, counter, zone, centre texts, queue state. */
  change: [];
  /** A new pairing code to show (and print on the terminal). */
  pairingCode: [code: string];
  /**
   * Each queue event once, in order, once `state` has taken it in (or, when only a snapshot can
   * tell, with the snapshot on its way). Events a resync's snapshot covered are not repeated.
   */
  event: [event: QueueEvent];
}

/**
 * The station's paired connection to the hub. It pairs on first start (showing the code until a
 * technician approves it), keeps the token in the station's config directory, follows the hub's
 * events and keeps the latest queue state. When the hub goes away it says 'reconnecting' and
 * comes back by itself; when its token is revoked it forgets it and pairs again.
 *
 * The state is /api/state fetched once, then kept by applying each event to it (see
 * state-mirror.ts); it is fetched again only after a resync, a configuration change or a closed
 * day, when an event cannot be applied, and every `refreshEveryMs`.
 */
export class HubLink extends EventEmitter<HubLinkEvents> {
  readonly client: HubClient;
  phase: LinkPhase = 'starting';
  pairingCode: string | null = null;
  state: StateDto | null = null;
  timeZone = 'Asia/Ho_Chi_Minh';
  deviceId: number | null = null;
  /** The counter a technician approved this device for (counter stations), as the hub says. */
  counterId: number | null = null;
  /** The zone a technician approved this display for (counter numbers, "1,2,3"), as the hub says; null for none. */
  zone: string | null = null;
  /**
   * The centre's texts set on the hub (null: not set there), read with the settings at start and
   * after each configuration change. A station shows the hub's text when set, else its own.
   */
  centre: CentreTextsDto = NO_CENTRE_TEXTS;
  private mirror: StateMirror | undefined;
  /** An event could not be applied: `state` is behind until the next snapshot. */
  private stale = false;
  private stream: EventStream | undefined;
  private readonly abort = new AbortController();
  private readonly clock: TimerClock;
  private cancelSlowRefresh: Cancel | undefined;
  private cancelScheduled: Cancel | undefined;
  private cancelRetry: Cancel | undefined;
  private retryMs = 200;
  private commandHandler: ((command: CommandMessage) => void) | undefined;

  constructor(private readonly options: HubLinkOptions) {
    super();
    this.client = new HubClient({ baseUrl: options.hubUrl, timeoutMs: 5_000 });
    this.clock = options.clock ?? systemClock;
  }

  private get signal(): AbortSignal {
    return this.abort.signal;
  }

  private get maxRetryMs(): number {
    // A hub back after a restart is seen within a second: a board must show the truth within 3 s
    // (issue 10), and with 2 s between tries a loaded machine once took 3.03 s. A refused connection
    // a second per station while the hub is away costs the LAN nothing.
    return this.options.maxRetryMs ?? 1_000;
  }

  private log(level: 'info' | 'warn', message: string): void {
    this.options.log?.(level, message);
  }

  private setPhase(phase: LinkPhase): void {
    if (this.phase === phase) return;
    this.phase = phase;
    this.log('info', `hub link: ${phase}`);
    this.emit('change');
  }

  private setCounterId(counterId: number | null): void {
    if (this.counterId === counterId) return;
    this.counterId = counterId;
    this.log('info', counterId === null ? 'approved for no particular counter' : `approved for counter id ${counterId}`);
    this.emit('change');
  }

  /**
   * Takes technicians' commands on the event link (call before start()): the link then opts in
   * with ?commands=true, so a station without handlers never receives any.
   */
  takeCommands(handler: (command: CommandMessage) => void): void {
    this.commandHandler = handler;
  }

  private setZone(zone: string | null): void {
    if (this.zone === zone) return;
    this.zone = zone;
    this.log('info', zone === null ? 'approved without a zone' : `approved for the zone of counters ${zone}`);
    this.emit('change');
  }

  private takeSettings(settings: SettingsRead): void {
    this.timeZone = settings.timeZone;
    const centre: CentreTextsDto = {
      centreName: settings.centreName ?? null,
      hotline: settings.hotline ?? null,
      marquee: settings.marquee ?? null,
      portalUrl: settings.portalUrl ?? null,
    };
    if (JSON.stringify(centre) === JSON.stringify(this.centre)) return;
    this.centre = centre;
    this.emit('change');
  }

  /**
   * The hub found on the LAN: before start(), or later at a new address (the same hub, by its id:
   * the next attempt goes there, with the same token).
   */
  useHub(hubUrl: string, hubId: string | null = null): void {
    this.options.hubUrl = hubUrl;
    this.options.hubId = hubId;
    this.client.baseUrl = hubUrl;
    // The credentials follow the hub to its new address (nothing to do when not paired yet).
    if (hubId !== null) this.options.credentials.load(hubUrl, hubId);
  }

  /** Runs until stop(): pairs when needed, then follows the hub. */
  start(): void {
    void this.run();
  }

  stop(): void {
    this.abort.abort();
    this.cancelSlowRefresh?.();
    this.cancelScheduled?.();
    this.cancelRetry?.();
    this.stream?.close();
  }

  /**
   * Fetches /api/state soon (events keep it current without this); several calls close together
   * cost one fetch.
   */
  scheduleRefresh(delayMs = 50): void {
    if (this.cancelScheduled) return;
    this.cancelScheduled = this.clock.schedule(
      delayMs,
      () => {
        this.cancelScheduled = undefined;
        this.reload();
      },
      { background: true },
    );
  }

  private async run(): Promise<void> {
    while (!this.signal.aborted) {
      const credentials = this.options.credentials.load(this.options.hubUrl, this.options.hubId ?? null);
      if (credentials?.state === 'paired') {
        this.client.token = credentials.token;
        this.deviceId = credentials.deviceId;
        const revoked = await this.follow();
        if (!revoked) return;
        this.log('warn', "the hub no longer accepts this station's token (revoked?): pairing again");
        this.options.credentials.clear();
        this.client.token = undefined;
        this.stream?.close();
        this.stream = undefined;
        this.cancelSlowRefresh?.();
        this.cancelRetry?.();
        this.mirror = undefined;
        this.state = null;
        this.setCounterId(null);
        this.setZone(null);
      } else {
        await this.pair();
      }
    }
  }

  /** Asks to pair and waits for a technician; leaves the token in the credential store. */
  private async pair(): Promise<void> {
    const { hubUrl, kind, name, credentials, pollMs } = this.options;
    const paired = await pairWithHub({
      client: this.client,
      hubUrl,
      hubId: this.options.hubId ?? null,
      kind,
      name,
      credentials,
      clock: this.clock,
      signal: this.signal,
      pollMs: pollMs ?? 1_000,
      maxRetryMs: this.maxRetryMs,
      log: (level, message) => this.log(level, message),
      onCode: (code) => {
        if (this.pairingCode === code) return;
        this.pairingCode = code;
        this.emit('pairingCode', code);
      },
      onPhase: (phase) => {
        if (phase === 'reconnecting' && this.phase === 'pairing') return;
        this.setPhase(phase);
      },
    });
    if (!paired) return;
    this.pairingCode = null;
    this.setCounterId(paired.counterId);
    this.setZone(paired.zone);
  }

  /** Follows the hub until stopped (false) or until the hub refuses the token (true). */
  private async follow(): Promise<boolean> {
    let retryMs = 200;
    // The first picture, the settings (time zone, centre texts) and this device's counter and zone (a technician may have approved it again), retried until the hub answers.
    while (!this.signal.aborted) {
      try {
        const [state, settings, me] = await Promise.all([this.client.state(), this.client.request<SettingsRead>('GET', '/api/settings'), this.client.request<MeRead>('GET', '/api/auth/me')]);
        this.takeSettings(settings.body);
        this.setCounterId(me.body.counterId ?? null);
        this.setZone(me.body.zone ?? null);
        this.takeSnapshot(state);
        break;
      } catch (error) {
        if (isRefusal(error) && error.status === 401) return true;
        this.log('warn', `hub not reachable (${(error as Error).message}); trying again`);
        this.setPhase('reconnecting');
        await this.clock.sleep(retryMs, this.signal);
        retryMs = Math.min(retryMs * 2, this.maxRetryMs);
      }
    }
    if (this.signal.aborted) return false;

    return new Promise<boolean>((resolve) => {
      const stream = new EventStream(
        this.client,
        {
          onSnapshot: (state) => this.takeSnapshot(state),
          onEvent: (event) => this.takeEvent(event),
          onStatus: (status) => {
            if (status === 'live') {
              this.setPhase('ready');
              if (this.stale) this.reload();
            } else if (status === 'reconnecting') {
              this.setPhase('reconnecting');
              void this.checkToken().then((revoked) => revoked && resolve(true));
            }
          },
          onError: (error) => this.log('warn', `hub events: ${error.message}`),
          onCommand: (command) => this.commandHandler?.(command),
        },
        { since: this.state?.seq, maxBackoffMs: this.maxRetryMs, clock: this.clock, commands: this.commandHandler !== undefined },
      );
      this.stream = stream;
      this.signal.addEventListener('abort', () => resolve(false), { once: true });
      void stream.start();
    });
  }

  /** A full picture from the hub: at start, after a resync, after reload(). */
  private takeSnapshot(state: StateDto): void {
    this.mirror = mirrorOf(state);
    this.state = state;
    this.stale = false;
    this.retryMs = 200;
    this.cancelRetry?.();
    this.armSlowRefresh();
    this.emit('change');
  }

  private takeEvent(event: QueueEvent): void {
    if (event.type === 'config.changed') void this.refreshSettings();
    let changed = false;
    if (this.mirror && !this.stale) {
      const next = applyEvent(this.mirror, event, this.timeZone);
      if (next) {
        changed = next !== this.mirror;
        this.mirror = next;
        this.state = next.state;
      } else {
        // Only a snapshot can tell (configuration changed, the day closed ...): events wait for it.
        this.stale = true;
        this.reload();
      }
    }
    this.emit('event', event);
    if (changed) this.emit('change');
  }

  /** Fetches /api/state in line with the events (see EventStream.reload). */
  private reload(): void {
    const stream = this.stream;
    if (!stream || this.signal.aborted) return;
    stream.reload().catch((error: unknown) => {
      this.log('warn', `state: ${(error as Error).message}`);
      if (this.signal.aborted) return;
      if (!this.stale) return this.armSlowRefresh();
      // The picture is known to be behind: try again soon.
      this.cancelRetry?.();
      this.cancelRetry = this.clock.schedule(this.retryMs, () => this.reload(), { background: true });
      this.retryMs = Math.min(this.retryMs * 2, this.maxRetryMs);
    });
  }

  /** Fetches /api/state once `refreshEveryMs` passed without one: opening hours pass without events. */
  private armSlowRefresh(): void {
    this.cancelSlowRefresh?.();
    this.cancelSlowRefresh = this.clock.schedule(
      this.options.refreshEveryMs ?? 60_000,
      () => {
        this.cancelSlowRefresh = undefined;
        if (this.phase === 'ready') this.reload();
        else this.armSlowRefresh();
      },
      { background: true },
    );
  }

  /** While the events are down: does the hub still know this token? (A 401 means revoked.) */
  private async checkToken(): Promise<boolean> {
    try {
      const me = await this.client.request<MeRead>('GET', '/api/auth/me');
      this.setCounterId(me.body.counterId ?? null);
      this.setZone(me.body.zone ?? null);
      return false;
    } catch (error) {
      return isRefusal(error) && error.status === 401;
    }
  }

  /** After a configuration change: the time zone and the centre's texts (applied live by the station). */
  private async refreshSettings(): Promise<void> {
    try {
      this.takeSettings((await this.client.request<SettingsRead>('GET', '/api/settings')).body);
    } catch (error) {
      this.log('warn', `settings: ${(error as Error).message}`);
    }
  }
}
