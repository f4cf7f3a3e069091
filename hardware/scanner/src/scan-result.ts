import { type CitizenId, looksLikeCccd, parseCccd } from './cccd.js';

/** What a scan means, as `qms scan` prints it: a CCCD, an invalid CCCD (with the reason), or plain text. */
export type ScanResult = ({ kind: 'cccd' } & CitizenId) | { kind: 'invalid'; reason: string } | { kind: 'text'; text: string };

export function interpretScan(payload: string): ScanResult {
  const text = payload.replace(/[\r\n]+$/, '');
  if (!looksLikeCccd(text)) return { kind: 'text', text };
  const parsed = parseCccd(text);
  return parsed.ok ? { kind: 'cccd', ...parsed.citizen } : { kind: 'invalid', reason: parsed.reason };
}
