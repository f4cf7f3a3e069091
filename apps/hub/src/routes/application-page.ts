import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { APPLICATION_PAGE_PREFIX } from '@qms/core';
import { ApiError } from '../api-error.js';
import { ApplicationLookup, type ApplicationLookupResult } from '../applications/application-lookup.js';
import { serveCitizenAssets } from '../citizen-pages/citizen-assets.js';
import { bilingual, CITIZEN_PAGE_CSP, citizenPage, dateTimeText, escapeHtml, feedbackForm, hotlineBlock, notFoundPage } from '../citizen-pages/page-shell.js';
import type { HubContext } from '../hub-context.js';

/** The national status "đã xử lý xong": the result waits at the centre. */
const RESULT_READY = 9;

function fact(vi: string, en: string, value: string, attributes = ''): string {
  return `<dt>${escapeHtml(vi)} <span class="en">· ${escapeHtml(en)}</span></dt><dd${attributes}>${value}</dd>`;
}

function applicationBody(found: ApplicationLookupResult, settings: { timeZone: string; hotline: string | null; centreName: string | null }): string {
  const ready =
    found.status === RESULT_READY
      ? `<section class="ready" data-result-ready>
${bilingual('Hồ sơ đã có kết quả.', 'The result is ready.')}
${bilingual(
  'Mời ông/bà đến Trung tâm để nhận kết quả: quét mã QR trên Giấy tiếp nhận hồ sơ tại máy lấy số thứ tự để nhận số "Trả kết quả", rồi chờ gọi đến quầy. Nhớ mang theo Giấy tiếp nhận và căn cước công dân.',
  'Please come to the centre to collect it: scan the QR code on your receipt at the ticket kiosk to get a "Results" ticket, then wait for your counter to be called. Bring the receipt and your ID card.',
)}
</section>`
      : '';
  const status = `${escapeHtml(found.statusName.vi)}<br><span class="en">${escapeHtml(found.statusName.en)}</span>`;
  return `<main data-page="application" data-application-code="${escapeHtml(found.code)}" data-application-status="${found.status}">
${settings.centreName ? `<p class="service">${escapeHtml(settings.centreName)}</p>` : ''}
<h1 class="vi">Tra cứu hồ sơ</h1><p class="en">Your application</p>
<section class="panel">
<div class="code">${escapeHtml(found.code)}</div>
<dl class="facts">
${fact('Tình trạng', 'Status', status, ` data-status-name`)}
${fact('Thủ tục', 'Procedure', `${escapeHtml(found.procedure.name)} <span class="en">(${escapeHtml(found.procedure.code)})</span>`)}
${fact('Người nộp', 'Applicant', escapeHtml(found.applicantName))}
${fact('Ngày tiếp nhận', 'Received', escapeHtml(dateTimeText(found.receivedAt, settings.timeZone)), ` data-received-at="${escapeHtml(found.receivedAt)}"`)}
${fact('Hẹn trả kết quả', 'Result due', escapeHtml(dateTimeText(found.dueAt, settings.timeZone)), ` data-due-at="${escapeHtml(found.dueAt)}"`)}
</dl>
</section>
${ready}
${hotlineBlock(settings.hotline)}
${feedbackForm(found.code)}
</main>`;
}

/**
 * The page an application receipt's QR code opens (/a/CODE/SECRET): the application's status, dates,
 * procedure and masked name, what GET /api/applications/lookup answers, by the same lookup (the same
 * "not found" for a wrong code and a wrong secret, the same limit per address). When the result is
 * ready (9) it says how to collect it.
 */
export function applicationPageRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const lookup = ApplicationLookup.of(ctx);
    await ctx.writes.flush(); // the digest key, if this made it, is on disk before it is used

    serveCitizenAssets(app, APPLICATION_PAGE_PREFIX);

    app.get(
      `${APPLICATION_PAGE_PREFIX}:code/:secret`,
      {
        config: { access: 'public' },
        schema: { hide: true, params: Type.Object({ code: Type.String({ maxLength: 40 }), secret: Type.String({ maxLength: 40 }) }) },
      },
      async (request, reply) => {
        void reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', CITIZEN_PAGE_CSP);
        // The page's address holds the secret: no referrer to anywhere (the hotline link, a later page).
        void reply.header('referrer-policy', 'no-referrer');
        const settings = ctx.settings();
        try {
          const found = lookup.find({ address: request.ip }, request.params.code, request.params.secret);
          return reply.send(citizenPage({ prefix: APPLICATION_PAGE_PREFIX, title: `Hồ sơ ${found.code}`, body: applicationBody(found, settings) }));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          if (error.code === 'application.too_many_lookups') {
            const wait = Number(error.headers?.['retry-after'] ?? 60);
            const minutes = Math.max(1, Math.ceil(wait / 60));
            void reply.header('retry-after', String(wait));
            return reply
              .code(429)
              .send(
                notFoundPage(APPLICATION_PAGE_PREFIX, { vi: `Tra cứu quá nhiều lần. Xin thử lại sau ${minutes} phút.`, en: `Too many lookups. Please try again in ${minutes} min.` }, settings.hotline),
              );
          }
          if (error.code === 'application.not_found') {
            return reply
              .code(404)
              .send(
                notFoundPage(
                  APPLICATION_PAGE_PREFIX,
                  { vi: 'Không tìm thấy hồ sơ. Xin kiểm tra mã hồ sơ và mã tra cứu trên Giấy tiếp nhận.', en: 'Application not found. Check the code and the lookup secret on your receipt.' },
                  settings.hotline,
                ),
              );
          }
          throw error;
        }
      },
    );
  };
}
