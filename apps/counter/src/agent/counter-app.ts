import type { StationApp } from '@qms/station';
import type { CounterMethods, CounterOwnView } from '../contract.js';
import { CounterAgent } from './counter-agent.js';
import { COUNTER_SECTION } from './counter-settings.js';

/** The counter caller on the station platform: its station.json section, what it pairs as, its agent. */
export const counterStation: StationApp<(typeof COUNTER_SECTION)['schema'], CounterOwnView, CounterMethods> = {
  section: COUNTER_SECTION,
  deviceKind: 'counter',
  permissions: [],
  createAgent: (context) => new CounterAgent(context),
};
