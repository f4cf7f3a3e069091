import { APPLICATION_LOOKUP_RATE, APPLICATION_STATUS_INFO, KIOSK_LOOKUP_RATE, applicationCode, maskApplicantName, parseApplicationCode, promisedDueAt, SlidingWindowLimiter } from '@qms/core';
import { SqliteApplicationExtensionStore, SqliteApplicationStore } from '@qms/db';
import type { ApplicationLookupReply } from '@qms/protocol';
import type { Static } from '@sinclair/typebox';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';
import { ApplicationDigests } from './application-digests.js';
import { statusNameOf, timingOf, timingRulesOf } from './application-view.js';

const NOT_FOUND = 'no application with that code and secret; check both on the receipt';

export type ApplicationLookupResult = Static<typeof ApplicationLookupReply>;

/** Whose budget a lookup counts against: a paired kiosk's own, or its address's. */
export type LookupCaller = { kiosk: number } | { address: string };

/**
 * A citizen's lookup of an application by the code and secret on the receipt: what the public API
 * (GET /api/applications/lookup) and the application's page (/a/CODE/SECRET) both answer. One per
 * hub context, so the two share the limit per address: a page load counts as a lookup.
 */
export class ApplicationLookup {
  private readonly limiter: SlidingWindowLimiter;
  private readonly kiosks: SlidingWindowLimiter;
  /** A digest compared against when the code is unknown, so a wrong code costs what a wrong secret does. */
  private readonly decoy: string;

  private constructor(
    private readonly ctx: HubContext,
    private readonly store: SqliteApplicationStore,
    private readonly digests: ApplicationDigests,
    private readonly extensions: SqliteApplicationExtensionStore,
  ) {
    this.limiter = new SlidingWindowLimiter(ctx.clock, APPLICATION_LOOKUP_RATE);
    this.kiosks = new SlidingWindowLimiter(ctx.clock, KIOSK_LOOKUP_RATE);
    this.decoy = digests.secret('decoy');
  }

  /**
   * Throws application.too_many_lookups (with Retry-After) past the limit for this caller, and the
   * same application.not_found for a wrong code and a wrong secret.
   */
  find(caller: LookupCaller, code: string, secret: string): ApplicationLookupResult {
    const wait = 'kiosk' in caller ? this.kiosks.take(`kiosk:${caller.kiosk}`) : this.limiter.take(caller.address);
    if (wait > 0) {
      const from = 'kiosk' in caller ? 'this kiosk' : 'this address';
      throw new ApiError('application.too_many_lookups', `too many lookups from ${from}; try again in ${wait} s`, { retryAfterSeconds: wait }, { 'retry-after': String(wait) });
    }
    const parts = parseApplicationCode(code);
    const found = parts ? this.store.findByCode(applicationCode(parts.day, parts.sequence, parts.centre)) : undefined;
    // Compared even when the code is unknown, so the answer's time does not tell a real code from a wrong one.
    const matches = this.digests.sameSecret(found?.secretDigest ?? this.decoy, secret);
    if (!found || !matches) throw new ApiError('application.not_found', NOT_FOUND);
    const { application } = found;
    const timing = timingOf(application, this.store.history(application.id), timingRulesOf(this.ctx.settings()), this.ctx.clock.now());
    return {
      code: application.code,
      status: APPLICATION_STATUS_INFO[application.status].code,
      statusName: statusNameOf(application.status),
      receivedAt: application.receivedAt,
      // The date promised now: an extension (with its apology) replaces the original for the citizen.
      dueAt: promisedDueAt(timing.due, this.extensions.of(application.id)).toISOString(),
      procedure: { code: application.procedure.code, name: application.procedure.name },
      applicantName: maskApplicantName(application.applicant.fullName),
    };
  }

  private static readonly ofContext = new WeakMap<HubContext, ApplicationLookup>();

  /**
   * The context's lookup, made on first use. Its digest key must already be on disk (the
   * application routes load and flush it before they call this).
   */
  static of(ctx: HubContext): ApplicationLookup {
    let lookup = ApplicationLookup.ofContext.get(ctx);
    if (!lookup) {
      lookup = new ApplicationLookup(ctx, new SqliteApplicationStore(ctx.db), ApplicationDigests.load(ctx.queueStore), new SqliteApplicationExtensionStore(ctx.db));
      ApplicationLookup.ofContext.set(ctx, lookup);
    }
    return lookup;
  }
}
