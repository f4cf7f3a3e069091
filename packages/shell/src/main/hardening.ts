import { DOCUMENTS_PATH } from '@qms/station';
import type { WebContents } from './electron-api.js';

/** No new windows (but a document the station made, such as a receipt's PDF to print) and no navigation away from the station's screen, whatever a page tries. */
export function hardenContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => ({ action: isStationDocument(url) ? 'allow' : 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isStationUrl(url)) event.preventDefault();
  });
}

/** The station's own screen: qms://station/ in Electron, or its agent on this machine. */
export function isStationUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'qms:' && parsed.host === 'station') || (parsed.protocol === 'http:' && (parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost'));
  } catch {
    return false;
  }
}

/** A document the station's agent made for its screen (served under /documents/ of the station's own origin). */
export function isStationDocument(url: string): boolean {
  return isStationUrl(url) && new URL(url).pathname.startsWith(DOCUMENTS_PATH);
}

/** F12, Ctrl/Cmd+Shift+I/J/C, and reload keys (a citizen must not reach developer tools or a blank reload). */
export function isDevtoolsShortcut(input: { type: string; key: string; control: boolean; meta: boolean; shift: boolean }): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  if (key === 'f12' || key === 'f5') return true;
  const modifier = input.control || input.meta;
  return modifier && (key === 'r' || (input.shift && ['i', 'j', 'c'].includes(key)));
}
