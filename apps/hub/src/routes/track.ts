import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { parseTicketPageRef, type Ticket, TICKET_PAGE_PREFIX } from '@qms/core';
import { waitText } from '@qms/ui';
import type { HubContext } from '../hub-context.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function statusLines(ticket: Ticket, place: { ahead: number; estimatedWaitSeconds: number | null }, counter: number | null): { vi: string; en: string }[] {
  switch (ticket.status) {
    case 'waiting': {
      const wait = { vi: waitText('vi', place.estimatedWaitSeconds), en: waitText('en', place.estimatedWaitSeconds) };
      return [
        { vi: 'Đang chờ đến lượt', en: 'Waiting for your turn' },
        { vi: `Số người chờ trước bạn: ${place.ahead}`, en: `People ahead of you: ${place.ahead}` },
        { vi: `Thời gian chờ dự kiến: ${wait.vi}`, en: `Estimated wait: ${wait.en}` },
      ];
    }
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

function page(title: string, body: string, refresh: boolean): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
${refresh ? '<meta http-equiv="refresh" content="20">' : ''}<title>${escape(title)}</title>
<style>body{font-family:system-ui,'Noto Sans',sans-serif;margin:0;padding:1.5rem;background:#f3f6fb;color:#111827;text-align:center}
.label{font-size:4.5rem;font-weight:900;color:#0b4f9c;margin:.5rem 0}.field{font-weight:700;text-transform:uppercase;color:#083a73}
p{font-size:1.2rem;margin:.6rem 0}.en{color:#6b7280;font-size:1rem;margin-top:-.4rem}.small{color:#6b7280;font-size:.9rem}</style></head>
<body>${body}</body></html>`;
}

/**
 * The page a ticket's QR code opens (on the centre's Wi-Fi): the ticket's place in the queue, in
 * Vietnamese and English, refreshed every 20 s. Public, but only with the ticket's id and its label
 * together, and it shows nothing about the person.
 */
export function trackRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      `${TICKET_PAGE_PREFIX}:ref`,
      {
        config: { access: 'public' },
        schema: { hide: true, params: Type.Object({ ref: Type.String({ maxLength: 64 }) }) },
      },
      async (request, reply) => {
        void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store');
        const ref = parseTicketPageRef(request.params.ref);
        const ticket = ref ? ctx.queueStore.getTicket(ref.ticketId) : undefined;
        if (!ticket || ticket.label !== ref?.label) {
          return reply.code(404).send(page('Không tìm thấy', '<p>Không tìm thấy số thứ tự này.</p><p class="en">This ticket was not found.</p>', false));
        }
        const service = ctx.queueStore.getService(ticket.serviceId);
        const counter = ticket.counterId === null ? null : (ctx.queueStore.getCounter(ticket.counterId)?.number ?? null);
        const place = ticket.status === 'waiting' ? ctx.view.placeOf(ticket) : { ahead: 0, estimatedWaitSeconds: null };
        const lines = statusLines(ticket, place, counter)
          .map((line) => `<p>${escape(line.vi)}</p><p class="en">${escape(line.en)}</p>`)
          .join('');
        const live = ticket.status === 'waiting' || ticket.status === 'called' || ticket.status === 'serving';
        const body = `<div class="field">${escape(service?.name ?? '')}</div><div class="small">${escape(service?.nameEn ?? '')}</div>
<div class="label">${escape(ticket.label)}</div>${lines}${live ? '<p class="small">Trang tự cập nhật mỗi 20 giây · updates every 20 s</p>' : ''}`;
        return reply.send(page(`${ticket.label} – ${service?.name ?? ''}`, body, live));
      },
    );
  };
}
