import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EventsQuery } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { ANYONE } from '../http/auth.js';

export function eventRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/events',
      {
        websocket: true,
        config: { access: ANYONE, tokenInQuery: true },
        schema: {
          summary: 'Live events (WebSocket): {"seq","type","at", ...} in seq order',
          description:
            'With ?since=SEQ the hub first replays the events after SEQ, or sends {"type":"resync"} when they are no longer kept; ' +
            'then fetch /api/state. A {"type":"heartbeat"} message (no seq) comes every 15 s. Token: Authorization header or ?token=.',
          tags: ['events'],
          querystring: EventsQuery,
        },
      },
      (socket, request) => {
        const token = request.bearerToken;
        const stillAllowed = () => token !== null && ctx.access.authenticate(token) !== undefined;
        ctx.events.attach(socket, request.query.since, stillAllowed);
      },
    );
  };
}
