import type { SqliteQueueStore } from '@qms/db';

/**
 * The centre's texts on the stations' screens and receipts, set from the hub (the admin's console)
 * and applied live by the stations: each is the hub's value when set, else the station's
 * station.json value, else the station's default. Null here: not set on the hub.
 */
export interface CentreTexts {
  /** The kiosks' heading and the receipt's first line. */
  centreName: string | null;
  /** Printed on the kiosks' receipts. */
  hotline: string | null;
  /** The line scrolling under the hall displays. */
  marquee: string | null;
  /** The public-services portal whose QR code the hall displays show (http or https). */
  portalUrl: string | null;
}

export type CentreTextsPatch = Partial<CentreTexts>;

export const CENTRE_TEXT_KEYS = {
  centreName: 'centre.name',
  hotline: 'centre.hotline',
  marquee: 'centre.marquee',
  portalUrl: 'centre.portal_url',
} as const satisfies Record<keyof CentreTexts, string>;

const FIELDS = Object.keys(CENTRE_TEXT_KEYS) as (keyof CentreTexts)[];

/** The texts as stored (a key without a row: not set). */
export function readCentreTexts(store: SqliteQueueStore): CentreTexts {
  const texts = { centreName: null, hotline: null, marquee: null, portalUrl: null } as CentreTexts;
  for (const field of FIELDS) texts[field] = store.getSetting(CENTRE_TEXT_KEYS[field]) ?? null;
  return texts;
}

/** Writes the texts a patch names, in the caller's transaction: a null forgets the hub's value. */
export function writeCentreTexts(store: SqliteQueueStore, patch: CentreTextsPatch): void {
  for (const field of FIELDS) {
    const value = patch[field];
    if (value === null) store.deleteSetting(CENTRE_TEXT_KEYS[field]);
    else if (value !== undefined) store.setSetting(CENTRE_TEXT_KEYS[field], value);
  }
}
