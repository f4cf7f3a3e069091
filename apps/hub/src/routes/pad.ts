import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RATING_PAD_PAGE } from '@qms/core';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';

/** Where scripts/build.mjs writes the pad's bundle (pad.js, pad.css): the hub package's dist/pad/, wherever the hub runs from. */
export const PAD_DIST_DIR = join(dirname(createRequire(import.meta.url).resolve('@qms/hub/package.json')), 'dist/pad/');

const PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Đánh giá mức độ hài lòng · Rating pad</title>
    <link rel="stylesheet" href="${RATING_PAD_PAGE}/pad.css" />
  </head>
  <body>
    <main id="app" aria-live="polite"></main>
    <script type="module" src="${RATING_PAD_PAGE}/pad.js"></script>
  </body>
</html>
`;

/** The page runs only its own script and style, talks only to this hub (its API and events), and is framed by nobody. */
const PAD_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const ASSETS = { 'pad.js': 'text/javascript; charset=utf-8', 'pad.css': 'text/css; charset=utf-8' } as const;

/**
 * The rating pad on a tablet: the page (GET /pad) and its script and style. Public: they hold no data.
 * The page pairs with the hub as a `rating` device and then calls the API with its own token.
 */
export function padRoutes(_ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const assets = new Map<string, Buffer>();

    app.get(RATING_PAD_PAGE, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', PAD_CSP).send(PAGE),
    );

    for (const [file, type] of Object.entries(ASSETS)) {
      app.get(`${RATING_PAD_PAGE}/${file}`, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
        let content = assets.get(file);
        if (!content) {
          try {
            content = await readFile(join(PAD_DIST_DIR, file));
          } catch (error) {
            request.log.error({ err: error, file }, 'the rating pad page is not built');
            throw new ApiError('hub.unavailable', `the rating pad's ${file} is missing from ${PAD_DIST_DIR}; build the hub (npm run build)`);
          }
          assets.set(file, content);
        }
        return reply.header('content-type', type).header('cache-control', 'no-cache').send(content);
      });
    }
  };
}
