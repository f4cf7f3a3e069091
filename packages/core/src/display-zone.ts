/**
 * A hall display's zone as the hub keeps it for the device (set when a technician approves it):
 * the numbers of the counters whose calls it shows and announces, comma-separated, e.g. "1,2,3".
 * The same words as the display's own `--zone` flag and station.json `zone` (a list of numbers).
 */
export const DISPLAY_ZONE_PATTERN = '^[1-9][0-9]{0,3}(,[1-9][0-9]{0,3}){0,63}$';

const ZONE = new RegExp(DISPLAY_ZONE_PATTERN);

export function isDisplayZone(value: string): boolean {
  return ZONE.test(value);
}

/** The counter numbers of a zone ("1,2,3" → [1, 2, 3]), or null when it is not one. */
export function displayZoneNumbers(zone: string): number[] | null {
  return isDisplayZone(zone) ? zone.split(',').map(Number) : null;
}
