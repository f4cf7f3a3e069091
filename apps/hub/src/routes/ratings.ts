import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { businessDay, DomainError, isRatingOpen, ratingClosesAt } from '@qms/core';
import { ErrorSchema, IdParams, RatingBody, RatingPromptSchema, TicketSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, assertOwnCounter, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

/** Citizens' ratings of the service they had, from the counter's rating pad or a rating tablet tied to the counter. */
export function ratingRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/tickets/:id/rating',
      {
        config: { access: ['staff', 'device:counter', 'device:rating'] },
        schema: {
          summary: "The citizen's rating of a finished ticket: once, within ratingWindowSeconds of its finish, on the scale of ratingScale",
          description:
            'A counter station, or a rating pad, rates only tickets its counter served (403 counter.not_yours). 400 rating.invalid_score off the scale; ' +
            '409 ticket.wrong_state before the finish, rating.already_given for a second rating, rating.closed after the window. The answer is the ticket with its rating.',
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

    app.get(
      '/api/counters/:id/rating',
      {
        config: { access: ['staff', 'device:counter', 'device:rating'] },
        schema: {
          summary: "The counter's open rating: the last ticket finished there, while it may still be rated (204 when there is none)",
          description:
            'The ticket finished last at the counter, when it is not rated yet and was finished within ratingWindowSeconds (closesAt). ' +
            'A rating pad reads it whenever a ticket event of its counter arrives. A station reads only its own counter (403 counter.not_yours).',
          tags: ['counters'],
          params: IdParams,
          response: { 200: RatingPromptSchema, 204: Type.Null(), 403: ErrorRef, 404: ErrorRef },
        },
      },
      async (request, reply) => {
        const counter = ctx.queueStore.getCounter(request.params.id);
        if (!counter) throw new DomainError('counter.not_found', `no counter with id ${request.params.id}`);
        assertOwnCounter(principalOf(request), counter.id);
        const settings = ctx.settings();
        const rules = { levels: settings.ratingScale, windowSeconds: settings.ratingWindowSeconds };
        // Only a ticket finished within the window may be rated: the last one finished since its start.
        const now = ctx.clock.now();
        const since = new Date(now.getTime() - rules.windowSeconds * 1000);
        const ticket = ctx.queueStore.lastFinishedAt(counter.id, since, [businessDay(since, ctx.timeZone), businessDay(now, ctx.timeZone)]);
        if (!ticket || !isRatingOpen(ticket, ctx.queueStore.ratingOf(ticket.id), now, rules)) return reply.code(204).send(null);
        return {
          ticketId: ticket.id,
          label: ticket.label,
          clerk: ticket.servedBy === null ? null : ctx.access.displayNameOf(ticket.servedBy),
          counterNumber: counter.number,
          closesAt: ratingClosesAt(ticket, rules) as string,
          scale: settings.ratingLabels,
        };
      },
    );
  };
}
