import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { APPLICATION_LOOKUP_RATE, applicationCode, auditActorOf, auditEntry, parseApplicationCode, SlidingWindowLimiter } from '@qms/core';
import { SqliteApplicationStore } from '@qms/db';
import { ApplicationPickupBody, ApplicationPickupIssued, ApplicationsByCitizenBody, ApplicationsByCitizenReply, ErrorSchema } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import { ApplicationDigests } from '../applications/application-digests.js';
import { lookupDtoOf } from '../applications/application-lookup-view.js';
import type { HubContext } from '../hub-context.js';
import { actorOf, callerId, principalOf } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);
const NOT_FOUND = 'no application with that code and secret; check both on the receipt';

/**
 * The kiosk's part of applications: the citizen's own applications listed when their CCCD is
 * scanned (the card is present), and the results-pickup ticket taken with the receipt's QR.
 * The CCCD number travels only in a POST body and is compared by its keyed digest; it is never
 * stored, logged or put in the audit log.
 */
export function applicationPickupRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const store = new SqliteApplicationStore(ctx.db);
    const digests = ApplicationDigests.load(ctx.queueStore);
    await ctx.writes.flush();
    // Wrong codes and secrets cost the same here as at the public lookup.
    const attempts = new SlidingWindowLimiter(ctx.clock, APPLICATION_LOOKUP_RATE);
    const decoy = digests.secret('decoy');

    app.post(
      '/api/applications/by-citizen',
      {
        config: { access: ['device:kiosk'] },
        schema: {
          summary: "A citizen's applications, by the CCCD scanned at a kiosk (kiosk stations)",
          description:
            'The card is at the kiosk, so its number finds every application received with it (by the keyed digest kept at receipt), newest first, each as the public lookup shows it: ' +
            'status, dates, procedure and the masked name. The number is never stored nor logged; the audit log records that a lookup was made and how many were found.',
          tags: ['applications'],
          body: ApplicationsByCitizenBody,
          response: { 200: ApplicationsByCitizenReply, 400: ErrorRef, 403: ErrorRef },
        },
      },
      async (request) => {
        const found = store.findByIdDigest(digests.idNumber(request.body.idNumber));
        const settings = ctx.settings();
        const now = ctx.clock.now();
        const applications = found.map((application) => lookupDtoOf(application, store.history(application.id), settings, now)).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
        const at = now.toISOString();
        ctx.audit.append(
          auditEntry({ action: 'application.looked_up_by_citizen', details: { found: applications.length, codes: applications.map((a) => a.code) } }, auditActorOf(principalOf(request)), at),
        );
        return { applications };
      },
    );

    app.post(
      '/api/applications/pickup',
      {
        config: { access: ['staff', 'device:kiosk'] },
        schema: {
          summary: 'A ticket to collect the result of a processed application, by the code and secret on its receipt (kiosk stations, staff)',
          description:
            'Status 9 (processed): a ticket in the results field (settings applications.resultsServiceId), issued like any ticket and linked to the application; asked again while that ticket is ' +
            'still waiting, called or being served, the same ticket comes back (replayed: true). Another status: 409 application.not_ready with the status in details. No results field: 409 application.pickup_off. ' +
            'A wrong code and a wrong secret answer the same 404 application.not_found, and at most 10 attempts per address in any minute (429 application.too_many_lookups), as at the lookup.',
          tags: ['applications'],
          body: ApplicationPickupBody,
          response: { 201: ApplicationPickupIssued, 400: ErrorRef, 403: ErrorRef, 404: ErrorRef, 409: ErrorRef, 429: ErrorRef },
        },
      },
      async (request, reply) => {
        const wait = attempts.take(request.ip);
        if (wait > 0) {
          throw new ApiError('application.too_many_lookups', `too many attempts from this address; try again in ${wait} s`, { retryAfterSeconds: wait }, { 'retry-after': String(wait) });
        }
        const parts = parseApplicationCode(request.body.code);
        const found = parts ? store.findByCode(applicationCode(parts.day, parts.sequence, parts.centre)) : undefined;
        // Compared even when the code is unknown, so the answer's time does not tell a real code from a wrong one.
        const matches = digests.sameSecret(found?.secretDigest ?? decoy, request.body.secret);
        if (!found || !matches) throw new ApiError('application.not_found', NOT_FOUND);
        const principal = principalOf(request);
        const issued = await ctx.queue.call('issuePickupTicket', found.application.id, callerId(principal), actorOf(principal));
        const { application, ticket, ahead, estimatedWaitSeconds, replayed } = issued;
        request.log.info({ applicationId: application.id, ticketId: ticket.id, replayed }, 'results pickup ticket');
        return reply.code(201).send({ ...ticket, ahead, estimatedWaitSeconds, replayed, application: lookupDtoOf(application, store.history(application.id), ctx.settings(), ctx.clock.now()) });
      },
    );
  };
}
