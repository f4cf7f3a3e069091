import { flag, integer, listOf, oneOf, optionalText, type Setting, type Settings, type StationSection, text } from '@qms/station';
import { DISPLAY_LANGUAGES, DISPLAY_LAYOUTS, VOICE_MODES } from '../contract.js';

const PERIOD = /^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-4]):[0-5][0-9]$/;
const quietPeriod: Setting<string> = { default: '', check: (v): v is string => typeof v === 'string' && PERIOD.test(v), expected: 'a period like "12:00-13:00"' };
const counterNumber = integer(1, 1, 9_999);
const url: Setting<string | null> = {
  default: 'https://dichvucong.gov.vn',
  check: (v): v is string | null => v === null || (typeof v === 'string' && /^https?:\/\/\S+$/.test(v)),
  expected: 'a URL like https://dichvucong.gov.vn, or null for no QR code',
};

/** The "display" section of station.json. */
export const DISPLAY_SECTION = {
  key: 'display',
  defaultName: 'Màn hình sảnh',
  schema: {
    /** "auto" follows the screen: wider than tall is landscape. */
    layout: oneOf('auto', DISPLAY_LAYOUTS),
    languages: oneOf('vi', DISPLAY_LANGUAGES),
    // title, marquee and portalUrl: the hub's centreName, marquee and portalUrl win over these when set there (GET /api/settings).
    title: text('Bộ phận Tiếp nhận và Trả kết quả', 'the centre’s name, as text'),
    marquee: optionalText('the scrolling line, as text, or null'),
    portalUrl: url,
    /** The marquee also cycles the procedures of its fields (name, fee, time); the hub's marqueeProcedures wins when set there. */
    marqueeProcedures: flag(false),
    /** The counters (numbers) this display shows and announces; [] for the zone the hub gave it at approval, else all. */
    zone: listOf(counterNumber),
    voice: oneOf('vi', VOICE_MODES),
    /** A centre's own clip pack (a folder with manifest.json), instead of the shipped Vietnamese one. */
    voicePack: optionalText('a folder with manifest.json, or null'),
    volume: integer(80, 0, 100),
    /** How many times each call is said (the chime once before). */
    repeat: integer(2, 1, 5),
    quietHours: listOf(quietPeriod),
    /** Calls missed while the display was away are shown, and announced only when this recent. */
    announceMissedSeconds: integer(60, 0, 3_600),
    /** How many earlier calls the board lists under the newest. */
    recentCalls: integer(6, 0, 12),
  },
} satisfies StationSection<Record<string, Setting<unknown>>>;

export type DisplaySettings = Settings<(typeof DISPLAY_SECTION)['schema']>;
