import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { HubClient } from '@qms/client';
import { bytesPerRow, layoutReceipt, type ReceiptData } from '@qms/printer';
import type { PrintedReceipt } from '@qms/simulators';
import { expect } from 'vitest';
import { REPO_ROOT, runQmsAsync } from '../support/hub-process.js';
export { CENTRE_NAME, startKioskProcess, waitForLine } from '../support/kiosk-process.js';

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
