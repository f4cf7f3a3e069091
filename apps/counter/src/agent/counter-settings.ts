import { integer, oneOf, optionalText, type Setting, type Settings, StationConfigError, type StationSection } from '@qms/station';

/** Where the citizen rates a finished ticket: nowhere, a second window on a monitor facing them, or a rating keypad on the signage bus. */
export const RATING_PAD_FORMS = ['none', 'window', 'keypad'] as const;
export type RatingPadForm = (typeof RATING_PAD_FORMS)[number];

/** The monitor of the rating window, named as the shell places windows: "secondary" (the first monitor that is not the primary), "primary", or the n-th (0 = first). */
export type RatingDisplay = 'primary' | 'secondary' | number;
const ratingDisplay: Setting<RatingDisplay> = {
  default: 'secondary',
  check: (v): v is RatingDisplay => v === 'primary' || v === 'secondary' || (Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 15),
  expected: '"secondary", "primary" or a display number from 0 to 15 (0 = the first monitor)',
};

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
    /** The citizen's rating pad: "none", "window" (a second window of this station on ratingDisplay) or "keypad" (the rating keypad at ratingKeypadAddress on the signage bus). */
    ratingPad: oneOf<RatingPadForm>('none', RATING_PAD_FORMS),
    ratingDisplay,
    ratingKeypadAddress: integer(0, 0, 254),
  },
} satisfies StationSection<Record<string, Setting<unknown>>>;

export type CounterSettings = Settings<(typeof COUNTER_SECTION)['schema']>;

/** What the settings must be together (each alone is checked when station.json is read); throws StationConfigError naming the key. */
export function checkCounterSettings(settings: CounterSettings): void {
  const at = (key: keyof CounterSettings) => `station.json: counter.${key}`;
  if (settings.ratingPad === 'keypad') {
    if (!settings.signageBus) throw new StationConfigError(`${at('signageBus')} must be the serial port of the signage bus when counter.ratingPad is "keypad"`);
    if (settings.ratingKeypadAddress === 0) throw new StationConfigError(`${at('ratingKeypadAddress')} must be the rating keypad's address on the bus (1 to 254) when counter.ratingPad is "keypad"`);
  } else if (settings.ratingKeypadAddress !== 0) {
    throw new StationConfigError(
      `${at('ratingKeypadAddress')} is set (${settings.ratingKeypadAddress}) but counter.ratingPad is "${settings.ratingPad}": set ratingPad to "keypad" or the address to 0`,
    );
  }
  if (settings.ratingKeypadAddress !== 0 && settings.ratingKeypadAddress === settings.keypadAddress) {
    throw new StationConfigError(`${at('ratingKeypadAddress')} must not be the caller keypad's address (${settings.keypadAddress}): the citizen's keys and the clerk's are two devices`);
  }
}
