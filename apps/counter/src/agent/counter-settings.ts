import { integer, optionalText, type Setting, type Settings, type StationSection } from '@qms/station';

/** The "counter" section of station.json. */
export const COUNTER_SECTION = {
  key: 'counter',
  defaultName: 'Quầy',
  schema: {
    /** A clerk is signed out after this long without a press (and always at the end of the day). */
    idleLogoutMinutes: integer(30, 1, 720),
    /** The RS-485 signage bus of the caller keypad and the counter's LED sign, e.g. /dev/ttyUSB0. */
    signageBus: optionalText('a serial port path like /dev/ttyUSB0, or null'),
    signageBaudRate: integer(9600, 300, 115_200),
    /** Addresses on that bus (0: none). */
    keypadAddress: integer(0, 0, 254),
    signAddress: integer(0, 0, 254),
  },
} satisfies StationSection<Record<string, Setting<unknown>>>;

export type CounterSettings = Settings<(typeof COUNTER_SECTION)['schema']>;
