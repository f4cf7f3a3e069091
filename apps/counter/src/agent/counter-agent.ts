import { EventEmitter } from 'node:events';
import { HubClient, HubError } from '@qms/client';
import { type Cancel, type PauseReason, PAUSE_REASONS } from '@qms/core';
import type { TicketDto } from '@qms/protocol';
import { BRIDGE_ERRORS, BridgeFailure, type BridgeHandlers, type StationAgent, type StationContext } from '@qms/station';
import {
  COUNTER_ACTIONS,
  COUNTER_ERRORS,
  type CounterAction,
  type CounterMethods,
  type CounterOwnView,
  type CurrentTicket,
  type ReceiveApplicationParams,
  type ReceivedApplication,
  type WaitingTicket,
} from '../contract.js';
import type { ApplicationDesk } from './application-desk.js';
import type { SignageBus } from '@qms/signage';
import type { CounterSettings } from './counter-settings.js';
import type { CounterSignage } from './counter-signage.js';
import { RatingPad } from './rating-pad.js';
import { CounterGlanceFeed, waitingFor } from './counter-glance.js';
import { counterPartOf, currentOf } from './counter-view.js';

const PIN = /^[0-9]{4,8}$/;
const invalid = (message: string) => new BridgeFailure(BRIDGE_ERRORS.invalid, message);

/** A refusal of the hub as the screen shows it; not reaching the hub is `hub.unreachable`. */
function failureOf(error: unknown, baseUrl: string): BridgeFailure {
  if (error instanceof BridgeFailure) return error;
  if (error instanceof HubError && error.status < 500) return new BridgeFailure(error.code, error.message);
  return new BridgeFailure(BRIDGE_ERRORS.hubUnreachable, `the hub at ${baseUrl} did not answer: ${(error as Error).message}`);
}

/**
 * The counter caller's use cases on the Node side: a clerk signs in (PIN or password) and acts at
 * the counter with their own token, so the hub records who did what. One press does one thing: a
 * second press of an action still in flight joins it, and a call is never sent again on its own
 * (the hub gives each ticket to one counter; a blind retry could call a second citizen).
 */
export class CounterAgent extends EventEmitter<{ change: [] }> implements StationAgent<CounterOwnView, CounterMethods> {
  private clerk: { username: string; displayName: string; client: HubClient; businessDay: string | null } | null = null;
  readonly ratingPad: RatingPad;
  private readonly glance: CounterGlanceFeed;
  private chosenCounterId: number | null = null;
  private readonly inFlight = new Map<string, Promise<{ current: CurrentTicket | null }>>();
  /**
   * The ticket this station's own last call got, until the hub link's state shows it: the hub
   * answers the call and sends its event on the WebSocket at once, but the event may come later,
   * and a "finish" pressed meanwhile must find the ticket. `from` is what the counter held before.
   */
  private ownCall: { ticket: TicketDto; from: number | null; at: number } | null = null;
  private cancelIdle: Cancel | undefined;
  private receiving: Promise<ReceivedApplication> | null = null;

  readonly handlers: BridgeHandlers<CounterMethods> = {
    login: (params) => this.login(params),
    logout: () => this.logout('signed out').then(() => null),
    act: (params) => this.act(params.action, params.reason),
    callTicket: (params) => this.callTicket(params.label),
    waiting: () => this.waiting(),
    transfer: (params) => this.transfer(params.serviceId),
    requeue: (params) => this.requeue(params.ticketId),
    rate: (params) => this.ratingPad.rate(params.score),
    procedures: (params) => this.withClerk((client) => this.desk.procedures(client, params ?? {})),
    receiveApplication: (params) => this.receiveApplication(params),
    printApplicationReceipt: (params) => this.withClerk(() => this.desk.print(params?.applicationId)),
    applicationPdf: (params) => this.withClerk(() => this.desk.pdf(params?.applicationId)),
    clearScan: () => (this.desk.clearScan(), null),
    handOver: () => this.handOver(),
  };

  /** The receipt PDFs the screen opens, served by the station's local server. */
  get documents() {
    return this.desk.documents;
  }

  constructor(
    private readonly context: StationContext<CounterSettings>,
    private readonly devices: { bus: SignageBus; signage: CounterSignage } | null,
    private readonly desk: ApplicationDesk,
  ) {
    super();
    desk.on('change', () => this.emit('change'));
    this.ratingPad = new RatingPad(context.link.client, context.clock, context.log);
    this.ratingPad.on('change', () => this.emit('change'));
    this.glance = new CounterGlanceFeed(context.clock, context.log);
    this.glance.on('change', () => this.emit('change'));
    context.link.on('change', () => {
      this.followOwnCall();
      this.followDay();
      this.devices?.signage.follow(this.current());
      this.followGlance();
    });
    this.devices?.signage.onPress((action) => {
      // A keypad press is the signed-in clerk's; without one it does nothing (and says so in the log).
      if (!this.clerk) return context.log('info', `keypad ${action} ignored: nobody is signed in`);
      this.act(action).catch((error: unknown) => context.log('warn', `keypad ${action}: ${(error as Error).message}`));
    });
  }

  start(): void {
    this.devices?.bus.start();
    this.desk.start();
  }

  async stop(): Promise<void> {
    this.cancelIdle?.();
    await this.logout('station stopping');
    await this.devices?.bus.stop();
    await this.desk.stop();
  }

  /** The counter this station works at: the one it was approved for, else the clerk's choice. */
  get counterId(): number | null {
    return this.context.link.counterId ?? this.chosenCounterId;
  }

  view(): CounterOwnView {
    const { link, config } = this.context;
    const part = counterPartOf(link.state, this.counterId);
    return {
      ...part,
      current: part.current ? { ...part.current, citizen: this.glance.citizenOf(part.current.id), application: this.glance.applicationOf(part.current.id) } : null,
      bound: link.counterId !== null,
      clerk: this.clerk ? { username: this.clerk.username, displayName: this.clerk.displayName } : null,
      rating: this.ratingPad.view(),
      glance: this.glance.view(),
      idleLogoutMinutes: config.section.idleLogoutMinutes,
      desk: this.desk.view(),
    };
  }

  /** The side panel follows the signed-in clerk's counter: its ticket and its fields' queues. */
  private followGlance(): void {
    const state = this.context.link.state;
    const counter = state?.counters.find((c) => c.id === this.counterId);
    if (!this.clerk || !state || !counter) return this.glance.follow(null);
    const queues = state.services.filter((s) => counter.serviceIds.includes(s.id)).map((s) => [s.id, s.waiting]);
    const signature = JSON.stringify([this.clerk.username, counter.id, counter.serviceIds, counter.ticket?.id, counter.ticket?.status, queues]);
    this.glance.follow({ client: this.clerk.client, counter, current: currentOf(state, counter.ticket), signature });
  }

  async login(params: { username: string; secret: string; counterId?: number }): Promise<{ username: string }> {
    const { link } = this.context;
    if (typeof params.username !== 'string' || !params.username.trim() || params.username.length > 64) throw invalid('username must be the clerk’s user name');
    if (typeof params.secret !== 'string' || params.secret.length < 1 || params.secret.length > 256) throw invalid('give the PIN or the password');
    const counterId = link.counterId ?? params.counterId ?? null;
    if (counterId === null || !Number.isInteger(counterId) || !link.state?.counters.some((c) => c.id === counterId)) {
      throw new BridgeFailure(COUNTER_ERRORS.noCounter, 'this station is not bound to a counter: choose the counter to work at');
    }
    const client = new HubClient({ baseUrl: link.client.baseUrl, timeoutMs: 5_000 });
    const username = params.username.trim();
    let displayName: string;
    try {
      // A secret of 4 to 8 digits is a PIN (the hub takes those at counter stations), anything else a password.
      const session = PIN.test(params.secret) ? await client.loginWithPin(username, params.secret) : await client.login(username, params.secret);
      displayName = session.user.displayName || username;
    } catch (error) {
      throw failureOf(error, client.baseUrl);
    }
    await this.logout('another clerk signed in');
    this.chosenCounterId = link.counterId === null ? counterId : null;
    this.clerk = { username, displayName, client, businessDay: link.state?.businessDay ?? null };
    await this.ratingPad.loadSettings(client);
    this.context.log('info', `clerk ${username} signed in at counter ${counterId}`);
    this.touch();
    this.followGlance();
    this.emit('change');
    return { username };
  }

  async logout(why: string): Promise<void> {
    const clerk = this.clerk;
    if (!clerk) return;
    this.clerk = null;
    this.chosenCounterId = null;
    this.ownCall = null;
    this.cancelIdle?.();
    // The next clerk sees none of this one's applicants: the scanned card and the kept receipts go.
    this.desk.forget();
    this.context.log('info', `clerk ${clerk.username} signed out (${why})`);
    this.followGlance();
    this.emit('change');
    // The token ends at the hub too; a hub out of reach lets it expire on its own.
    await clerk.client.request('POST', '/api/auth/logout').catch(() => undefined);
  }

  /** Signed out after a while without a press. */
  private touch(): void {
    this.cancelIdle?.();
    this.cancelIdle = this.context.clock.schedule(this.context.config.section.idleLogoutMinutes * 60_000, () => void this.logout('idle'), { background: true });
  }

  /** Signed out when the business day turns. */
  private followDay(): void {
    const day = this.context.link.state?.businessDay ?? null;
    if (this.clerk && day && this.clerk.businessDay && day !== this.clerk.businessDay) void this.logout('end of the day');
    else if (this.clerk && day && !this.clerk.businessDay) this.clerk.businessDay = day;
    this.emit('change');
  }

  private signedIn(): { client: HubClient; counterId: number } {
    const counterId = this.counterId;
    if (!this.clerk) throw new BridgeFailure(COUNTER_ERRORS.notSignedIn, 'sign in first');
    if (counterId === null) throw new BridgeFailure(COUNTER_ERRORS.noCounter, 'no counter chosen');
    return { client: this.clerk.client, counterId };
  }

  private current(): CurrentTicket | null {
    const shown = this.view().current;
    if (shown || !this.ownCall) return shown;
    const state = this.context.link.state;
    return state ? currentOf(state, this.ownCall.ticket) : null;
  }

  private rememberCall(ticket: TicketDto | null, from: CurrentTicket | null): void {
    this.ownCall = ticket ? { ticket, from: from?.id ?? null, at: this.context.clock.now().getTime() } : null;
    this.followOwnCall();
  }

  /** The link caught up once it shows the call, or another change at this counter; after 10 s it is not waited for. */
  private followOwnCall(): void {
    if (!this.ownCall) return;
    const shown = counterPartOf(this.context.link.state, this.counterId).current?.id ?? null;
    const late = this.context.clock.now().getTime() - this.ownCall.at > 10_000;
    if (late || shown === this.ownCall.ticket.id || (shown !== null && shown !== this.ownCall.from)) this.ownCall = null;
  }

  /** One press. A press of the same action while it is still running gets the same answer. */
  act(action: CounterAction, reason?: PauseReason): Promise<{ current: CurrentTicket | null }> {
    if (!COUNTER_ACTIONS.includes(action)) return Promise.reject(invalid(`action must be one of ${COUNTER_ACTIONS.join(', ')}`));
    if (reason !== undefined && (action !== 'pause' || !PAUSE_REASONS.includes(reason))) return Promise.reject(invalid(`a reason goes with pause only, one of ${PAUSE_REASONS.join(', ')}`));
    const running = this.inFlight.get(action);
    if (running) return running;
    const press = this.run(action, reason).finally(() => this.inFlight.delete(action));
    this.inFlight.set(action, press);
    return press;
  }

  private async run(action: CounterAction, reason?: PauseReason): Promise<{ current: CurrentTicket | null }> {
    const { client, counterId } = this.signedIn();
    this.touch();
    const held = this.current();
    const result = await this.send(action, client, counterId, reason);
    // The ticket the counter held is done (finished, or finished first by a call): its citizen may rate it.
    if (held && (action === 'finish' || action === 'call-next')) this.offerRating(held);
    return result;
  }

  private offerRating(ticket: CurrentTicket): void {
    const counter = this.view().counter;
    if (this.clerk) this.ratingPad.offer(ticket, this.clerk.displayName, counter?.number ?? null);
  }

  private async send(action: CounterAction, client: HubClient, counterId: number, reason?: PauseReason): Promise<{ current: CurrentTicket | null }> {
    const state = () => this.context.link.state;
    try {
      switch (action) {
        case 'call-next': {
          const held = this.current();
          const ticket = await client.callNext(counterId);
          this.rememberCall(ticket, held);
          return { current: state() ? currentOf(state()!, ticket) : null };
        }
        case 'pause':
        case 'resume':
          await client.request('POST', `/api/counters/${counterId}/${action === 'pause' ? 'pause' : 'open'}`, reason ? { reason } : undefined);
          return { current: this.current() };
        default: {
          const held = this.current();
          if (!held) throw new BridgeFailure(COUNTER_ERRORS.noTicket, `no ticket at this counter to ${action}`);
          const ticket = await client.act(held.id, action);
          const still = ticket.status === 'called' || ticket.status === 'serving';
          if (this.ownCall?.ticket.id === ticket.id) this.ownCall = still ? { ...this.ownCall, ticket } : null;
          return { current: still && state() ? currentOf(state()!, ticket) : null };
        }
      }
    } catch (error) {
      throw failureOf(error, client.baseUrl);
    }
  }

  /** The call out of order: one at a time, like every press. */
  callTicket(label: string): Promise<{ current: CurrentTicket | null }> {
    if (typeof label !== 'string' || !/^[A-Za-z0-9]{1,12}$/.test(label.trim())) return Promise.reject(invalid('label must be a ticket label like A012'));
    const running = this.inFlight.get('call-ticket');
    if (running) return running;
    const press = (async () => {
      const { client, counterId } = this.signedIn();
      this.touch();
      const held = this.current();
      try {
        const ticket = await client.request<TicketDto>('POST', `/api/counters/${counterId}/call-ticket`, { label: label.trim() });
        this.rememberCall(ticket.body, held);
        if (held) this.offerRating(held);
        const state = this.context.link.state;
        return { current: state ? currentOf(state, ticket.body) : null };
      } catch (error) {
        throw failureOf(error, client.baseUrl);
      }
    })().finally(() => this.inFlight.delete('call-ticket'));
    this.inFlight.set('call-ticket', press);
    return press;
  }

  /** The waiting tickets of this counter's fields, in the hub's calling order (the clerk picks one to call out of order). */
  async waiting(): Promise<{ tickets: WaitingTicket[] }> {
    const { client, counterId } = this.signedIn();
    const counter = this.context.link.state?.counters.find((c) => c.id === counterId);
    if (!counter) return { tickets: [] };
    try {
      return { tickets: await waitingFor(client, counter, this.context.clock.now(), 50) };
    } catch (error) {
      throw failureOf(error, client.baseUrl);
    }
  }

  /** Puts an absent citizen's ticket back in its queue (the hub refuses once the time to come back is over). */
  async requeue(ticketId: number): Promise<{ label: string }> {
    if (!Number.isInteger(ticketId) || ticketId < 1) throw invalid('ticketId must be a positive whole number');
    const { client } = this.signedIn();
    this.touch();
    try {
      return { label: (await client.act(ticketId, 'requeue')).label };
    } catch (error) {
      throw failureOf(error, client.baseUrl);
    }
  }

  /** The citizen collected the result the current ticket is for: its application goes to 10, with the counter in the note. */
  async handOver(): Promise<{ code: string; status: number }> {
    const held = this.current();
    const application = held ? this.glance.applicationOf(held.id) : null;
    if (!held || !application) throw new BridgeFailure(COUNTER_ERRORS.noApplication, 'the current ticket is not a results pickup');
    const number = this.view().counter?.number;
    const moved = await this.withClerk((client) =>
      client.request<{ code: string; status: number }>('POST', `/api/applications/${application.id}/status`, { status: 10, note: `Trả kết quả tại quầy ${number ?? ''}`.trim() }),
    ).then(({ body }) => body);
    this.glance.applicationMoved(held.id, moved.status);
    return { code: moved.code, status: moved.status };
  }

  async transfer(serviceId: number): Promise<{ current: null }> {
    if (!Number.isInteger(serviceId) || serviceId < 1) throw invalid('serviceId must be a positive whole number');
    const { client } = this.signedIn();
    this.touch();
    const held = this.current();
    if (!held) throw new BridgeFailure(COUNTER_ERRORS.noTicket, 'no ticket at this counter to transfer');
    try {
      await client.transfer(held.id, serviceId);
      if (this.ownCall?.ticket.id === held.id) this.ownCall = null;
    } catch (error) {
      throw failureOf(error, client.baseUrl);
    }
    return { current: null };
  }

  /** A use case of the signed-in clerk (a press: it keeps them signed in), the hub's refusal as the screen shows it. */
  private async withClerk<T>(run: (client: HubClient) => Promise<T>): Promise<T> {
    if (!this.clerk) throw new BridgeFailure(COUNTER_ERRORS.notSignedIn, 'sign in first');
    const client = this.clerk.client;
    this.touch();
    try {
      return await run(client);
    } catch (error) {
      throw failureOf(error, client.baseUrl);
    }
  }

  /** Receives an application with the clerk's token; one submit at a time (a second press joins the first). */
  receiveApplication(params: ReceiveApplicationParams): Promise<ReceivedApplication> {
    const running = this.receiving;
    if (running) return running;
    const press = this.withClerk((client) => this.desk.receive(client, this.clerk?.displayName ?? '', params)).finally(() => (this.receiving = null));
    this.receiving = press;
    return press;
  }
}
