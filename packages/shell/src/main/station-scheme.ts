import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY, DOCUMENTS_PATH, type StationDocuments, stationFile } from '@qms/station';
import type { ElectronMain } from './electron-api.js';

/** Where a station's screen is served in Electron: qms://station/index.html (an origin of its own, with fetch, unlike file://). */
export const STATION_SCHEME = 'qms';
export const STATION_ORIGIN = `${STATION_SCHEME}://station`;

/** Before the app is ready: qms:// is a standard, secure scheme that fetch and media may use (a display reads its voice pack). */
export function registerStationScheme(electron: ElectronMain): void {
  electron.protocol.registerSchemesAsPrivileged([{ scheme: STATION_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/** The answer to a qms://station/… request: the renderer's file (or a mounted folder's), with the one CSP; a document the agent made under /documents/. */
export async function stationSchemeResponse(url: string, rendererDir: string, mounts: Record<string, string> = {}, documents?: StationDocuments): Promise<Response> {
  const parsed = new URL(url);
  if (parsed.host !== 'station') return new Response(null, { status: 404 });
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return new Response(null, { status: 400 });
  }
  if (pathname.startsWith(DOCUMENTS_PATH)) {
    const document = documents?.get(pathname.slice(DOCUMENTS_PATH.length)) ?? null;
    return document
      ? new Response(new Uint8Array(document.body), { status: 200, headers: { 'content-type': document.type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } })
      : new Response(null, { status: 404 });
  }
  const found = stationFile(pathname, rendererDir, mounts);
  if (found.status !== 200) return new Response(null, { status: found.status });
  return new Response(await readFile(found.file), { status: 200, headers: { 'content-type': found.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
}

/** Once the app is ready: qms://station/ answers from the built renderer and the station's mounted folders. */
export function serveStationScheme(electron: ElectronMain, rendererDir: string, mounts: Record<string, string> = {}, documents?: StationDocuments): void {
  electron.protocol.handle(STATION_SCHEME, (request) => stationSchemeResponse(request.url, rendererDir, mounts, documents));
}
