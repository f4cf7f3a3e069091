import { readSettings, StationConfigError } from '@qms/station';
import { describe, expect, it } from 'vitest';
import { checkCounterSettings, COUNTER_SECTION } from './counter-settings.js';

const read = (counter: Record<string, unknown>) => {
  const settings = readSettings(COUNTER_SECTION.schema, counter, 'counter');
  checkCounterSettings(settings);
  return settings;
};

describe("the counter's station.json settings of the rating pad", () => {
  it('default to no rating pad; a window goes on the secondary display unless told', () => {
    expect(read({})).toMatchObject({ ratingPad: 'none', ratingDisplay: 'secondary', ratingKeypadAddress: 0 });
    expect(read({ ratingPad: 'window' })).toMatchObject({ ratingPad: 'window', ratingDisplay: 'secondary' });
    expect(read({ ratingPad: 'window', ratingDisplay: 2 })).toMatchObject({ ratingDisplay: 2 });
    expect(read({ ratingPad: 'keypad', signageBus: '/dev/ttyUSB0', keypadAddress: 1, ratingKeypadAddress: 9 })).toMatchObject({ ratingPad: 'keypad', ratingKeypadAddress: 9 });
  });

  it('refuse a wrong value with a message naming the key', () => {
    expect(() => read({ ratingPad: 'screen' })).toThrow('station.json: counter.ratingPad must be "none" or "window" or "keypad", not "screen"');
    expect(() => read({ ratingPad: 'window', ratingDisplay: 'left' })).toThrow(/^station\.json: counter\.ratingDisplay must be "secondary", "primary" or a display number from 0 to 15/);
    expect(() => read({ ratingPad: 'window', ratingDisplay: -1 })).toThrow(/counter\.ratingDisplay must be/);
    expect(() => read({ ratingPad: 'keypad', signageBus: '/dev/ttyUSB0', ratingKeypadAddress: 255 })).toThrow(
      'station.json: counter.ratingKeypadAddress must be a whole number from 0 to 254, not 255',
    );
    expect(() => read({ ratingPad: 'keypad', signageBus: '/dev/ttyUSB0', ratingKeypadAddress: 2.5 })).toThrow(StationConfigError);
  });

  it('refuse settings that do not go together, naming the key to fix', () => {
    expect(() => read({ ratingPad: 'keypad', ratingKeypadAddress: 4 })).toThrow(/^station\.json: counter\.signageBus must be the serial port of the signage bus when counter\.ratingPad is "keypad"/);
    expect(() => read({ ratingPad: 'keypad', signageBus: '/dev/ttyUSB0' })).toThrow(/^station\.json: counter\.ratingKeypadAddress must be the rating keypad's address/);
    expect(() => read({ signageBus: '/dev/ttyUSB0', ratingKeypadAddress: 4 })).toThrow(/^station\.json: counter\.ratingKeypadAddress is set \(4\) but counter\.ratingPad is "none"/);
    expect(() => read({ ratingPad: 'keypad', signageBus: '/dev/ttyUSB0', keypadAddress: 4, ratingKeypadAddress: 4 })).toThrow(
      /counter\.ratingKeypadAddress must not be the caller keypad's address \(4\)/,
    );
  });
});
