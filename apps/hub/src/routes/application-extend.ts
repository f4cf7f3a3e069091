import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { DomainError } from '@qms/core';
import { SqliteApplicationExtensionStore, SqliteApplicationStore } from '@qms/db';
import { ApplicationDetailSchema, ApplicationExtendBody, ErrorSchema, IdParams } from '@qms/protocol';
import { applicationDto, timingRulesOf } from '../applications/application-view.js';
import type { HubContext } from '../hub-context.js';
import { actorOf, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

/**
 * A late application's new promised date, given with an apology (the one-stop rules' "Phiếu xin
 * lỗi và hẹn lại ngày trả kết quả", printed from the console). Staff (and admins) give it; the
 * change runs in the queue worker with its audit entry.
 */
export function applicationExtendRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const store = new SqliteApplicationStore(ctx.db);
    const extensions = new SqliteApplicationExtensionStore(ctx.db);

    app.post(
      '/api/applications/:id/extend',
      {
        config: { access: ['staff'] },
        schema: {
          summary: 'Give a late application a new promised date, with the reason of the delay (staff)',
          description:
            'The new date must be later than the date promised now and not in the past (400 application.extension_invalid); a finished application (3, 7, 8, 9, 10) cannot be extended (409 application.finished). ' +
            "The citizen is shown the new date (dueAt, the lookup); the on-time verdict and the report still judge by the original promise (originalDueAt): an extension never makes a late application on time. Recorded in the application's extensions (who, when, the old and the new date, the reason) and the audit log.",
          tags: ['applications'],
          params: IdParams,
          body: ApplicationExtendBody,
          response: { 200: ApplicationDetailSchema, 400: ErrorRef, 404: ErrorRef, 409: ErrorRef },
        },
      },
      async (request) => {
        const { id } = request.params;
        await ctx.queue.call('extendApplication', id, { dueAt: new Date(request.body.dueAt).toISOString(), reason: request.body.reason.trim() }, actorOf(principalOf(request)));
        const application = store.get(id);
        if (!application) throw new DomainError('application.not_found', `no application with id ${id}`);
        return applicationDto(application, store.history(id), timingRulesOf(ctx.settings()), ctx.clock.now(), extensions.of(id));
      },
    );
  };
}
