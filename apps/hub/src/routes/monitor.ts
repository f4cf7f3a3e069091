import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MonitorSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { FloorMonitor } from '../monitor/floor-monitor.js';

/** GET /api/monitor: the floor manager's live view (admin; technicians read it too, as they read today's figures). */
export function monitorRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const monitor = new FloorMonitor({
      db: ctx.db,
      queue: ctx.queueStore,
      clock: ctx.clock,
      timeZone: ctx.timeZone,
      today: () => ctx.view.today(),
      targetMinutes: () => ctx.settings().waitTargetMinutes,
    });
    app.get(
      '/api/monitor',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'The floor now: waiting and the longest wait per field, each counter (paused since, holding which ticket since when, idle since), tickets per hour today, and the alarms',
          description:
            'Alarms: wait_over_target when the citizen waiting longest in a field has waited more than the setting waitTargetMinutes; no_counter when a field has citizens waiting and no open counter serves it. ' +
            'Read it again on each queue event (GET /api/events) and every few seconds for the times.',
          tags: ['today'],
          response: { 200: MonitorSchema },
        },
      },
      async () => monitor.now(),
    );
  };
}
