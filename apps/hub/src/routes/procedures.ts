import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { describeImportProblem, DomainError, readProcedureFile, searchWords } from '@qms/core';
import { SqliteProcedureStore } from '@qms/db';
import { ErrorSchema, IdParams, ProcedureCreateSchema, ProcedureImportBody, ProcedureImportReply, ProcedurePatchSchema, ProcedureQuery, ProcedureSchema } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';
import { actorOf, ADMIN_ONLY, principalOf } from '../http/auth.js';

const ProcedureRef = Type.Ref(ProcedureSchema);
const ErrorRef = Type.Ref(ErrorSchema);

/** A catalogue file may be large (a province's whole list); every other body stays small. */
export const IMPORT_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/**
 * The procedures catalogue: read by anyone (the kiosk, the citizens' pages), changed by an admin
 * one at a time or by importing a whole file. Changes run in the queue worker (audited, announced
 * as config.changed so stations refresh); reads use the main connection.
 */
export function procedureRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const store = new SqliteProcedureStore(ctx.db);

    app.get(
      '/api/procedures',
      {
        config: { access: 'public' },
        schema: {
          summary: 'The procedures the centre receives (no sign-in needed): active ones, by field then name; search by name or code',
          tags: ['procedures'],
          querystring: ProcedureQuery,
          response: { 200: Type.Array(ProcedureRef), 400: ErrorRef },
        },
      },
      async (request) => {
        const { serviceId, q, includeInactive } = request.query;
        return store.list({ serviceId, words: searchWords(q ?? ''), includeInactive });
      },
    );

    app.get(
      '/api/procedures/:id',
      {
        config: { access: 'public' },
        schema: { summary: 'One procedure (no sign-in needed), active or not', tags: ['procedures'], params: IdParams, response: { 200: ProcedureRef, 404: ErrorRef } },
      },
      async (request) => {
        const procedure = store.get(request.params.id);
        if (!procedure) throw new DomainError('procedure.not_found', `no procedure with id ${request.params.id}`);
        return procedure;
      },
    );

    app.post(
      '/api/procedures',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'Add a procedure (admin)',
          tags: ['procedures'],
          body: ProcedureCreateSchema,
          response: { 201: ProcedureRef, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request, reply) => {
        const { body } = request;
        const procedure = await ctx.queue.call(
          'createProcedure',
          {
            ...body,
            nameEn: body.nameEn ?? null,
            fee: body.fee ?? '',
            feeAmount: body.feeAmount ?? null,
            documents: body.documents ?? [],
            applicants: body.applicants ?? '',
            portalUrl: body.portalUrl ?? null,
            active: body.active ?? true,
          },
          actorOf(principalOf(request)),
        );
        return reply.code(201).send(procedure);
      },
    );

    app.patch(
      '/api/procedures/:id',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'Change a procedure (admin)',
          tags: ['procedures'],
          params: IdParams,
          body: ProcedurePatchSchema,
          response: { 200: ProcedureRef, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => {
        const procedure = await ctx.queue.call('updateProcedure', request.params.id, request.body, actorOf(principalOf(request)));
        if (!procedure) throw new DomainError('procedure.not_found', `no procedure with id ${request.params.id}`);
        return procedure;
      },
    );

    app.post(
      '/api/procedures/import',
      {
        config: { access: ADMIN_ONLY },
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          summary: 'Import a catalogue file, CSV or JSON (admin): all or nothing',
          description:
            'Adds and updates procedures by code (replace: true also removes those not in the file). When any row is bad nothing is imported: ' +
            '400 procedure.import_invalid with details.problems, every problem as {row, column, reason} (CSV rows as a spreadsheet counts them, the header being row 1; JSON items from 1). Bodies up to 2 MB.',
          tags: ['procedures'],
          body: ProcedureImportBody,
          response: { 200: ProcedureImportReply, 400: ErrorRef, 413: ErrorRef },
        },
      },
      async (request) => {
        const { format, content, replace = false } = request.body;
        const reading = readProcedureFile(format, content, ctx.queueStore.listServices());
        if (reading.problems.length > 0) {
          const count = reading.problems.length;
          throw new ApiError('procedure.import_invalid', `${count} problem${count === 1 ? '' : 's'} in the file, nothing was imported; the first: ${describeImportProblem(reading.problems[0]!)}`, {
            problems: reading.problems,
          });
        }
        const counts = await ctx.queue.call('importProcedures', reading.procedures, { replace, format }, actorOf(principalOf(request)));
        return { procedures: reading.procedures.length, ...counts };
      },
    );
  };
}
