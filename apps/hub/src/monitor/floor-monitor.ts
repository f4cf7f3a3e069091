import { type Clock, floorAlarms, isOpenAt, localTime, rollUp } from '@qms/core';
import { type Db, SqliteDaySummary, type SqliteQueueStore, SqliteReportStore } from '@qms/db';
import type { MonitorDto } from '@qms/protocol';

export interface FloorMonitorSources {
  db: Db;
  /** The hub's reading store (its cache of fields and counters is kept fresh by the events), or a new one for a one-off read. */
  queue: SqliteQueueStore;
  clock: Clock;
  timeZone: string;
  /** Today's business day (the queue's rule: the rollover may not have run yet). */
  today(): string;
  targetMinutes(): number;
}

/**
 * The floor manager's view of the queue now, in one read transaction: each field's waiting citizens
 * and the longest wait, each counter (open or paused since when and why, holding which ticket for
 * how long, idle since when), today's tickets by hour, and the alarms. The console's monitor page
 * and `qms monitor` both show it.
 */
export class FloorMonitor {
  private readonly queue: SqliteQueueStore;
  private readonly summary: SqliteDaySummary;
  private readonly reports: SqliteReportStore;

  constructor(private readonly sources: FloorMonitorSources) {
    this.queue = sources.queue;
    this.summary = new SqliteDaySummary(sources.db);
    this.reports = new SqliteReportStore(sources.db);
  }

  now(): MonitorDto {
    return this.queue.readTransaction(() => {
      const { clock, timeZone } = this.sources;
      const at = clock.now();
      const local = localTime(at, timeZone);
      const day = this.sources.today();
      const targetMinutes = this.sources.targetMinutes();
      const since = (iso: string | null) => (iso === null ? null : Math.max(0, Math.floor((at.getTime() - Date.parse(iso)) / 1000)));
      const byService = new Map(this.summary.ofDay(day).map((row) => [row.serviceId, row]));
      const counters = this.queue.listCounters();
      const openCounters = counters.filter((counter) => counter.status === 'open');
      const services = this.queue
        .listServices()
        .filter((service) => service.active || (byService.get(service.id)?.waiting ?? 0) > 0)
        .map((service) => {
          const row = byService.get(service.id);
          return {
            id: service.id,
            name: service.name,
            prefix: service.prefix,
            open: service.active && isOpenAt(service.openingHours, local),
            waiting: row?.waiting ?? 0,
            longestWaitSeconds: since(row?.oldestWaitingIssuedAt ?? null),
            countersOpen: openCounters.filter((counter) => counter.serviceIds.includes(service.id)).length,
          };
        });
      const paused = this.summary.pausedSince();
      const lastFinished = this.summary.lastFinished(day);
      const held = new Map(
        counters.flatMap((counter) => {
          const ticket = this.queue.ticketAtCounter(counter.id);
          return ticket ? [[counter.id, ticket] as const] : [];
        }),
      );
      const hours = rollUp(this.reports.tickets(day), timeZone).hour;
      return {
        at: at.toISOString(),
        businessDay: day,
        targetMinutes,
        services,
        counters: counters.map((counter) => {
          const ticket = held.get(counter.id);
          return {
            id: counter.id,
            number: counter.number,
            name: counter.name,
            status: counter.status,
            pauseReason: counter.status === 'paused' ? counter.pauseReason : null,
            pausedSince: counter.status === 'paused' ? (paused.get(counter.id) ?? null) : null,
            ticket:
              ticket && (ticket.status === 'called' || ticket.status === 'serving')
                ? { label: ticket.label, status: ticket.status, serviceId: ticket.serviceId, since: (ticket.status === 'serving' ? ticket.startedAt : ticket.calledAt) ?? ticket.issuedAt }
                : null,
            idleSince: ticket ? null : (lastFinished.get(counter.id) ?? null),
          };
        }),
        ticketsPerHour: [...hours.entries()].map(([hour, figures]) => ({ hour: Number(hour), issued: figures.issued, served: figures.served })).sort((a, b) => a.hour - b.hour),
        alarms: floorAlarms(services, counters, targetMinutes * 60),
      };
    });
  }
}
