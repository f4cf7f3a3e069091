import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError } from '@qms/core';
import { SqliteDayFigures } from '@qms/db';
import { CallTicketBody, CounterCreateSchema, CounterPatchSchema, CounterSchema, CounterTodaySchema, ErrorSchema, IdParams, PauseBody, TicketSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, ADMIN_ONLY, ANYONE, assertOwnCounter, principalOf } from '../http/auth.js';

const CounterRef = Type.Ref(CounterSchema);
const ErrorRef = Type.Ref(ErrorSchema);

export function counterRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const figures = new SqliteDayFigures(ctx.db);

    app.get(
      '/api/counters',
      { config: { access: ANYONE }, schema: { summary: 'The counters and the services each serves', tags: ['counters'], response: { 200: Type.Array(CounterRef) } } },
      async () => ctx.queueStore.listCounters(),
    );

    app.post(
      '/api/counters',
      {
        config: { access: ADMIN_ONLY },
        schema: { summary: 'Add a counter (admin)', tags: ['counters'], body: CounterCreateSchema, response: { 201: CounterRef, 400: ErrorRef, 409: ErrorRef } },
      },
      async (request, reply) => {
        const counter = await ctx.queue.call('createCounter', { ...request.body, status: request.body.status ?? 'open' }, actorOf(principalOf(request)));
        return reply.code(201).send(counter);
      },
    );

    app.patch(
      '/api/counters/:id',
      {
        config: { access: ADMIN_ONLY },
        schema: { summary: 'Change a counter (admin)', tags: ['counters'], params: IdParams, body: CounterPatchSchema, response: { 200: CounterRef, 404: ErrorRef, 409: ErrorRef } },
      },
      async (request) => {
        const counter = await ctx.queue.call('updateCounter', request.params.id, request.body, actorOf(principalOf(request)));
        if (!counter) throw new DomainError('counter.not_found', `no counter with id ${request.params.id}`);
        return counter;
      },
    );

    app.get(
      '/api/counters/:id/today',
      {
        config: { access: ['staff', 'device:counter'] },
        schema: {
          summary: "The day's figures of a counter and of the calling clerk: tickets served today and their mean service time",
          description:
            'Tickets of the current business day finished (done) at this counter, and (for a signed-in user) those the user served at any counter. ' +
            'Service time: finishedAt − startedAt (calledAt when the ticket was never started); the mean is in whole seconds, null when none was served. ' +
            'staff is null when the caller is a station. A counter station reads only its own counter (403 counter.not_yours).',
          tags: ['counters'],
          params: IdParams,
          response: { 200: CounterTodaySchema, 403: ErrorRef, 404: ErrorRef },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const counter = ctx.queueStore.getCounter(request.params.id);
        if (!counter) throw new DomainError('counter.not_found', `no counter with id ${request.params.id}`);
        assertOwnCounter(principal, counter.id);
        const businessDay = ctx.view.today();
        return {
          businessDay,
          counter: figures.ofCounter(businessDay, counter.id),
          staff: principal.type === 'user' ? { userId: principal.id, ...figures.ofUser(businessDay, principal.id) } : null,
        };
      },
    );

    app.post(
      '/api/counters/:id/call-next',
      {
        config: { access: ['staff', 'device:counter'] },
        schema: {
          summary: 'Call the next citizen: the best waiting ticket of the counter services (204 when nobody waits)',
          description: 'A ticket the counter still holds is finished first.',
          tags: ['counters'],
          params: IdParams,
          response: { 200: Type.Ref(TicketSchema), 204: Type.Null(), 403: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request, reply) => {
        const ticket = await ctx.queue.call('callNext', request.params.id, actorOf(principalOf(request)));
        if (!ticket) return reply.code(204).send(null);
        return ticket;
      },
    );

    app.post(
      '/api/counters/:id/call-ticket',
      {
        config: { access: ['staff', 'device:counter'] },
        schema: {
          summary: 'Call one ticket of today by its label, out of the queue order (recorded in the audit log)',
          description:
            'A waiting ticket of any service, or a no-show still within noShowRecallMinutes (it is called again). A ticket the counter still holds is finished first. ' +
            '404 ticket.not_found when no ticket of today has the label, 409 ticket.wrong_state when it cannot be called.',
          tags: ['counters'],
          params: IdParams,
          body: CallTicketBody,
          response: { 200: Type.Ref(TicketSchema), 400: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => ctx.queue.call('callTicket', request.params.id, request.body.label.toUpperCase(), actorOf(principalOf(request))),
    );

    app.post(
      '/api/counters/:id/open',
      {
        config: { access: ['staff', 'device:counter'] },
        schema: { summary: 'Open the counter (it can call): ends its pause', tags: ['counters'], params: IdParams, response: { 200: CounterRef, 403: ErrorRef, 404: ErrorRef } },
      },
      async (request) => ctx.queue.call('setCounterStatus', request.params.id, 'open', actorOf(principalOf(request))),
    );

    app.post(
      '/api/counters/:id/pause',
      {
        config: { access: ['staff', 'device:counter'] },
        // The body is optional: a bare POST (no body, or an empty one) pauses without a reason.
        preValidation: async (request) => {
          if (request.body === undefined) request.body = {};
        },
        schema: {
          summary: 'Pause the counter (it calls nobody), with the reason if given',
          description: 'Pausing a paused counter with another reason starts a new pause; without a reason it changes nothing.',
          tags: ['counters'],
          params: IdParams,
          body: PauseBody,
          response: { 200: CounterRef, 400: ErrorRef, 403: ErrorRef, 404: ErrorRef },
        },
      },
      async (request) => ctx.queue.call('setCounterStatus', request.params.id, 'paused', actorOf(principalOf(request)), request.body.reason ?? null),
    );
  };
}
