import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AuditPage, AuditQuery } from '@qms/protocol';
import type { HubContext } from '../hub-context.js';

/** The audit log, for the administrator and the technician. */
export function auditRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'Who did what, newest first: calls out of order, transfers, pauses, cancellations, requeued no-shows, configuration, users and devices',
          description: 'A page of `limit` entries (50 by default); pass `next` as `before` for the older ones.',
          tags: ['audit'],
          querystring: AuditQuery,
          response: { 200: AuditPage },
        },
      },
      async (request) => {
        const limit = request.query.limit ?? 50;
        // One more than asked tells whether older entries exist.
        const entries = ctx.audit.list({ limit: limit + 1, before: request.query.before });
        const page = entries.slice(0, limit);
        return { entries: page, next: entries.length > limit ? (page.at(-1)?.id ?? null) : null };
      },
    );
  };
}
