import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EventsQuery } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';
import { ANYONE } from '../http/auth.js';

export function eventRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.route({
      method: 'GET',
      url: '/api/events',
      config: { access: ANYONE, tokenInQuery: true },
      schema: {
        summary: 'Live events (WebSocket): {"seq","type","at", ...} in seq order',
        description:
          'Upgrade to a WebSocket. With ?since=SEQ the hub first replays the events after SEQ, or sends {"type":"resync","seq"} when ' +
          'they are no longer kept (then fetch /api/state). Types: ticket.issued, ticket.called, ticket.recalled, ticket.started, ' +
          'ticket.finished, ticket.no_show, ticket.cancelled, ticket.transferred, counter.opened, counter.paused, config.changed, ' +
          'day.closed. A {"type":"heartbeat"} message without seq comes every 15 s. A client too slow to read is closed with code ' +
          '4008 and reconnects with ?since=. Token: the Authorization header, or ?token= for browsers.',
        tags: ['events'],
        querystring: EventsQuery,
      },
      handler: async () => {
        throw new ApiError('request.upgrade_required', 'this is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)');
      },
      wsHandler: (socket, request) => {
        const token = request.bearerToken;
        const stillAllowed = () => token !== null && ctx.access.authenticate(token) !== undefined;
        ctx.events.attach(socket, request.query.since, stillAllowed);
      },
    });
  };
}
