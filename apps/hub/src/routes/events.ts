import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { LiveEventsQuery, type NoticeTopic } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';
import { ANYONE, principalOf } from '../http/auth.js';

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
          '4008 and reconnects with ?since=. Token: the Authorization header, or ?token= for browsers. ' +
          'With ?notices=devices (technician or admin; 403 auth.forbidden otherwise) the hub also sends {"type":"notice.devices","at"} ' +
          'whenever stations or their alerts change (pairing requested, approved, revoked or refused, an alert raised or cleared, a ' +
          "station's live link attached or gone), at most one per 100 ms for a burst: read GET /api/devices and /api/devices/alerts " +
          'again. With ?notices=applications (or devices,applications), {"type":"notice.applications","at"} whenever an application ' +
          'is received, moved to another status, given a new date or a pickup ticket: read what is shown of them again. ' +
          'Notices carry no seq, are never replayed and are not stored: after a reconnection read the lists anyway. ' +
          'A station opts in to commands with ?commands=true: the hub then sends it {"type":"command","id","command"} (see POST ' +
          '/api/devices/{id}/commands), answered with POST /api/devices/commands/{commandId}/result. Clients ignore message types ' +
          'they do not know that start with "notice." or are "command".',
        tags: ['events'],
        querystring: LiveEventsQuery,
      },
      preHandler: async (request) => {
        const principal = principalOf(request);
        if (request.query.notices !== undefined && !(principal.type === 'user' && (principal.role === 'admin' || principal.role === 'technician'))) {
          throw new ApiError('auth.forbidden', 'notices (of devices, of applications) are for technicians and admins');
        }
        if (request.query.commands && principal.type !== 'device') throw new ApiError('auth.forbidden', "commands go to stations: connect with a station's device token");
      },
      handler: async () => {
        throw new ApiError('request.upgrade_required', 'this is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)');
      },
      wsHandler: (socket, request) => {
        const token = request.bearerToken;
        const principal = principalOf(request);
        const stillAllowed = () => token !== null && ctx.access.authenticate(token) !== undefined;
        ctx.events.attach(socket, request.query.since, stillAllowed, {
          deviceId: principal.type === 'device' ? principal.id : null,
          notices: (request.query.notices?.split(',') ?? []) as NoticeTopic[],
          commands: request.query.commands === true,
        });
      },
    });
  };
}
