import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StateDto } from '@qms/protocol';
import { StateSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { ANYONE } from '../http/auth.js';

export function stateRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/state',
      {
        config: { access: ANYONE },
        schema: {
          summary: 'Everything a station shows, at one seq: queues, counters and their tickets, recent calls',
          description: 'Fetch it, then connect to /api/events?since=SEQ with its seq: nothing is missed in between.',
          tags: ['events'],
          response: { 200: StateSchema },
        },
      },
      async (): Promise<StateDto> => {
        const snapshot = ctx.view.snapshot();
        return {
          seq: snapshot.seq,
          businessDay: snapshot.businessDay,
          serverTime: ctx.clock.now().toISOString(),
          services: snapshot.services.map(({ service, waiting, open, estimatedWaitSeconds }) => ({
            id: service.id,
            code: service.code,
            name: service.name,
            nameEn: service.nameEn,
            prefix: service.prefix,
            active: service.active,
            open,
            openingHours: service.openingHours,
            waiting,
            estimatedWaitSeconds,
          })),
          counters: snapshot.counters.map(({ counter, ticket }) => ({ ...counter, ticket })),
          recentCalls: snapshot.recentCalls,
        };
      },
    );
  };
}
