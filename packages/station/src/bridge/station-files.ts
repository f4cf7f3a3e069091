import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
};

export type StationFile = { status: 200; file: string; type: string; index: boolean } | { status: 403 | 404 };

/**
 * The file a station's screen asks for, by URL path: from a mounted folder ('/voice/custom/' → a
 * centre's voice pack; 404 when it is not there), else from the built renderer, where an unknown
 * path is the single-page app's index.html. Nothing outside those folders (403). The same answer
 * beside Chromium (BridgeServer) and in Electron (the qms:// scheme).
 */
export function stationFile(pathname: string, rendererDir: string, mounts: Record<string, string> = {}): StationFile {
  const mount = Object.entries(mounts).find(([prefix]) => pathname.startsWith(prefix));
  const root = normalize((mount ? mount[1] : rendererDir) + sep);
  let file = normalize(join(root, pathname === '/' ? 'index.html' : mount ? pathname.slice(mount[0].length) : pathname));
  if (!file.startsWith(root)) return { status: 403 };
  const found = existsSync(file) && statSync(file).isFile();
  if (mount && !found) return { status: 404 };
  if (!found) file = join(rendererDir, 'index.html');
  return { status: 200, file, type: TYPES[extname(file)] ?? 'application/octet-stream', index: file.endsWith('index.html') };
}
