import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { applicationStatusOfCode, DomainError, newLookupSecret, searchWords } from '@qms/core';
import { SqliteApplicationExtensionStore, SqliteApplicationStore, SqliteProcedureStore } from '@qms/db';
import {
  ApplicationDetailSchema,
  ApplicationLookupQuery,
  ApplicationLookupReply,
  ApplicationPage,
  ApplicationQuery,
  ApplicationReceiveBody,
  ApplicationReceived,
  ApplicationSchema,
  ApplicationStatusBody,
  ErrorSchema,
  IdParams,
} from '@qms/protocol';
import { maskIdNumber } from '@qms/scanner';
import { ApiError } from '../api-error.js';
import { ApplicationDigests } from '../applications/application-digests.js';
import { ApplicationLookup, type LookupCaller } from '../applications/application-lookup.js';
import { applicationDto, timingRulesOf } from '../applications/application-view.js';
import type { HubContext } from '../hub-context.js';
import { actorOf, bearerTokenOf, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);
/** Staff receive and follow applications (admin may too, as always). */
const STAFF = ['staff'] as const;
/** Reading applications: staff, and technicians (the console's applications page, read-only for them). */
const READERS = ['staff', 'technician'] as const;

/**
 * Applications (hồ sơ): received at a counter by staff, moved through the national statuses, and
 * looked up by the citizen with the code and secret printed on the receipt. Changes run in the queue
 * worker (one transaction with the audit entry, on disk before the answer); reads use the main
 * connection. The secret and the CCCD number are never stored nor logged in clear.
 */
export function applicationRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const store = new SqliteApplicationStore(ctx.db);
    const procedures = new SqliteProcedureStore(ctx.db);
    const extensions = new SqliteApplicationExtensionStore(ctx.db);
    const digests = ApplicationDigests.load(ctx.queueStore);
    await ctx.writes.flush(); // the key, when it was just made, is on disk before any digest made with it
    // Shared with the application's page (/a/CODE/SECRET): the same answers, the same limit per address.
    const lookup = ApplicationLookup.of(ctx);
    /** A paired kiosk (its token sent on this public route) counts against its own budget: its citizens share its address. */
    const callerOf = (request: FastifyRequest): LookupCaller => {
      const token = bearerTokenOf(request);
      const principal = token ? ctx.access.authenticate(token) : undefined;
      return principal?.type === 'device' && principal.kind === 'kiosk' ? { kiosk: principal.id } : { address: request.ip };
    };

    const view = (id: number) => {
      const application = store.get(id);
      if (!application) throw new DomainError('application.not_found', `no application with id ${id}`);
      return applicationDto(application, store.history(id), timingRulesOf(ctx.settings()), ctx.clock.now(), extensions.of(id));
    };

    app.post(
      '/api/applications',
      {
        config: { access: STAFF },
        schema: {
          summary: 'Receive an application at the counter (staff)',
          description:
            "Status 2 (received). The code is CENTRE-YYMMDD-NNNN (the business day of receipt and its next sequence); dueAt comes from the procedure's processing days on the centre's calendar (settings.applications). " +
            'The reply carries the lookup secret once, for the receipt: only a digest of it is kept. An idNumber (CCCD) is kept masked (001******345) with a keyed digest, never in clear. ' +
            'A procedure switched off in the catalogue (active false): 409 procedure.inactive.',
          tags: ['applications'],
          body: ApplicationReceiveBody,
          response: { 201: ApplicationReceived, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request, reply) => {
        const { procedureId, applicant, documents = [], channel = 'counter', receivedAt } = request.body;
        // A procedure switched off in the catalogue takes no new application (the clerk picks another, or an admin switches it on).
        if (procedures.get(procedureId)?.active === false) {
          throw new ApiError('procedure.inactive', `procedure ${procedureId} is switched off in the catalogue: it takes no new application; choose another or ask an admin to switch it on`);
        }
        if (receivedAt !== undefined && new Date(receivedAt).getTime() > ctx.clock.now().getTime()) {
          throw new ApiError('request.invalid', "body.receivedAt must not be later than now (the hub's clock)");
        }
        const secret = newLookupSecret((count) => randomBytes(count));
        const idNumber = applicant.idNumber;
        const received = await ctx.queue.call(
          'receiveApplication',
          {
            procedureId,
            applicant: {
              fullName: applicant.fullName.trim(),
              phone: applicant.phone?.trim() || null,
              address: applicant.address?.trim() || null,
              idMasked: idNumber === undefined ? null : maskIdNumber(idNumber),
              idDigest: idNumber === undefined ? null : digests.idNumber(idNumber),
            },
            documents: documents.map((document) => ({ name: document.name, original: document.original ?? null, copies: document.copies ?? null })),
            channel,
            receivedAt: receivedAt === undefined ? undefined : new Date(receivedAt).toISOString(),
            secretDigest: digests.secret(secret),
          },
          actorOf(principalOf(request)),
        );
        request.log.info({ applicationId: received.id, code: received.code }, 'application received');
        return reply.code(201).send({ ...view(received.id), secret });
      },
    );

    app.post(
      '/api/applications/:id/status',
      {
        config: { access: STAFF },
        schema: {
          summary: 'Move an application to another national status (staff)',
          description:
            'Allowed moves: 1→2,3,7; 2→4,5,6,7,8; 4→5,6,7,8,9; 5,6→4,7,8; 9→10; 3, 7, 8 and 10 are final. Another move: 409 application.wrong_transition, naming both statuses. ' +
            'Recorded in the history (who, when, note) and the audit log. While at 5 or 6 the due date moves later by the working days waited.',
          tags: ['applications'],
          params: IdParams,
          body: ApplicationStatusBody,
          response: { 200: ApplicationSchema, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => {
        const status = applicationStatusOfCode(request.body.status);
        if (!status) throw new ApiError('request.invalid', 'body.status must be a national status number, 1 to 10');
        const note = request.body.note?.trim() || null;
        await ctx.queue.call('changeApplicationStatus', request.params.id, status, note, actorOf(principalOf(request)));
        return view(request.params.id);
      },
    );

    app.get(
      '/api/applications/lookup',
      {
        config: { access: 'public' },
        schema: {
          summary: "A citizen's lookup of their application by the code and secret on the receipt (no sign-in)",
          description:
            'A wrong code and a wrong secret answer the same 404 application.not_found. At most 10 lookups per address in any minute: 429 application.too_many_lookups with Retry-After; ' +
            "a paired kiosk that sends its device token counts against a budget of its own, 60 a minute (its citizens share the kiosk's address). " +
            "The applicant's name is masked: the first letter of each word and up to three stars.",
          tags: ['applications'],
          querystring: ApplicationLookupQuery,
          response: { 200: ApplicationLookupReply, 400: ErrorRef, 404: ErrorRef, 429: ErrorRef },
        },
      },
      async (request) => lookup.find(callerOf(request), request.query.code, request.query.secret),
    );

    app.get(
      '/api/applications/:id',
      {
        config: { access: READERS },
        schema: {
          summary: 'One application with its history, its extensions, its due date (extended by pauses, or a new date given with an apology) and its timing verdict (staff, technicians read)',
          tags: ['applications'],
          params: IdParams,
          response: { 200: ApplicationDetailSchema, 404: ErrorRef },
        },
      },
      async (request) => view(request.params.id),
    );

    app.get(
      '/api/applications',
      {
        config: { access: READERS },
        schema: {
          summary: 'Applications, newest first (staff, technicians read)',
          description:
            'Filters: status (national number), from/to (business days of receipt, both included), q (words in the code, the name or the procedure). A page of `limit` (50 by default); pass `next` as `before` for older ones.',
          tags: ['applications'],
          querystring: ApplicationQuery,
          response: { 200: ApplicationPage, 400: ErrorRef },
        },
      },
      async (request) => {
        const { status, from, to, q, limit = 50, before } = request.query;
        const statusWord = status === undefined ? undefined : applicationStatusOfCode(status);
        // One more than asked tells whether older ones exist.
        const found = store.list({ status: statusWord, fromDay: from, toDay: to, words: searchWords(q ?? ''), before, limit: limit + 1 });
        const page = found.slice(0, limit);
        const rules = timingRulesOf(ctx.settings());
        const now = ctx.clock.now();
        return {
          entries: page.map((application) => applicationDto(application, store.history(application.id), rules, now, extensions.of(application.id))),
          next: found.length > limit ? (page.at(-1)?.id ?? null) : null,
        };
      },
    );
  };
}
