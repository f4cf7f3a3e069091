import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { parseTicketPageRef, TICKET_PAGE_PREFIX } from '@qms/core';
import { serveCitizenAssets } from '../citizen-pages/citizen-assets.js';
import { bilingual, CITIZEN_PAGE_CSP, citizenPage, escapeHtml, feedbackForm, hotlineBlock, notFoundPage } from '../citizen-pages/page-shell.js';
import { FINAL_TICKET_STATUSES, ticketByIdAndLabel, ticketPublicState, type TicketPublicState } from '../citizen-pages/ticket-state.js';
import type { HubContext } from '../hub-context.js';

/** The ticket's state as the page first shows it; the page's script re-renders the same parts from the live feed. */
function stateBlock(state: TicketPublicState): string {
  const ahead = state.ahead === null ? '' : ` data-ahead="${state.ahead}"`;
  const inner =
    state.status === 'called' && state.counter !== null
      ? `<div class="call"><p class="vi">Mời đến Quầy <span class="counter" data-counter="${state.counter}">${state.counter}</span></p><p class="en">Please go to counter ${state.counter}</p></div>`
      : state.lines.map((line) => bilingual(line.vi, line.en)).join('');
  return `<section class="state" data-state${ahead} aria-live="assertive">${inner}</section>`;
}

function ticketBody(ticketId: number, state: TicketPublicState, hotline: string | null): string {
  const ended = FINAL_TICKET_STATUSES.has(state.status);
  const label = escapeHtml(state.label);
  return `<main data-page="ticket" data-ticket-id="${ticketId}" data-ticket-label="${label}" data-ticket-status="${state.status}" data-live="${ended ? 'ended' : 'connecting'}">
<section class="panel">
<div data-service><p class="service">${escapeHtml(state.service.vi)}</p><p class="en">${escapeHtml(state.service.en)}</p></div>
<div class="label" data-ticket-label="${label}">${label}</div>
${stateBlock(state)}
<p class="live" data-live-note></p>
</section>
${ended ? '' : '<button type="button" class="sound" data-sound="off"><span class="vi">Bật chuông báo khi đến lượt</span> <span class="en">Turn on the sound for my call</span></button>'}
${hotlineBlock(hotline)}
${feedbackForm(state.label)}
</main>`;
}

/**
 * The page a ticket's QR code opens on a citizen's phone (over the centre's Wi-Fi): the ticket's
 * place in the queue, then its counter in large type when called, in Vietnamese and English. The
 * page follows the ticket live (GET /api/tickets/{id}/live, see ticket-live.ts); it is public, but
 * only with the ticket's id and its label together, and it shows nothing about the person.
 */
export function trackRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    serveCitizenAssets(app, TICKET_PAGE_PREFIX);

    app.get(
      `${TICKET_PAGE_PREFIX}:ref`,
      {
        config: { access: 'public' },
        schema: { hide: true, params: Type.Object({ ref: Type.String({ maxLength: 64 }) }) },
      },
      async (request, reply) => {
        void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', CITIZEN_PAGE_CSP);
        const { hotline } = ctx.settings();
        const ref = parseTicketPageRef(request.params.ref);
        const ticket = ref ? ticketByIdAndLabel(ctx, ref.ticketId, ref.label) : undefined;
        if (!ticket) {
          return reply.code(404).send(notFoundPage(TICKET_PAGE_PREFIX, { vi: 'Không tìm thấy số thứ tự này.', en: 'This ticket was not found.' }, hotline));
        }
        const state = ticketPublicState(ctx, ticket);
        return reply.send(citizenPage({ prefix: TICKET_PAGE_PREFIX, title: `${ticket.label} – ${state.service.vi}`, body: ticketBody(ticket.id, state, hotline) }));
      },
    );
  };
}
