import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError } from '@qms/core';
import { CounterCreateSchema, CounterPatchSchema, CounterSchema, ErrorSchema, IdParams, TicketSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, ADMIN_ONLY, ANYONE, principalOf } from '../http/auth.js';

const CounterRef = Type.Ref(CounterSchema);
const ErrorRef = Type.Ref(ErrorSchema);

export function counterRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
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
        const counter = await ctx.queue.call('createCounter', { ...request.body, status: request.body.status ?? 'open' });
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
        const counter = await ctx.queue.call('updateCounter', request.params.id, request.body);
        if (!counter) throw new DomainError('counter.not_found', `no counter with id ${request.params.id}`);
        return counter;
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

    for (const status of ['open', 'pause'] as const) {
      app.post(
        `/api/counters/:id/${status}`,
        {
          config: { access: ['staff', 'device:counter'] },
          schema: {
            summary: status === 'open' ? 'Open the counter (it can call)' : 'Pause the counter (it calls nobody)',
            tags: ['counters'],
            params: IdParams,
            response: { 200: CounterRef, 403: ErrorRef, 404: ErrorRef },
          },
        },
        async (request) => {
          return ctx.queue.call('setCounterStatus', request.params.id, status === 'open' ? 'open' : 'paused', actorOf(principalOf(request)));
        },
      );
    }
  };
}
