import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, stationFile } from '@qms/station';
import type { ElectronMain } from './electron-api.js';

/** Where a station's screen is served in Electron: qms://station/index.html (an origin of its own, with fetch, unlike file://). */
export const STATION_SCHEME = 'qms';
export const STATION_ORIGIN = `${STATION_SCHEME}://station`;

/** Before the app is ready: qms:// is a standard, secure scheme that fetch and media may use (a display reads its voice pack). */
export function registerStationScheme(electron: ElectronMain): void {
  electron.protocol.registerSchemesAsPrivileged([{ scheme: STATION_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/** The answer to a qms://station/… request: the renderer's file (or a mounted folder's), with the one CSP. */
export async function stationSchemeResponse(url: string, rendererDir: string, mounts: Record<string, string> = {}): Promise<Response> {
  const parsed = new URL(url);
  if (parsed.host !== 'station') return new Response(null, { status: 404 });
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return new Response(null, { status: 400 });
  }
  const found = stationFile(pathname, rendererDir, mounts);
  if (found.status !== 200) return new Response(null, { status: found.status });
  return new Response(await readFile(found.file), { status: 200, headers: { 'content-type': found.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
}

/** Once the app is ready: qms://station/ answers from the built renderer and the station's mounted folders. */
export function serveStationScheme(electron: ElectronMain, rendererDir: string, mounts: Record<string, string> = {}): void {
  electron.protocol.handle(STATION_SCHEME, (request) => stationSchemeResponse(request.url, rendererDir, mounts));
}
