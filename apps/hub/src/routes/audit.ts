import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditActionsOf, dayRange, isCalendarDate } from '@qms/core';
import type { AuditFilter } from '@qms/db';
import { AuditPage, AuditQuery, ErrorSchema } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';

/** The audit log, for the administrator and the technician. */
export function auditRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/api/audit',
      {
        config: { access: ['technician'] },
        schema: {
          summary: 'Who did what, newest first: calls out of order, transfers, pauses, cancellations, requeued no-shows, configuration, users, logins, devices and backups',
          description:
            'A page of `limit` entries (50 by default); pass `next` as `before` for the older ones (with the same filters). ' +
            'Filters, each optional and combined: `day` (a business day of the centre), `actor` (the name recorded, or a user name), ' +
            '`action` (one action, or a group such as ticket., user., device., config.).',
          tags: ['audit'],
          querystring: AuditQuery,
          response: { 200: AuditPage, 400: Type.Ref(ErrorSchema) },
        },
      },
      async (request) => {
        const { limit = 50, before, day, actor, action } = request.query;
        const filter: AuditFilter = {};
        if (day !== undefined) {
          if (!isCalendarDate(day)) throw new ApiError('request.invalid', `day "${day}" is not a date of the calendar (YYYY-MM-DD)`);
          const { start, end } = dayRange(day, ctx.timeZone);
          filter.from = start.toISOString();
          filter.to = end.toISOString();
        }
        if (actor !== undefined) filter.actor = actor;
        if (action !== undefined) filter.actions = auditActionsOf(action);
        // One more than asked tells whether older entries exist.
        const entries = ctx.audit.list({ ...filter, limit: limit + 1, before });
        const page = entries.slice(0, limit);
        return { entries: page, next: entries.length > limit ? (page.at(-1)?.id ?? null) : null };
      },
    );
  };
}
