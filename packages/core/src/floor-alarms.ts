/**
 * The floor manager's alarms, from the queue as it is now: a field whose longest-waiting citizen has
 * waited more than the target, and a field with citizens waiting and no open counter serving it
 * (every counter of it paused, or none configured).
 */

export interface FloorField {
  id: number;
  waiting: number;
  /** How long the citizen waiting longest has waited, null when nobody waits. */
  longestWaitSeconds: number | null;
}

export interface FloorCounter {
  status: 'open' | 'paused';
  serviceIds: number[];
}

export type FloorAlarm = { kind: 'wait_over_target'; serviceId: number; waitedSeconds: number; targetSeconds: number } | { kind: 'no_counter'; serviceId: number; waiting: number };

export function floorAlarms(fields: FloorField[], counters: FloorCounter[], targetSeconds: number): FloorAlarm[] {
  const served = new Set(counters.filter((counter) => counter.status === 'open').flatMap((counter) => counter.serviceIds));
  const alarms: FloorAlarm[] = [];
  for (const field of fields) {
    if (field.waiting > 0 && !served.has(field.id)) alarms.push({ kind: 'no_counter', serviceId: field.id, waiting: field.waiting });
    if (field.longestWaitSeconds !== null && field.longestWaitSeconds > targetSeconds) {
      alarms.push({ kind: 'wait_over_target', serviceId: field.id, waitedSeconds: field.longestWaitSeconds, targetSeconds });
    }
  }
  return alarms;
}
