import type {} from '@fastify/websocket';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, IdParams, TicketLiveQuery } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import { DEFAULT_TICKET_FEED_LIMITS, type TicketFeedLimits, TicketFeeds } from '../citizen-pages/ticket-feeds.js';
import { ticketByIdAndLabel, ticketPublicState } from '../citizen-pages/ticket-state.js';
import type { HubContext } from '../hub-context.js';

const ErrorRef = Type.Ref(ErrorSchema);

/**
 * The live feed of one ticket for its page on the citizen's phone: public, read-only, limited to
 * that ticket, opened with its id and label together. `limits` for tests.
 */
export function ticketLiveRoutes(ctx: HubContext, limits: TicketFeedLimits = DEFAULT_TICKET_FEED_LIMITS): FastifyPluginAsyncTypebox {
  return async (app) => {
    const feeds = new TicketFeeds(
      (ticketId) => {
        const ticket = ctx.queueStore.getTicket(ticketId);
        return ticket ? ticketPublicState(ctx, ticket) : undefined;
      },
      ctx.logger,
      limits,
    );
    const stopListening = ctx.events.listen(() => feeds.refreshAll());
    app.addHook('preClose', async () => {
      stopListening();
      feeds.close();
    });

    app.route({
      method: 'GET',
      url: '/api/tickets/:id/live',
      config: { access: 'public' },
      schema: {
        summary: "One ticket's live state for its page on the citizen's phone (WebSocket, no sign-in)",
        description:
          'Upgrade to a WebSocket with the ticket id and ?label=: a wrong pair is 404 ticket.not_found, whichever part is wrong. ' +
          'The hub sends the ticket\'s state at once, then each time it changes: {"type":"ticket","label","status","service","ahead","estimatedWaitSeconds","counter","call","lines"} ' +
          '(TicketLiveMessage: that ticket only, nothing about the person nor other tickets), and {"type":"heartbeat"} every 15 s. ' +
          '"call" changes with each call and recall. When the ticket ends (done, no_show, cancelled) the hub sends its last state and closes with 1000 "ticket ended". ' +
          'At most 20 open feeds per address (2000 in all): 429 ticket.too_many_feeds. What the client sends is ignored.',
        tags: ['tickets'],
        params: IdParams,
        querystring: TicketLiveQuery,
        response: { 404: ErrorRef, 426: ErrorRef, 429: ErrorRef },
      },
      preHandler: async (request) => {
        if (!ticketByIdAndLabel(ctx, request.params.id, request.query.label)) {
          throw new ApiError('ticket.not_found', 'no ticket with that id and label; open the page from the QR code on the ticket');
        }
        if (!feeds.admits(request.ip)) throw new ApiError('ticket.too_many_feeds', 'too many live ticket pages open from this address; close one and try again');
      },
      handler: async () => {
        throw new ApiError('request.upgrade_required', 'this is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)');
      },
      wsHandler: (socket, request) => {
        feeds.attach(socket, request.params.id, request.ip);
      },
    });
  };
}
