import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SqliteApplicationStore } from '@qms/db';
import { ApplicationReport, ApplicationReportQuery, ErrorSchema } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import { applicationReport } from '../applications/application-report.js';
import { timingRulesOf } from '../applications/application-view.js';
import type { HubContext } from '../hub-context.js';
import { ADMIN_ONLY } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);
/** A year and a bit: a report reads every application of its range. */
const MAX_REPORT_DAYS = 400;

/** The on-time report of the applications received in a range of business days (admin). */
export function applicationReportRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const store = new SqliteApplicationStore(ctx.db);

    app.get(
      '/api/reports/applications',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'On-time figures of the applications received from one business day to another, both included (admin)',
          description:
            'As of now: every application counts in exactly one of withdrawn, onTime, late, inProgressNotDue, inProgressOverdue, inProgressRequestedTwice. ' +
            'onTimeRate = (onTime + inProgressNotDue) / (total - withdrawn), a fraction from 0 to 1; null when nothing is counted. At most 400 days.',
          tags: ['applications'],
          querystring: ApplicationReportQuery,
          response: { 200: ApplicationReport, 400: ErrorRef },
        },
      },
      async (request) => {
        const { from, to } = request.query;
        const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
        if (Number.isNaN(days)) throw new ApiError('request.invalid', 'from and to must be dates of the calendar (YYYY-MM-DD)');
        if (days < 0) throw new ApiError('request.invalid', `from (${from}) must not be after to (${to})`);
        if (days >= MAX_REPORT_DAYS) throw new ApiError('request.invalid', `a report covers at most ${MAX_REPORT_DAYS} days`);
        return { from, to, ...applicationReport(store.receivedBetween(from, to), timingRulesOf(ctx.settings()), ctx.clock.now()) };
      },
    );
  };
}
