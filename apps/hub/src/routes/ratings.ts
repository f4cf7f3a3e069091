import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ErrorSchema, IdParams, RatingBody, TicketSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

/** Citizens' ratings of the service they had, from the counter's rating pad. */
export function ratingRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/tickets/:id/rating',
      {
        config: { access: ['staff', 'device:counter'] },
        schema: {
          summary: "The citizen's rating of a finished ticket: once, within ratingWindowSeconds of its finish, on the scale of ratingScale",
          description:
            'A counter station rates only tickets its counter served. 400 rating.invalid_score off the scale; 409 ticket.wrong_state before the finish, ' +
            'rating.already_given for a second rating, rating.closed after the window. The answer is the ticket with its rating.',
          tags: ['tickets'],
          params: IdParams,
          body: RatingBody,
          response: { 200: Type.Ref(TicketSchema), 400: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => {
        const { ticket, rating } = await ctx.queue.call('rate', request.params.id, request.body.score, actorOf(principalOf(request)));
        return { ...ticket, rating };
      },
    );
  };
}
