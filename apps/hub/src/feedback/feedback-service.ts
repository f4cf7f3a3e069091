import { type AuditActor, auditEntry, type Clock, FEEDBACK_RATE, feedbackText, KIOSK_FEEDBACK_RATE, type FeedbackStatus, SlidingWindowLimiter, vietnamesePhone } from '@qms/core';
import type { FeedbackRecord, SqliteAuditLog, SqliteFeedbackStore } from '@qms/db';
import { ApiError } from '../api-error.js';

/**
 * Citizens' feedback: anyone on the centre's network may leave a message (a few per address in ten
 * minutes), an administrator reads, answers and closes them.
 *
 * Writes go on the hub's main connection and are made durable by the onSend hook's flush, as logins
 * and pairing are, not through the queue worker: feedback touches no queue data, publishes no event
 * on the queue's feed and needs no ordering with tickets; a message is a single small INSERT, and a
 * round trip to the worker would only add a thread hop for nothing it protects.
 */
export class FeedbackService {
  private readonly limiter: SlidingWindowLimiter;
  private readonly kioskLimiter: SlidingWindowLimiter;

  constructor(
    private readonly store: SqliteFeedbackStore,
    private readonly audit: SqliteAuditLog,
    private readonly clock: Clock,
  ) {
    this.limiter = new SlidingWindowLimiter(clock, FEEDBACK_RATE);
    this.kioskLimiter = new SlidingWindowLimiter(clock, KIOSK_FEEDBACK_RATE);
  }

  /** Checks and stores a citizen's message; throws request.invalid or feedback.too_many (with Retry-After). */
  /**
   * `from`: the caller's address, or the paired kiosk that passes on its citizens' messages (counted
   * apart, with a kiosk's allowance: one kiosk serves a whole hall).
   */
  leave(input: { text: string; phone?: string; counterNumber?: number; about?: string }, from: { address: string } | { kioskId: number }): number {
    const text = feedbackText(input.text);
    if (text === null) throw new ApiError('request.invalid', 'body.text must be 5 to 2000 characters once trimmed');
    const phone = input.phone === undefined || input.phone.trim() === '' ? null : vietnamesePhone(input.phone);
    // The message names the rule, never the number given: request errors are not logged, but an answer may be.
    if (phone === null && input.phone !== undefined && input.phone.trim() !== '') {
      throw new ApiError('request.invalid', 'body.phone must be a Vietnamese phone number: 0 and 9 to 10 digits, or +84 and 9 to 10 digits');
    }
    // Counted only once the message is valid: a mistyped form costs the citizen nothing.
    const wait = 'kioskId' in from ? this.kioskLimiter.take(`kiosk:${from.kioskId}`) : this.limiter.take(from.address);
    if (wait > 0) {
      throw new ApiError(
        'feedback.too_many',
        `too many messages from ${'kioskId' in from ? 'this kiosk' : 'this address'}; try again in ${wait} s`,
        { retryAfterSeconds: wait },
        { 'retry-after': String(wait) },
      );
    }
    const about = input.about?.trim() || null;
    return this.store.insert({ text, phone, counterNumber: input.counterNumber ?? null, about, at: this.clock.now().toISOString() });
  }

  list(options: { limit: number; before?: number; status?: FeedbackStatus }): FeedbackRecord[] {
    return this.store.list(options);
  }

  /** Sets the status, and the reply when given (an empty one removes it); audited as feedback.updated. */
  update(id: number, change: { status: FeedbackStatus; reply?: string }, actor: AuditActor): FeedbackRecord {
    return this.store.transaction(() => {
      const found = this.store.find(id);
      if (!found) throw new ApiError('feedback.not_found', `no feedback ${id}`);
      const reply = change.reply === undefined ? found.reply : change.reply.trim() || null;
      const at = this.clock.now().toISOString();
      this.store.update(id, { status: change.status, reply, at, by: actor.name });
      // The audit entry says what changed, never the citizen's words or number, nor the reply's text.
      this.audit.append(
        auditEntry({ action: 'feedback.updated', details: { feedbackId: id, from: found.status, status: change.status, replied: reply !== null, replyChanged: reply !== found.reply } }, actor, at),
      );
      return this.store.find(id) as FeedbackRecord;
    });
  }
}
