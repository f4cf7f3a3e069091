import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { auditActorOf } from '@qms/core';
import { SqliteFeedbackStore } from '@qms/db';
import { ErrorSchema, FeedbackBody, FeedbackCreated, FeedbackPage, FeedbackPatchBody, FeedbackQuery, FeedbackSchema, IdParams } from '@qms/protocol';
import { FeedbackService } from '../feedback/feedback-service.js';
import type { HubContext } from '../hub-context.js';
import { ADMIN_ONLY, bearerTokenOf, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);

/** Citizens' feedback: left without signing in, read and answered by an administrator. */
export function feedbackRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const feedback = new FeedbackService(new SqliteFeedbackStore(ctx.db), ctx.audit, ctx.clock);

    app.post(
      '/api/feedback',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Leave feedback for the centre (no sign-in)',
          description:
            'Text of 5 to 2000 characters once trimmed; an optional Vietnamese phone number for a call back, the counter number and a few words on what it is about. ' +
            'At most 5 messages per address in any 10 minutes (a paired kiosk sending its Bearer token: 60 for that kiosk): 429 feedback.too_many with Retry-After. The text and the phone are never written to the logs.',
          tags: ['feedback'],
          body: FeedbackBody,
          response: { 201: FeedbackCreated, 400: ErrorRef, 429: ErrorRef },
        },
      },
      async (request, reply) => {
        // Public, but a paired kiosk may say who it is: its citizens' messages are counted as the kiosk's.
        const token = bearerTokenOf(request);
        const caller = token ? ctx.access.authenticate(token) : undefined;
        const from = caller?.type === 'device' && caller.kind === 'kiosk' ? { kioskId: caller.id } : { address: request.ip };
        const id = feedback.leave(request.body, from);
        request.log.info({ feedbackId: id }, 'feedback received');
        return reply.code(201).send({ id });
      },
    );

    app.get(
      '/api/feedback',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: "Citizens' feedback, newest first (admin)",
          description: 'A page of `limit` items (50 by default); pass `next` as `before` for the older ones (with the same `status`).',
          tags: ['feedback'],
          querystring: FeedbackQuery,
          response: { 200: FeedbackPage },
        },
      },
      async (request) => {
        const { limit = 50, before, status } = request.query;
        // One more than asked tells whether older items exist.
        const items = feedback.list({ limit: limit + 1, before, status });
        const page = items.slice(0, limit);
        return { entries: page, next: items.length > limit ? (page.at(-1)?.id ?? null) : null };
      },
    );

    app.patch(
      '/api/feedback/:id',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'Set the status of a feedback and write the reply (admin)',
          description: 'Recorded in the audit log as feedback.updated (without the texts).',
          tags: ['feedback'],
          params: IdParams,
          body: FeedbackPatchBody,
          response: { 200: FeedbackSchema, 404: ErrorRef },
        },
      },
      async (request) => feedback.update(request.params.id, request.body, auditActorOf(principalOf(request))),
    );
  };
}
