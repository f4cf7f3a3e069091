import { EventEmitter } from 'node:events';
import type { HubClient } from '@qms/client';
import { type Cancel, compareForCounter, type TimerClock } from '@qms/core';
import type { CounterDto, TicketDto } from '@qms/protocol';
import type { StationLog } from '@qms/station';
import type { CounterGlance, CurrentTicket, DayFigures, PickupApplication, WaitingTicket } from '../contract.js';

/** How many of the next tickets the counter screen lists. */
export const NEXT_SHOWN = 5;
/** Changes within this time are read from the hub once. */
const SETTLE_MS = 200;

const EMPTY: CounterGlance = { next: [], noShows: [], today: null };

type Counter = Pick<CounterDto, 'id' | 'serviceIds'>;

/** The queue settings the panel reads (asked once per reading of the panel). */
type GlanceSettings = { maxWaitMinutes: number; noShowRecallMinutes: number };
const settingsOf = (client: HubClient): Promise<GlanceSettings> => client.request<GlanceSettings>('GET', '/api/settings').then((reply) => reply.body);

/** The waiting tickets of a counter's fields in the order the hub would call them (the same rule as the hub's). */
export async function waitingFor(client: HubClient, counter: Counter, now: Date, limit: number, settings: Promise<GlanceSettings> = settingsOf(client)): Promise<WaitingTicket[]> {
  const [tickets, { maxWaitMinutes }] = await Promise.all([client.tickets({ status: 'waiting' }), settings]);
  const rules = { maxWaitSeconds: maxWaitMinutes * 60 };
  return tickets
    .filter((t) => counter.serviceIds.includes(t.serviceId))
    .sort((a, b) => compareForCounter(a, b, counter, now, rules))
    .slice(0, limit)
    .map((t) => ({ id: t.id, label: t.label, serviceId: t.serviceId, priority: t.priority, issuedAt: t.issuedAt }));
}

/** What the glance follows: the clerk's client, their counter, its ticket and its fields' queues. */
export interface GlanceSource {
  client: HubClient;
  counter: Counter;
  current: CurrentTicket | null;
  /** Moves whenever a queue of the counter's fields or the counter itself changed. */
  signature: string;
}

interface DayReply {
  counter: DayFigures;
  staff: DayFigures | null;
}

/**
 * The counter's side panel, read from the hub when something it shows may have moved (a call, a
 * finish, a ticket issued for one of its fields), never on a timer: the next tickets, the absent
 * citizens who may still come back, today's figures, and the identity attached to the current ticket.
 */
export class CounterGlanceFeed extends EventEmitter<{ change: [] }> {
  private glance: CounterGlance = EMPTY;
  private citizen: { ticketId: number; citizen: CurrentTicket['citizen']; application: CurrentTicket['application'] } | null = null;
  private source: GlanceSource | null = null;
  private signature = '';
  private cancelTimer: Cancel | undefined;
  private running = false;
  private again = false;

  constructor(
    private readonly clock: TimerClock,
    private readonly log: StationLog,
  ) {
    super();
  }

  view(): CounterGlance {
    return this.glance;
  }

  /** The identity of the current ticket once read (null until then, and when the kiosk attached none). */
  citizenOf(ticketId: number): CurrentTicket['citizen'] {
    return this.citizen?.ticketId === ticketId ? this.citizen.citizen : null;
  }

  /** The application a results-pickup ticket is for, once read (null for any other ticket). */
  applicationOf(ticketId: number): CurrentTicket['application'] {
    return this.citizen?.ticketId === ticketId ? this.citizen.application : null;
  }

  /** The application of the current ticket moved (handed over at this counter): shown at once, without reading the hub again. */
  applicationMoved(ticketId: number, status: number): void {
    if (this.citizen?.ticketId !== ticketId || !this.citizen.application) return;
    this.citizen = { ...this.citizen, application: { ...this.citizen.application, status } };
    this.emit('change');
  }

  /** Told on every change; reads the hub again only when what the panel shows may have moved. */
  follow(source: GlanceSource | null): void {
    this.source = source;
    if (!source) {
      this.cancelTimer?.();
      this.signature = '';
      if (this.glance !== EMPTY || this.citizen) {
        this.glance = EMPTY;
        this.citizen = null;
        this.emit('change');
      }
      return;
    }
    if (source.signature === this.signature) return;
    this.signature = source.signature;
    this.cancelTimer?.();
    this.cancelTimer = this.clock.schedule(SETTLE_MS, () => void this.refresh(), { background: true });
  }

  private async refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        const source = this.source;
        if (source) await this.read(source);
      } while (this.again);
    } finally {
      this.running = false;
    }
  }

  private async read({ client, counter, current }: GlanceSource): Promise<void> {
    const now = this.clock.now();
    const settings = settingsOf(client);
    settings.catch(() => undefined); // its failure is reported by the parts that wait for it
    const [next, noShows, today, citizen] = await Promise.all([
      waitingFor(client, counter, now, NEXT_SHOWN, settings).catch((error: unknown) => this.failed('next tickets', error, this.glance.next)),
      this.noShows(client, counter.id, now, settings).catch((error: unknown) => this.failed('absent tickets', error, this.glance.noShows)),
      client
        .request<DayReply>('GET', `/api/counters/${counter.id}/today`)
        .then(({ body }) => ({ counter: body.counter, clerk: body.staff ? { served: body.staff.served, serviceMeanSeconds: body.staff.serviceMeanSeconds } : null }))
        .catch((error: unknown) => this.failed('today’s figures', error, this.glance.today)),
      current && this.citizen?.ticketId !== current.id
        ? client
            .request<TicketDto & { citizen?: { name: string; idMasked: string }; application?: PickupApplication }>('GET', `/api/tickets/${current.id}`)
            .then(({ body }) => ({
              ticketId: current.id,
              citizen: body.citizen ? { name: body.citizen.name, idMasked: body.citizen.idMasked } : null,
              application: body.application
                ? {
                    id: body.application.id,
                    code: body.application.code,
                    status: body.application.status,
                    procedureName: body.application.procedureName,
                    applicantName: body.application.applicantName,
                  }
                : null,
            }))
            .catch((error: unknown) => this.failed('the ticket’s citizen', error, this.citizen))
        : Promise.resolve(this.citizen),
    ]);
    if (this.source?.counter.id !== counter.id) return; // the clerk left meanwhile
    this.glance = { next, noShows, today };
    this.citizen = citizen;
    this.emit('change');
  }

  /** Absent at this counter today, and still within the time they may come back. */
  private async noShows(client: HubClient, counterId: number, now: Date, settings: Promise<GlanceSettings>): Promise<CounterGlance['noShows']> {
    const [tickets, { noShowRecallMinutes }] = await Promise.all([client.tickets({ status: 'no_show' }), settings]);
    const windowMs = noShowRecallMinutes * 60_000;
    return tickets
      .filter((t) => t.counterId === counterId && t.finishedAt !== null && Date.parse(t.finishedAt) + windowMs > now.getTime())
      .sort((a, b) => Date.parse(b.finishedAt!) - Date.parse(a.finishedAt!))
      .slice(0, NEXT_SHOWN)
      .map((t) => ({ id: t.id, label: t.label, noShowAt: t.finishedAt!, until: new Date(Date.parse(t.finishedAt!) + windowMs).toISOString() }));
  }

  /** A part the hub did not give keeps what it showed before; the clerk's work goes on. */
  private failed<T>(what: string, error: unknown, kept: T): T {
    this.log('warn', `counter panel: ${what} not read: ${(error as Error).message}`);
    return kept;
  }
}
