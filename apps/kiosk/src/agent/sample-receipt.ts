import type { Clock } from '@qms/core';
import type { ReceiptData } from '@qms/printer';
import type { StateDto } from '@qms/protocol';
import { CommandFailure } from '@qms/station';
import type { IssuedTicket } from '../contract.js';
import { issuedTicketOf } from './kiosk-view.js';

/** How long a sample stays the same: a preview, then a print within this, give the technician the same paper. */
export const SAMPLE_KEPT_MS = 60_000;

/**
 * A ticket of the first active service as the kiosk would issue it now (number 001 of its prefix,
 * its queue as the hub last said), composed as a real ticket is. No ticket is issued at the hub.
 */
export function sampleTicketOf(state: StateDto | null, hubUrl: string, at: Date): IssuedTicket {
  const service = state?.services.find((s) => s.active);
  if (!state || !service) throw new CommandFailure('no_service', 'the kiosk knows no active service to make a sample ticket of (is it linked to the hub?)');
  return issuedTicketOf(
    {
      id: 1,
      label: `${service.prefix}001`,
      serviceId: service.id,
      priority: 'normal',
      issuedAt: at.toISOString(),
      ahead: service.waiting,
      estimatedWaitSeconds: service.estimatedWaitSeconds,
    },
    state,
    hubUrl,
  );
}

/** The technician's sample receipt, composed once and kept for SAMPLE_KEPT_MS (its time, its queue figures). */
export class SampleReceipt {
  private kept: { receipt: ReceiptData; until: number } | undefined;

  constructor(
    private readonly compose: (at: Date) => ReceiptData,
    private readonly clock: Clock,
  ) {}

  current(): ReceiptData {
    const now = this.clock.now();
    if (this.kept && now.getTime() < this.kept.until) return this.kept.receipt;
    const receipt = this.compose(now);
    this.kept = { receipt, until: now.getTime() + SAMPLE_KEPT_MS };
    return receipt;
  }
}
