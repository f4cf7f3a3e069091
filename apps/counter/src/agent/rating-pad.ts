import { EventEmitter } from 'node:events';
import { type HubClient, HubError } from '@qms/client';
import type { Cancel, TimerClock } from '@qms/core';
import { BRIDGE_ERRORS, BridgeFailure, type StationLog } from '@qms/station';
import { COUNTER_ERRORS, type RatingPadView } from '../contract.js';

/** How long the pad thanks the citizen before it locks again. */
export const THANKS_MS = 5_000;

type Scale = RatingPadView['scale'];

/**
 * The citizen-facing rating pad of a counter: it opens when the clerk finishes a ticket (for the
 * hub's rating window), shows the clerk's name and the ticket's label, takes one press, thanks the
 * citizen and locks again. The rating goes to the hub with the station's own token (the counter
 * that served the ticket may rate it; the hub takes one rating per ticket).
 */
export class RatingPad extends EventEmitter<{ change: [] }> {
  private open: { ticketId: number; label: string; clerk: string; counterNumber: number | null } | null = null;
  private thanking = false;
  private cancelTimer: Cancel | undefined;
  private scale: Scale = [];
  private windowMs = 120_000;

  constructor(
    private readonly device: HubClient,
    private readonly clock: TimerClock,
    private readonly log: StationLog,
  ) {
    super();
  }

  /** The scale and the window as the hub says (asked again at each sign-in: an admin may change them). */
  async loadSettings(client: HubClient): Promise<void> {
    try {
      const settings = (await client.request<{ ratingWindowSeconds: number; ratingLabels: Scale }>('GET', '/api/settings')).body;
      this.scale = settings.ratingLabels;
      this.windowMs = settings.ratingWindowSeconds * 1_000;
    } catch (error) {
      this.log('warn', `rating settings: ${(error as Error).message}`);
    }
  }

  view(): RatingPadView {
    if (this.thanking) return { state: 'thanks', label: null, clerk: null, counterNumber: null, scale: this.scale };
    if (!this.open) return { state: 'locked', label: null, clerk: null, counterNumber: null, scale: this.scale };
    return { state: 'open', label: this.open.label, clerk: this.open.clerk, counterNumber: this.open.counterNumber, scale: this.scale };
  }

  /** A ticket was finished at this counter: the citizen may rate it until the window closes. */
  offer(ticket: { id: number; label: string }, clerk: string, counterNumber: number | null): void {
    if (this.scale.length === 0) return; // settings not known: nothing to offer
    this.cancelTimer?.();
    this.thanking = false;
    this.open = { ticketId: ticket.id, label: ticket.label, clerk, counterNumber };
    this.cancelTimer = this.clock.schedule(this.windowMs, () => this.lock(), { background: true });
    this.emit('change');
  }

  async rate(score: number): Promise<{ score: number }> {
    if (!Number.isInteger(score) || !this.scale.some((level) => level.score === score)) {
      throw new BridgeFailure(BRIDGE_ERRORS.invalid, `score must be one of ${this.scale.map((level) => level.score).join(', ')}`);
    }
    const open = this.open;
    if (!open) throw new BridgeFailure(COUNTER_ERRORS.ratingClosed, 'nothing to rate now');
    this.open = null; // one press
    try {
      await this.device.request('POST', `/api/tickets/${open.ticketId}/rating`, { score });
    } catch (error) {
      this.lock();
      if (error instanceof HubError && error.status < 500) throw new BridgeFailure(error.code, error.message);
      throw new BridgeFailure(BRIDGE_ERRORS.hubUnreachable, `the rating could not be sent: ${(error as Error).message}`);
    }
    this.cancelTimer?.();
    this.thanking = true;
    this.cancelTimer = this.clock.schedule(THANKS_MS, () => this.lock(), { background: true });
    this.emit('change');
    return { score };
  }

  lock(): void {
    this.cancelTimer?.();
    this.open = null;
    this.thanking = false;
    this.emit('change');
  }
}
