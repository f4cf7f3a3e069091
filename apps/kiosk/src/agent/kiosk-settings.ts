import { flag, integer, oneOf, optionalText, type Setting, type Settings, type StationSection, text } from '@qms/station';

/** The "kiosk" section of station.json. */
export const KIOSK_SECTION = {
  key: 'kiosk',
  defaultName: 'Kiosk',
  schema: {
    /** centreName and hotline: the hub's (GET /api/settings) win over these when set there. */
    centreName: text('Bộ phận Tiếp nhận và Trả kết quả'),
    /** When the printer cannot print: stop issuing, or show the ticket on screen to photograph. */
    onPrinterProblem: oneOf<'stop' | 'screen'>('screen', ['stop', 'screen']),
    /** Read CCCD QR codes with the camera in the renderer. */
    cameraScan: flag(false),
    confirmSeconds: integer(8, 2, 120),
    hotline: optionalText(),
  },
} satisfies StationSection<Record<string, Setting<unknown>>>;

export type KioskSettings = Settings<(typeof KIOSK_SECTION)['schema']>;
