import { SerialScanner } from '@qms/scanner';
import { SignageBus } from '@qms/signage';
import type { StationApp } from '@qms/station';
import type { CounterMethods, CounterOwnView } from '../contract.js';
import { ApplicationDesk } from './application-desk.js';
import { CounterAgent } from './counter-agent.js';
import { counterPrinterOf } from './counter-printer.js';
import { checkCounterSettings, COUNTER_SECTION } from './counter-settings.js';
import { CounterSignage } from './counter-signage.js';

/**
 * The counter caller on the station platform: its station.json section, what it pairs as, its agent,
 * the caller keypad, LED sign and citizen's rating keypad on its signage bus when it has one, and
 * the receipt printer and CCCD scanner for receiving applications (each reported in device health).
 */
export const counterStation: StationApp<(typeof COUNTER_SECTION)['schema'], CounterOwnView, CounterMethods> = {
  section: COUNTER_SECTION,
  deviceKind: 'counter',
  permissions: [],
  createAgent(context) {
    const settings = context.config.section;
    checkCounterSettings(settings);
    const { signageBus, signageBaudRate, keypadAddress, signAddress } = settings;
    const ratingKeypad = settings.ratingPad === 'keypad' ? settings.ratingKeypadAddress : 0;
    // Receiving applications: the receipt printer and the CCCD scanner of station.json, as the kiosk has them.
    const scanner = context.config.scanner ? new SerialScanner({ path: context.config.scanner.path, baudRate: context.config.scanner.baudRate }) : null;
    if (scanner) context.health.watch('scanner', scanner);
    const desk = new ApplicationDesk(context, counterPrinterOf(context), scanner);
    if (!signageBus || (keypadAddress === 0 && signAddress === 0 && ratingKeypad === 0)) return new CounterAgent(context, null, desk);
    const bus = new SignageBus({ path: signageBus, baudRate: signageBaudRate });
    if (signAddress !== 0) context.health.watch('sign', bus.deviceHealth(signAddress));
    else if (keypadAddress !== 0) context.health.watch('keypad', bus.deviceHealth(keypadAddress));
    if (ratingKeypad !== 0) context.health.watch('rating_pad', bus.deviceHealth(ratingKeypad));
    const signage = new CounterSignage(bus, { keypad: keypadAddress, sign: signAddress, ratingKeypad }, context.log);
    const agent = new CounterAgent(context, { bus, signage }, desk);
    signage.rateWith(agent.ratingPad);
    return agent;
  },
};
