import type {} from '@fastify/swagger';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { HubContext } from '../hub-context.js';
import { HUB_VERSION } from '../version.js';

export function healthRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Is the hub up (no sign-in needed)',
          tags: ['hub'],
          description:
            '503 with status "failed" and the reason when the hub can no longer save changes (a failed disk). `id`: the hub\'s stable id, as announced on the LAN (TXT id), so that a station can tell it is the hub it paired with.',
          response: {
            200: Type.Object({
              status: Type.Literal('ok'),
              id: Type.Optional(Type.String()),
              version: Type.String(),
              time: Type.String(),
              businessDay: Type.String(),
              timeZone: Type.String(),
            }),
            503: Type.Object({ status: Type.Literal('failed'), reason: Type.String(), version: Type.String() }),
          },
        },
      },
      async (_request, reply) => {
        const failed = ctx.queue.failed;
        if (failed) return reply.code(503).send({ status: 'failed' as const, reason: failed, version: HUB_VERSION });
        return {
          status: 'ok' as const,
          ...(ctx.hubId ? { id: ctx.hubId } : {}),
          version: HUB_VERSION,
          time: ctx.clock.now().toISOString(),
          businessDay: ctx.view.today(),
          timeZone: ctx.timeZone,
        };
      },
    );

    app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  };
}
