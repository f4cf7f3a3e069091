import { EventEmitter } from 'node:events';
import { type DeviceKind, systemClock, type TimerClock } from '@qms/core';
import { BridgeDispatcher, type BridgeHandlers, type StationLog, type ViewSource } from './bridge/bridge-dispatcher.js';
import type { MethodMap, PlatformView, StationView } from './bridge/contract.js';
import type { StationDocuments } from './bridge/bridge-server.js';
import { CredentialStore } from './config/credential-store.js';
import type { StationConfig, StationSection } from './config/station-config.js';
import type { Setting, Settings } from './config/settings-schema.js';
import { CommandRunner } from './commands/command-runner.js';
import type { StationCommandHandlers } from './commands/station-commands.js';
import { DiscoveredHubStore } from './discovery/discovered-hub-store.js';
import { findHub, type FoundHub } from './discovery/find-hub.js';
import { DeviceHealthReporter } from './health/health-reporter.js';
import { HubLink } from './hub-link.js';

/**
 * A station that found its hub on the LAN and has not reached it for this long looks for it on the
 * LAN again: the hub may have come back at another address (a DHCP lease, a new machine given the
 * data folder). Found there by its id, it is followed with the same token, no new pairing.
 */
export const LOOK_AGAIN_AFTER_MS = 10_000;

/** What a station kind's agent is given: its configuration, the hub, device health, the clock. */
export interface StationContext<Section> {
  config: StationConfig<Section>;
  link: HubLink;
  health: DeviceHealthReporter;
  clock: TimerClock;
  log: StationLog;
}

/** A station kind's use cases on the Node side: its part of the view, and the methods of its contract. */
export interface StationAgent<View, Methods extends MethodMap> {
  view(): View;
  /** Something in the agent's part of the view changed. */
  on(event: 'change', listener: () => void): unknown;
  handlers: BridgeHandlers<Methods>;
  /** What it does when a technician asks from the console (receipt preview, sample announcement ...), if anything. */
  commands?: StationCommandHandlers;
  /** Documents it made for its screen to open (the counter's receipt PDF), served by the station's local server. */
  documents?: StationDocuments;
  start(): void;
  stop(): Promise<void>;
}

/**
 * A kind of station (kiosk, counter, display, ...) as the platform runs it: the section of
 * station.json it reads, what it pairs as, and its agent. Its renderer and Electron entry come
 * from @qms/shell; the `qms-station` command runs it beside Chromium.
 */
export interface StationApp<S extends Record<string, Setting<unknown>>, View, Methods extends MethodMap> {
  section: StationSection<S>;
  /** What the hub knows it as (its rights follow from it). */
  deviceKind: DeviceKind;
  /** Browser permissions its screen may use (Electron grants these and no other), e.g. 'media' for a camera. */
  permissions: readonly string[];
  /** Folders its screen reads besides its own files, by URL path ('/voice/custom/' → a centre's voice pack), from its settings. */
  files?(section: Settings<S>): Record<string, string>;
  createAgent(context: StationContext<Settings<S>>): StationAgent<View, Methods>;
}

export type AnyStationApp = StationApp<Record<string, Setting<unknown>>, unknown, MethodMap>;

export interface StationOptions {
  log?: StationLog;
  clock?: TimerClock;
}

/**
 * One running station's Node side: the hub link (pairing first), device health, the kind's agent,
 * the dispatcher of its bridge, and the whole view (the platform's part and the agent's).
 * The bridge server (beside Chromium) or Electron's IPC carries it to the screen.
 */
export class Station<Section, View, Methods extends MethodMap> extends EventEmitter<{ view: []; hubFound: [hub: FoundHub] }> implements ViewSource<View> {
  readonly link: HubLink;
  readonly health: DeviceHealthReporter;
  readonly agent: StationAgent<View, Methods>;
  readonly dispatcher: BridgeDispatcher<Methods>;
  /** The hub found on the LAN (no hub URL configured); null until then, and always when configured. */
  discoveredHub: FoundHub | null = null;
  private publishing = false;
  private readonly log: StationLog;
  private readonly clock: TimerClock;
  private readonly stopping = new AbortController();
  /** While the hub found on the LAN cannot be reached: the wait before looking again, or the search itself. */
  private lookingAgain: AbortController | undefined;

  constructor(
    readonly config: StationConfig<Section>,
    app: { deviceKind: DeviceKind; createAgent(context: StationContext<Section>): StationAgent<View, Methods> },
    options: StationOptions = {},
  ) {
    super();
    const log: StationLog = options.log ?? (() => undefined);
    const clock = options.clock ?? systemClock;
    this.log = log;
    this.clock = clock;
    this.link = new HubLink({ hubUrl: config.hubUrl, kind: app.deviceKind, name: config.name, credentials: new CredentialStore(config.dir), log });
    this.health = new DeviceHealthReporter(this.link, log);
    this.agent = app.createAgent({ config, link: this.link, health: this.health, clock, log });
    this.dispatcher = new BridgeDispatcher(this.agent.handlers, log);
    const commands = new CommandRunner(this.agent.commands ?? {}, this.link.client, log);
    if (commands.any) this.link.takeCommands((command) => commands.run(command));
    this.link.on('change', () => this.publish());
    this.agent.on('change', () => this.publish());
  }

  platformView(): PlatformView {
    const { link, config } = this;
    const discovering = config.hubFrom === 'lan' && !this.discoveredHub;
    return {
      phase: discovering ? 'discovering' : link.phase === 'ready' && !link.state ? 'starting' : link.phase,
      pairingCode: link.pairingCode,
      hubUrl: config.hubUrl,
      discoveredHub: this.discoveredHub && { name: this.discoveredHub.name, url: this.discoveredHub.url },
      stationName: config.name,
      timeZone: link.timeZone,
    };
  }

  view(): StationView<View> {
    return { ...this.agent.view(), ...this.platformView() };
  }

  /** Tells the screens once, however many things changed together; each reads the view when it can take it (ViewPacer). */
  private publish(): void {
    if (this.publishing) return;
    this.publishing = true;
    queueMicrotask(() => {
      this.publishing = false;
      this.emit('view');
    });
  }

  start(): void {
    if (this.config.hubFrom === 'lan') void this.discoverThenLink();
    else this.link.start();
    this.agent.start();
  }

  /**
   * No hub URL configured: finds the hub on the LAN (or where it was found last time), remembers
   * it in the station's folder, then links to it and pairs as with a configured one.
   */
  private async discoverThenLink(): Promise<void> {
    const store = new DiscoveredHubStore(this.config.dir);
    const found = await findHub({ remembered: store.load(), signal: this.stopping.signal, clock: this.clock, log: this.log });
    if (!found) return;
    store.save(found);
    this.log('info', `found the hub ${found.name} at ${found.url}`);
    this.config.hubUrl = found.url;
    this.link.useHub(found.url, found.id);
    this.discoveredHub = found;
    this.emit('hubFound', found);
    this.publish();
    this.link.on('change', () => this.lookAgainWhileAway(store));
    this.link.start();
  }

  /**
   * The hub found on the LAN is away: after LOOK_AGAIN_AFTER_MS still away, looks for it (by its
   * id) on the LAN again, and follows it to a new address. Back at the old one, nothing changes.
   */
  private lookAgainWhileAway(store: DiscoveredHubStore): void {
    const hub = this.discoveredHub;
    const away = this.link.phase === 'reconnecting';
    if (!away) {
      this.lookingAgain?.abort();
      this.lookingAgain = undefined;
      return;
    }
    if (this.lookingAgain || !hub?.id) return;
    const looking = new AbortController();
    this.lookingAgain = looking;
    const signal = AbortSignal.any([looking.signal, this.stopping.signal]);
    void (async () => {
      await this.clock.sleep(LOOK_AGAIN_AFTER_MS, signal);
      if (signal.aborted) return;
      const found = await findHub({ remembered: hub, id: hub.id ?? undefined, signal, clock: this.clock, log: this.log });
      if (this.lookingAgain === looking) this.lookingAgain = undefined;
      if (!found || found.url === hub.url) return;
      this.log('info', `the hub ${found.name} moved: following it from ${hub.url} to ${found.url}`);
      store.save(found);
      this.config.hubUrl = found.url;
      this.link.useHub(found.url, found.id);
      this.discoveredHub = found;
      this.emit('hubFound', found);
      this.publish();
    })();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.link.stop();
    await this.agent.stop();
  }
}

/** Creates a station of this kind from its configuration (not started). */
export function createStation<S extends Record<string, Setting<unknown>>, View, Methods extends MethodMap>(
  app: StationApp<S, View, Methods>,
  config: StationConfig<Settings<S>>,
  options: StationOptions = {},
): Station<Settings<S>, View, Methods> {
  return new Station(config, app, options);
}
