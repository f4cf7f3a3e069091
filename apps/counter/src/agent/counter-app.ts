import { SignageBus } from '@qms/signage';
import type { StationApp } from '@qms/station';
import type { CounterMethods, CounterOwnView } from '../contract.js';
import { CounterAgent } from './counter-agent.js';
import { COUNTER_SECTION } from './counter-settings.js';
import { CounterSignage } from './counter-signage.js';

/**
 * The counter caller on the station platform: its station.json section, what it pairs as, its agent,
 * and the caller keypad and LED sign on its signage bus when it has one (reported in device health).
 */
export const counterStation: StationApp<(typeof COUNTER_SECTION)['schema'], CounterOwnView, CounterMethods> = {
  section: COUNTER_SECTION,
  deviceKind: 'counter',
  permissions: [],
  createAgent(context) {
    const { signageBus, signageBaudRate, keypadAddress, signAddress } = context.config.section;
    if (!signageBus || (keypadAddress === 0 && signAddress === 0)) return new CounterAgent(context, null);
    const bus = new SignageBus({ path: signageBus, baudRate: signageBaudRate });
    context.health.watch(signAddress !== 0 ? 'sign' : 'keypad', bus);
    return new CounterAgent(context, { bus, signage: new CounterSignage(bus, { keypad: keypadAddress, sign: signAddress }, context.log) });
  },
};
