import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { build } from 'esbuild';
import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, as the project's renderers are tested (the Electron binary cannot be
 * downloaded here), sound allowed without a gesture unless `extraArgs` gives another autoplay policy.
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const autoplay = extraArgs.some((arg) => arg.startsWith('--autoplay-policy=')) ? [] : ['--autoplay-policy=no-user-gesture-required'];
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', ...autoplay, ...extraArgs],
  });
}

/** Bundles a renderer entry for the browser (what Vite does for the apps), as one script. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'error' });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ogg': 'audio/ogg',
  '.png': 'image/png',
  '.y4m': 'video/x-raw',
};

/**
 * A static server on loopback: `pages` are exact paths with their content, `folders` map a path
 * prefix to a directory on disk.
 */
export async function serveStatic(pages: Record<string, string>, folders: Record<string, string> = {}): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    const page = pages[path];
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/html; charset=utf-8' });
      response.end(page);
      return;
    }
    for (const [prefix, dir] of Object.entries(folders)) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if (file.startsWith(normalize(dir)) && existsSync(file) && statSync(file).isFile()) {
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(response);
        return;
      }
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
