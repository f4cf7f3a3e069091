import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError } from '@qms/core';
import { ErrorSchema, IdParams, ServiceCreateSchema, ServicePatchSchema, ServiceSchema } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, ADMIN_ONLY, ANYONE, principalOf } from '../http/auth.js';

const ServiceRef = Type.Ref(ServiceSchema);
const ErrorRef = Type.Ref(ErrorSchema);

export function serviceRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/services', { config: { access: ANYONE }, schema: { summary: 'The services (fields of procedures)', tags: ['services'], response: { 200: Type.Array(ServiceRef) } } }, async () =>
      ctx.queueStore.listServices(),
    );

    app.post(
      '/api/services',
      {
        config: { access: ADMIN_ONLY },
        schema: { summary: 'Add a service (admin)', tags: ['services'], body: ServiceCreateSchema, response: { 201: ServiceRef, 400: ErrorRef, 409: ErrorRef } },
      },
      async (request, reply) => {
        const { body } = request;
        const service = await ctx.queue.call(
          'createService',
          {
            ...body,
            openingHours: body.openingHours ?? [],
            active: body.active ?? true,
            position: body.position ?? 0,
            defaultServiceSeconds: body.defaultServiceSeconds ?? 300,
          },
          actorOf(principalOf(request)),
        );
        return reply.code(201).send(service);
      },
    );

    app.patch(
      '/api/services/:id',
      {
        config: { access: ADMIN_ONLY },
        schema: { summary: 'Change a service (admin)', tags: ['services'], params: IdParams, body: ServicePatchSchema, response: { 200: ServiceRef, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef } },
      },
      async (request) => {
        const service = await ctx.queue.call('updateService', request.params.id, request.body, actorOf(principalOf(request)));
        if (!service) throw new DomainError('service.not_found', `no service with id ${request.params.id}`);
        return service;
      },
    );
  };
}
