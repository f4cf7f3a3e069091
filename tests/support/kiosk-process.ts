import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startQms } from './hub-process.js';

// Free of vitest: the kiosk benchmark uses it too.

export const CENTRE_NAME = 'UBND xã Hòa Bình – Bộ phận Một cửa';

/** Waits (outside a test too) for a line of output; gives its first group. */
export async function waitForLine(output: () => string, pattern: RegExp, context: () => string = () => '', timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match[1] ?? match[0];
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in time:\n${output()}\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `qms station kiosk` as a process, the way a small kiosk runs it beside Chromium. */
export async function startKioskProcess(options: { hubUrl: string; configDir: string; printerPort: number; scanner?: string; station?: Record<string, unknown>; port?: number }) {
  mkdirSync(options.configDir, { recursive: true });
  writeFileSync(join(options.configDir, 'station.json'), JSON.stringify({ name: 'Kiosk sảnh', kiosk: { centreName: CENTRE_NAME, confirmSeconds: 30 }, ...options.station }, null, 2));
  const args = ['station', 'kiosk', '--hub', options.hubUrl, '--port', String(options.port ?? 0), '--printer', `tcp://127.0.0.1:${options.printerPort}`, '--config', options.configDir];
  if (options.scanner) args.push('--scanner', options.scanner);
  const station = startQms(args);
  const url = await waitForLine(station.stdout, /kiosk screen: (http:\/\/\S+)/, () => station.stderr());
  return { ...station, url };
}
