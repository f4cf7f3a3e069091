import type { FastifyInstance } from 'fastify';
import { citizenPageScript } from './citizen-script.js';
import { CITIZEN_STYLE } from './citizen-style.js';
import { CITIZEN_SCRIPT_FILE, CITIZEN_STYLE_FILE } from './page-shell.js';

/** The script as the browser gets it: the function's own source, called at once. */
const SCRIPT = `// The citizens' pages of the queue hub (apps/hub/src/citizen-pages/citizen-script.ts).\n(${citizenPageScript.toString()})();\n`;

/** Serves the citizens' pages' script and style under a page prefix (/t/citizen.js, /a/citizen.css ...). Public: they hold no data. */
export function serveCitizenAssets(app: FastifyInstance, prefix: string): void {
  const files = [
    [CITIZEN_SCRIPT_FILE, 'text/javascript; charset=utf-8', SCRIPT],
    [CITIZEN_STYLE_FILE, 'text/css; charset=utf-8', CITIZEN_STYLE],
  ] as const;
  for (const [file, type, content] of files) {
    app.get(`${prefix}${file}`, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-type', type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(content),
    );
  }
}
