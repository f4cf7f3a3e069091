import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, relative } from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CONSOLE_PAGE } from '@qms/core';
import { ApiError } from '../api-error.js';
import type { HubContext } from '../hub-context.js';

/** Where scripts/build.mjs puts the console's build (apps/console/dist): the hub package's dist/console/, wherever the hub runs from. */
export const CONSOLE_DIST_DIR = join(dirname(createRequire(import.meta.url).resolve('@qms/hub/package.json')), 'dist/console/');

/**
 * The console runs only its own scripts and styles, talks only to this hub (its API and live
 * feed), shows its own images and the receipts stations send (data: URLs), and is framed by nobody.
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** The built files by their path under /console/ (read once: the hub serves what it was built with). */
async function builtFiles(): Promise<Map<string, { content: Buffer; type: string }>> {
  const files = new Map<string, { content: Buffer; type: string }>();
  const entries = await readdir(CONSOLE_DIST_DIR, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    const type = TYPES[extname(entry.name)];
    if (type) files.set(relative(CONSOLE_DIST_DIR, full).split('\\').join('/'), { content: await readFile(full), type });
  }
  return files;
}

/**
 * The console's page at /console/ and its files. Public: they hold no data (the page signs in and
 * then calls the API like everyone). Only files of the build are served: a path is looked up in
 * the list of built files, never joined onto the file system.
 */
export function consoleRoutes(_ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    let files: Promise<Map<string, { content: Buffer; type: string }>> | undefined;
    const filesOnce = () => (files ??= builtFiles().catch((error: unknown) => ((files = undefined), Promise.reject(error))));

    const serve = async (path: string, log: { error(details: object, message: string): void }) => {
      let found: Map<string, { content: Buffer; type: string }>;
      try {
        found = await filesOnce();
      } catch (error) {
        log.error({ err: error }, 'the console is not built');
        throw new ApiError('hub.unavailable', `the console is missing from ${CONSOLE_DIST_DIR}; build the hub (npm run build)`);
      }
      const file = found.get(path);
      if (!file) throw new ApiError('route.not_found', `no file ${CONSOLE_PAGE}${path} in the console`);
      return file;
    };

    app.get(CONSOLE_PAGE.slice(0, -1), { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => reply.redirect(CONSOLE_PAGE, 301));

    app.get(CONSOLE_PAGE, { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const page = await serve('index.html', request.log);
      return reply.header('content-type', page.type).header('cache-control', 'no-cache').header('content-security-policy', CONSOLE_CSP).send(page.content);
    });

    app.get(`${CONSOLE_PAGE}*`, { config: { access: 'public' }, schema: { hide: true, params: Type.Object({ '*': Type.String({ maxLength: 200 }) }) } }, async (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      const file = await serve(path, request.log);
      // Vite names assets by their content: they never change under the same name.
      const cache = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
      reply.header('content-type', file.type).header('cache-control', cache).header('x-content-type-options', 'nosniff');
      if (file.type.startsWith('text/html')) reply.header('content-security-policy', CONSOLE_CSP);
      return reply.send(file.content);
    });
  };
}
