import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isOpenAt, localTime } from '@qms/core';
import { SqliteDaySummary } from '@qms/db';
import { TodaySchema, type TodayDto } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';

/** Today at a glance, for the console's first screen. */
export function todayRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const summary = new SqliteDaySummary(ctx.db);

    app.get(
      '/api/today',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'The current business day at a glance: tickets issued, served, no-show, cancelled, who waits and for how long, per service; the counters',
          description:
            'Waits are counted from the issue time of the tickets waiting now (a requeued no-show keeps its issue time). ' +
            'Counters: paused by status; closed when open but none of their services is active and within its opening hours now; open otherwise; serving counts those holding a ticket.',
          tags: ['today'],
          response: { 200: TodaySchema },
        },
      },
      async (): Promise<TodayDto> =>
        // One read transaction: the figures and the counters are of the same moment.
        ctx.queueStore.readTransaction(() => {
          const now = ctx.clock.now();
          const local = localTime(now, ctx.timeZone);
          const businessDay = ctx.view.today();
          const waitedSince = (issuedAt: string | null) => (issuedAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(issuedAt)) / 1000)));
          const byService = new Map(summary.ofDay(businessDay).map((row) => [row.serviceId, row]));
          const services = ctx.queueStore.listServices();
          const rows = services.map((service) => {
            const row = byService.get(service.id);
            return {
              serviceId: service.id,
              waiting: row?.waiting ?? 0,
              longestWaitSeconds: waitedSince(row?.oldestWaitingIssuedAt ?? null),
              issued: row?.issued ?? 0,
              served: row?.served ?? 0,
            };
          });
          const all = [...byService.values()];
          const sum = (pick: (row: (typeof all)[number]) => number) => all.reduce((total, row) => total + pick(row), 0);
          const oldest = all.map((row) => row.oldestWaitingIssuedAt).reduce<string | null>((min, at) => (at !== null && (min === null || at < min) ? at : min), null);

          const openNow = new Set(services.filter((service) => service.active && isOpenAt(service.openingHours, local)).map((service) => service.id));
          const held = summary.countersHoldingTickets();
          const counters = { open: 0, paused: 0, closed: 0, serving: 0 };
          for (const counter of ctx.queueStore.listCounters()) {
            if (counter.status === 'paused') counters.paused++;
            else if (counter.serviceIds.some((id) => openNow.has(id))) counters.open++;
            else counters.closed++;
            if (held.has(counter.id)) counters.serving++;
          }
          return {
            businessDay,
            issued: sum((row) => row.issued),
            served: sum((row) => row.served),
            noShow: sum((row) => row.noShow),
            cancelled: sum((row) => row.cancelled),
            waiting: sum((row) => row.waiting),
            longestWaitSeconds: waitedSince(oldest),
            services: rows,
            counters,
          };
        }),
    );
  };
}
