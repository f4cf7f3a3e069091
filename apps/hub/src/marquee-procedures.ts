import type { SqliteQueueStore } from '@qms/db';

/**
 * Whether the hall displays' scrolling line also cycles the procedures of their fields, with their
 * fees and processing times, after the centre's own marquee text. Set from the console (PATCH
 * /api/settings marqueeProcedures); null: not set on the hub, each display follows its
 * station.json marqueeProcedures (false unless set there), as the centre's texts do.
 */
export const MARQUEE_PROCEDURES_KEY = 'display.marquee_procedures';

export function readMarqueeProcedures(store: SqliteQueueStore): boolean | null {
  const stored = store.getSetting(MARQUEE_PROCEDURES_KEY);
  return stored === 'true' ? true : stored === 'false' ? false : null;
}

/** Writes it in the caller's transaction: null forgets the hub's value, undefined leaves it. */
export function writeMarqueeProcedures(store: SqliteQueueStore, value: boolean | null | undefined): void {
  if (value === null) store.deleteSetting(MARQUEE_PROCEDURES_KEY);
  else if (value !== undefined) store.setSetting(MARQUEE_PROCEDURES_KEY, String(value));
}
