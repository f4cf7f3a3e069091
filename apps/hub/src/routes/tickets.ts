import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { APPLICATION_STATUS_INFO, DomainError, type Principal, type Ticket } from '@qms/core';
import { SqliteApplicationPickupStore, SqliteApplicationStore } from '@qms/db';
import { ErrorSchema, IdempotencyHeaders, IdParams, IssueBody, IssuedSchema, TicketDetailSchema, TicketQuery, TicketSchema, TransferBody } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';
import { actorOf, callerId, principalOf } from '../http/auth.js';

const TicketRef = Type.Ref(TicketSchema);
const ErrorRef = Type.Ref(ErrorSchema);
const COUNTER_WORK = ['staff', 'device:counter'] as const;

type TicketAction = 'recall' | 'start' | 'finish' | 'noShow' | 'cancel' | 'requeue';
const ACTIONS: { path: string; action: TicketAction; summary: string }[] = [
  { path: 'recall', action: 'recall', summary: 'Call a called ticket again (the count is kept)' },
  { path: 'start', action: 'start', summary: 'The citizen arrived at the counter: serving' },
  { path: 'finish', action: 'finish', summary: 'Served: done' },
  { path: 'no-show', action: 'noShow', summary: 'The citizen did not come' },
  { path: 'cancel', action: 'cancel', summary: 'Cancel a waiting or called ticket (recorded in the audit log)' },
  {
    path: 'requeue',
    action: 'requeue',
    summary: 'Put a no-show ticket of today back in its queue, with its issue time and priority, within noShowRecallMinutes (409 ticket.requeue_closed after; recorded in the audit log)',
  },
];

export function ticketRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const pickups = new SqliteApplicationPickupStore(ctx.db);
    const applications = new SqliteApplicationStore(ctx.db);
    /** The application a results-pickup ticket was taken for, as the results counter shows it. */
    const pickupApplicationOf = (ticketId: number) => {
      const id = pickups.applicationOf(ticketId);
      const application = id === undefined ? undefined : applications.get(id);
      if (!application) return undefined;
      return {
        id: application.id,
        code: application.code,
        status: APPLICATION_STATUS_INFO[application.status].code,
        procedureName: application.procedure.name,
        applicantName: application.applicant.fullName,
      };
    };
    app.post(
      '/api/tickets',
      {
        config: { access: ['staff', 'device:kiosk'] },
        schema: {
          summary: 'Issue a ticket (take a number)',
          tags: ['tickets'],
          body: IssueBody,
          headers: IdempotencyHeaders,
          response: { 201: IssuedSchema, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const issued = await ctx.queue.call('issue', {
          serviceId: request.body.serviceId,
          priority: request.body.priority,
          issuedBy: callerId(principal),
          idempotencyKey: request.headers['idempotency-key'] ?? null,
          citizen: request.body.citizen ?? null,
        });
        if (issued.replayed) void reply.header('idempotent-replayed', 'true');
        return reply.code(201).send({
          ...issued.ticket,
          ahead: issued.ahead,
          estimatedWaitSeconds: issued.estimatedWaitSeconds,
          ...(issued.citizen ? { citizen: issued.citizen } : {}),
        });
      },
    );

    app.get(
      '/api/tickets',
      {
        config: { access: ['staff', 'technician', 'device:counter', 'device:display'] },
        schema: {
          summary: 'Tickets of the current business day (and unserved ones carried over)',
          tags: ['tickets'],
          querystring: TicketQuery,
          response: { 200: Type.Array(TicketRef) },
        },
      },
      async (request) => ctx.queueStore.listTickets({ businessDay: ctx.view.today(), ...request.query }),
    );

    app.get(
      '/api/tickets/:id',
      {
        config: { access: ['staff', 'technician', 'device:kiosk', 'device:counter', 'device:display'] },
        schema: {
          summary: 'One ticket, with the people ahead and the estimated wait while it waits, and its rating (null before one)',
          description:
            'To staff and counter stations it also carries citizen {name, idMasked}, the identity read from the CCCD at the kiosk, when the ticket has one. ' +
            'Displays, kiosks and technicians never receive it. For a results-pickup ticket (taken at the kiosk with an application receipt) they also get application {id, code, status, procedureName, applicantName}.',
          tags: ['tickets'],
          params: IdParams,
          response: { 200: TicketDetailSchema, 404: ErrorRef },
        },
      },
      async (request) => {
        const ticket = requireTicket(ctx, request.params.id);
        const counterSide = seesCitizens(principalOf(request));
        const citizen = counterSide ? ctx.queueStore.citizenOf(ticket.id) : null;
        const application = counterSide ? pickupApplicationOf(ticket.id) : undefined;
        return { ...ticket, ...ctx.view.placeOf(ticket), rating: ctx.queueStore.ratingOf(ticket.id) ?? null, ...(citizen ? { citizen } : {}), ...(application ? { application } : {}) };
      },
    );

    for (const { path, action, summary } of ACTIONS) {
      app.post(
        `/api/tickets/:id/${path}`,
        {
          config: { access: COUNTER_WORK },
          schema: { summary, tags: ['tickets'], params: IdParams, response: { 200: TicketRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef } },
        },
        async (request) => ctx.queue.call(action, request.params.id, actorOf(principalOf(request))),
      );
    }

    app.post(
      '/api/tickets/:id/transfer',
      {
        config: { access: COUNTER_WORK },
        schema: {
          summary: 'Send the ticket to another service: waiting again, with its issue time and priority (recorded in the audit log)',
          tags: ['tickets'],
          params: IdParams,
          body: TransferBody,
          response: { 200: TicketRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => ctx.queue.call('transfer', request.params.id, request.body.serviceId, actorOf(principalOf(request))),
    );
  };
}

/** Who is shown the citizen's masked identity: the clerk serving them (a staff user, a counter station), nobody else. */
function seesCitizens(principal: Principal): boolean {
  return principal.type === 'user' ? principal.role === 'staff' : principal.kind === 'counter';
}

function requireTicket(ctx: HubContext, id: number): Ticket {
  const ticket = ctx.queueStore.getTicket(id);
  if (!ticket) throw new DomainError('ticket.not_found', `no ticket with id ${id}`);
  return ticket;
}
