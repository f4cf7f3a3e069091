import type { Ticket, TicketStatus } from '@qms/core';
import type { TicketLiveMessage } from '@qms/protocol';
import { waitText } from '@qms/ui';
import type { HubContext } from '../hub-context.js';

/** A line of the page in both languages: Vietnamese first, English under it. */
export interface BilingualLine {
  vi: string;
  en: string;
}

/**
 * What the ticket's page shows, and all its live feed sends (TicketLiveMessageSchema): this ticket's
 * status, its place in the queue, its counter when called, and the words for them. Nothing about
 * the person, nothing about other tickets (their labels, counts per service, clerks).
 */
export type TicketPublicState = TicketLiveMessage;

/** Statuses after which nothing more happens to the ticket: its feed closes. */
export const FINAL_TICKET_STATUSES: ReadonlySet<TicketStatus> = new Set(['done', 'no_show', 'cancelled']);

function statusLines(status: TicketStatus, ahead: number, estimatedWaitSeconds: number | null, counter: number | null): BilingualLine[] {
  switch (status) {
    case 'waiting':
      return [
        { vi: 'Đang chờ đến lượt', en: 'Waiting for your turn' },
        { vi: `Số người chờ trước bạn: ${ahead}`, en: `People ahead of you: ${ahead}` },
        { vi: `Thời gian chờ dự kiến: ${waitText('vi', estimatedWaitSeconds)}`, en: `Estimated wait: ${waitText('en', estimatedWaitSeconds)}` },
      ];
    case 'called':
      return [{ vi: `Mời đến Quầy ${counter ?? ''}`, en: `Please go to counter ${counter ?? ''}` }];
    case 'serving':
      return [{ vi: `Đang được phục vụ tại Quầy ${counter ?? ''}`, en: `Being served at counter ${counter ?? ''}` }];
    case 'done':
      return [{ vi: 'Đã phục vụ xong. Xin cảm ơn!', en: 'Served. Thank you!' }];
    case 'no_show':
      return [{ vi: 'Đã qua lượt (không có mặt khi được gọi)', en: 'Missed: not present when called' }];
    case 'cancelled':
      return [{ vi: 'Số thứ tự đã hủy', en: 'This number was cancelled' }];
  }
}

/** The public state of a ticket as the hub's main connection reads it now. */
export function ticketPublicState(ctx: Pick<HubContext, 'queueStore' | 'view'>, ticket: Ticket): TicketPublicState {
  const service = ctx.queueStore.getService(ticket.serviceId);
  const counter = ticket.counterId === null || (ticket.status !== 'called' && ticket.status !== 'serving') ? null : (ctx.queueStore.getCounter(ticket.counterId)?.number ?? null);
  const place = ticket.status === 'waiting' ? ctx.view.placeOf(ticket) : null;
  return {
    type: 'ticket',
    label: ticket.label,
    status: ticket.status,
    service: { vi: service?.name ?? '', en: service?.nameEn ?? '' },
    ahead: place?.ahead ?? null,
    estimatedWaitSeconds: place?.estimatedWaitSeconds ?? null,
    counter,
    call: ticket.status === 'called' ? `${ticket.calledAt ?? ''}#${ticket.recallCount}` : null,
    lines: statusLines(ticket.status, place?.ahead ?? 0, place?.estimatedWaitSeconds ?? null, counter),
  };
}

/** The ticket a page or feed names by its id and label together, or undefined (a wrong pair is as unknown as a wrong id). */
export function ticketByIdAndLabel(ctx: Pick<HubContext, 'queueStore'>, ticketId: number, label: string): Ticket | undefined {
  const ticket = ctx.queueStore.getTicket(ticketId);
  return ticket && ticket.label === label ? ticket : undefined;
}
