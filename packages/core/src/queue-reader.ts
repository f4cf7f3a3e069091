import { businessDay, localTime } from './business-day.js';
import type { Clock } from './clock.js';
import type { EngineSettings } from './engine-settings.js';
import { estimateWaitSeconds } from './eta.js';
import { isOpenAt } from './opening-hours.js';
import type { QueueStore } from './ports.js';
import type { QueueLength } from './events.js';
import type { Counter, Service, Ticket } from './types.js';

/** How many of the day's latest calls the state carries (the display's list of recent calls). */
export const RECENT_CALLS = 10;

export interface ServiceState {
  service: Service;
  waiting: number;
  open: boolean;
  estimatedWaitSeconds: number | null;
}

export interface QueueSnapshot {
  seq: number;
  businessDay: string;
  services: ServiceState[];
  counters: { counter: Counter; ticket: Ticket | null }[];
  recentCalls: Ticket[];
}

const RECENT_SERVICE_SAMPLES = 20;

/** The read side of the queue: where a ticket stands, the queue as stations show it, today's business day. */
export class QueueReader {
  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly settings: () => EngineSettings,
  ) {}

  /** Where a ticket stands: people ahead and estimated wait (0 and null once it is no longer waiting). */
  placeOf(ticket: Ticket, day = this.today()): { ahead: number; estimatedWaitSeconds: number | null } {
    if (ticket.status !== 'waiting') return { ahead: 0, estimatedWaitSeconds: null };
    const ahead = this.store.countAhead(ticket);
    return { ahead, estimatedWaitSeconds: this.estimate(ticket.serviceId, ahead, day) };
  }

  snapshot(): QueueSnapshot {
    return this.store.readTransaction(() => {
      const now = this.clock.now();
      const { timeZone } = this.settings();
      const local = localTime(now, timeZone);
      const waiting = this.store.waitingCounts();
      const services = this.store.listServices().map((service) => {
        const count = waiting.get(service.id) ?? 0;
        return {
          service,
          waiting: count,
          open: service.active && isOpenAt(service.openingHours, local),
          estimatedWaitSeconds: this.estimate(service.id, count, local.date, waiting),
        };
      });
      const counters = this.store.listCounters().map((counter) => ({
        counter,
        ticket: this.store.ticketAtCounter(counter.id) ?? null,
      }));
      return {
        seq: this.store.lastSeq(),
        businessDay: local.date,
        services,
        counters,
        recentCalls: this.store.recentCalls(local.date, RECENT_CALLS),
      };
    });
  }

  today(): string {
    return businessDay(this.clock.now(), this.settings().timeZone);
  }

  /**
   * The waiting count and estimated wait of each service, computed as snapshot() computes them
   * (events carry them): the services given, then those whose estimate depends on their waiting
   * counts (a field that shares an open counter with one of them gets its share of that counter).
   */
  queueLengths(serviceIds: readonly number[], day: string): QueueLength[] {
    const ids = [...serviceIds];
    for (const counter of this.store.listCounters()) {
      if (counter.status !== 'open' || !counter.serviceIds.some((id) => serviceIds.includes(id))) continue;
      for (const id of counter.serviceIds) if (!ids.includes(id)) ids.push(id);
    }
    const waiting = ids.length > serviceIds.length || ids.length > 1 ? this.store.waitingCounts() : undefined;
    return ids.map((serviceId) => {
      const count = waiting ? (waiting.get(serviceId) ?? 0) : this.store.waitingCount(serviceId);
      return { serviceId, waiting: count, estimatedWaitSeconds: this.estimate(serviceId, count, day, waiting) };
    });
  }

  /** `waiting`: the waiting counts when the caller has them (the snapshot), else read when a counter shares its time. */
  private estimate(serviceId: number, ahead: number, day: string, waiting?: ReadonlyMap<number, number>): number | null {
    const service = this.store.getService(serviceId);
    if (!service) return null;
    const counters = this.store.listCounters().filter((counter) => counter.status === 'open' && counter.serviceIds.includes(serviceId));
    const shared = counters.some((counter) => counter.serviceIds.length > 1);
    return estimateWaitSeconds({
      ahead,
      serviceId,
      counters,
      waiting: waiting ?? (shared ? this.store.waitingCounts() : new Map()),
      recentCycleSeconds: this.store.recentCycleSeconds(serviceId, day, RECENT_SERVICE_SAMPLES),
      defaultServiceSeconds: service.defaultServiceSeconds,
    });
  }
}
