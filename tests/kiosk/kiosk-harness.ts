import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { bytesPerRow, layoutReceipt, type ReceiptData } from '@qms/printer';
import type { PrintedReceipt } from '@qms/simulators';
import { expect } from 'vitest';
import { REPO_ROOT, runQmsAsync, startQms } from '../support/hub-process.js';

export const CENTRE_NAME = 'UBND xã Hòa Bình – Bộ phận Một cửa';
export const SCREENSHOTS = join(REPO_ROOT, 'test-results', 'kiosk-screens');

export const VIEWPORTS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;

/** Saves the screen in both orientations (for a person to look at; not committed). */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const [orientation, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${orientation}.png`) });
  }
  if (before) await page.setViewportSize(before);
}

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
export async function startKioskProcess(options: { hubUrl: string; configDir: string; printerPort: number; scanner?: string; station?: Record<string, unknown> }) {
  mkdirSync(options.configDir, { recursive: true });
  writeFileSync(join(options.configDir, 'station.json'), JSON.stringify({ name: 'Kiosk sảnh', kiosk: { centreName: CENTRE_NAME, confirmSeconds: 30 }, ...options.station }, null, 2));
  const args = ['station', 'kiosk', '--hub', options.hubUrl, '--port', '0', '--printer', `tcp://127.0.0.1:${options.printerPort}`, '--config', options.configDir];
  if (options.scanner) args.push('--scanner', options.scanner);
  const station = startQms(args);
  const url = await waitForLine(station.stdout, /kiosk screen: (http:\/\/\S+)/, () => station.stderr());
  return { ...station, url };
}

/** Approves the station's code the way a technician does over SSH: `qms devices approve CODE`. */
export async function approveFromOutput(stdout: () => string, dataDir: string): Promise<string> {
  await expect.poll(stdout, { timeout: 20_000 }).toMatch(/pairing code: (\d{6})/);
  const code = /pairing code: (\d{6})/.exec(stdout())?.[1] ?? '';
  const approved = await runQmsAsync(['devices', 'approve', code, '--data', dataDir]);
  expect(approved.status, approved.stderr).toBe(0);
  return code;
}

export async function technicianClient(hubUrl: string): Promise<HubClient> {
  const client = new HubClient({ baseUrl: hubUrl });
  await client.login('kythuat', 'demo1234');
  return client;
}

/** The citizen identity the hub stored for a ticket (read from its database file, as an auditor would). */
export function storedCitizen(dataDir: string, ticketId: number): { name: string; idMasked: string } | undefined {
  const db = new Database(join(dataDir, 'qms.db'), { readonly: true });
  try {
    return db.prepare('SELECT name, id_masked AS idMasked FROM ticket_citizens WHERE ticket_id = ?').get(ticketId) as { name: string; idMasked: string } | undefined;
  } finally {
    db.close();
  }
}

/**
 * The receipt the printer received shows exactly this ticket: every raster line is the one drawn
 * for the expected data (so its Vietnamese text is right to the pixel), and the QR holds the ticket's URL.
 */
export function expectReceiptOf(receipt: PrintedReceipt, data: ReceiptData): void {
  const expected = layoutReceipt(data, { type: 'epson', widthDots: 576, encoding: 'raster' }).filter((piece) => piece.kind === 'image');
  expect(receipt.images).toHaveLength(expected.length);
  receipt.images.forEach((image, index) => {
    const want = expected[index];
    if (want?.kind !== 'image') throw new Error('layout mismatch');
    expect(image.width).toBe(bytesPerRow(576) * 8);
    expect(Buffer.from(image.data.subarray(0, want.bitmap.data.length)).equals(Buffer.from(want.bitmap.data)), `raster line ${index}`).toBe(true);
  });
  expect(receipt.qr).toEqual([data.trackingUrl]);
}
