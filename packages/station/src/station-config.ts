import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A station's configuration directory:
 *   station.json      what a technician sets (hub URL, printer, scanner, kiosk behaviour)
 *   credentials.json  the device token once paired, or the pairing in progress (mode 0600)
 * Defaults < station.json < command-line flags; validated at start with messages a technician can act on.
 */

export class StationConfigError extends Error {
  override readonly name = 'StationConfigError';
}

export interface PrinterSettings {
  /** tcp://HOST[:9100], /dev/usb/lp0, serial:/dev/ttyS0?baud=9600 */
  interface: string;
  type: 'epson' | 'star';
  width: 80 | 58;
  encoding: 'raster' | 'cp1258' | 'tcvn3';
}

export interface KioskSettings {
  centreName: string;
  /** When the printer cannot print: stop issuing, or show the ticket on screen to photograph. */
  onPrinterProblem: 'stop' | 'screen';
  /** Read CCCD QR codes with the camera in the renderer. */
  cameraScan: boolean;
  confirmSeconds: number;
  hotline: string | null;
}

export interface StationConfig {
  dir: string;
  hubUrl: string;
  name: string;
  printer: PrinterSettings | null;
  scanner: { path: string; baudRate: number } | null;
  kiosk: KioskSettings;
}

export interface StationOverrides {
  hubUrl?: string;
  name?: string;
  printer?: string;
  scanner?: string;
}

const KIOSK_DEFAULTS: KioskSettings = {
  centreName: 'Bộ phận Tiếp nhận và Trả kết quả',
  onPrinterProblem: 'screen',
  cameraScan: false,
  confirmSeconds: 8,
  hotline: null,
};

function readJson(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new StationConfigError(`${file}: ${(error as Error).message}; fix or delete the file`);
  }
}

function pick<T>(value: unknown, check: (v: unknown) => v is T, what: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!check(value)) throw new StationConfigError(`station.json: ${what}`);
  return value;
}
const isString = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const oneOf =
  <T extends string | number>(...values: T[]) =>
  (v: unknown): v is T =>
    values.includes(v as T);

export function checkHubUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new StationConfigError(`hub URL "${url}" is not a URL; give it as http://HOST:PORT (the address the hub prints when it starts)`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new StationConfigError(`hub URL "${url}" must start with http:// or https://`);
  return parsed.origin;
}

export function loadStationConfig(dir: string, overrides: StationOverrides = {}): StationConfig {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'station.json');
  const raw = existsSync(file) ? readJson(file) : {};
  const hubUrl = overrides.hubUrl ?? pick(raw.hubUrl, isString, 'hubUrl must be a URL like http://192.168.1.10:8080', '');
  if (!hubUrl) throw new StationConfigError(`no hub URL: pass --hub http://HOST:PORT or set "hubUrl" in ${file}`);

  const printerRaw = pick(raw.printer, (v): v is Record<string, unknown> => typeof v === 'object' && v !== null, 'printer must be an object', {});
  const printerInterface = overrides.printer ?? pick(printerRaw.interface, isString, 'printer.interface must be text like tcp://192.168.1.50:9100', '');
  const printer: PrinterSettings | null = printerInterface
    ? {
        interface: printerInterface,
        type: pick(printerRaw.type, oneOf('epson', 'star'), 'printer.type must be "epson" or "star"', 'epson'),
        width: pick(printerRaw.width, oneOf(80, 58), 'printer.width must be 80 or 58', 80),
        encoding: pick(printerRaw.encoding, oneOf('raster', 'cp1258', 'tcvn3'), 'printer.encoding must be "raster", "cp1258" or "tcvn3"', 'raster'),
      }
    : null;

  const scannerRaw = pick(raw.scanner, (v): v is Record<string, unknown> => typeof v === 'object' && v !== null, 'scanner must be an object', {});
  const scannerPath = overrides.scanner ?? pick(scannerRaw.path, isString, 'scanner.path must be a serial port path like /dev/ttyACM0', '');
  const baudRate = pick(scannerRaw.baudRate, (v): v is number => Number.isInteger(v) && (v as number) >= 300, 'scanner.baudRate must be a whole number like 9600', 9600);

  const kioskRaw = pick(raw.kiosk, (v): v is Record<string, unknown> => typeof v === 'object' && v !== null, 'kiosk must be an object', {});
  const kiosk: KioskSettings = {
    centreName: pick(kioskRaw.centreName, isString, 'kiosk.centreName must be text', KIOSK_DEFAULTS.centreName),
    onPrinterProblem: pick(kioskRaw.onPrinterProblem, oneOf('stop', 'screen'), 'kiosk.onPrinterProblem must be "stop" or "screen"', KIOSK_DEFAULTS.onPrinterProblem),
    cameraScan: pick(kioskRaw.cameraScan, isBoolean, 'kiosk.cameraScan must be true or false', KIOSK_DEFAULTS.cameraScan),
    confirmSeconds: pick(kioskRaw.confirmSeconds, (v): v is number => Number.isInteger(v) && (v as number) >= 2 && (v as number) <= 120, 'kiosk.confirmSeconds must be 2 to 120', KIOSK_DEFAULTS.confirmSeconds),
    hotline: pick(kioskRaw.hotline, (v): v is string | null => v === null || isString(v), 'kiosk.hotline must be text', KIOSK_DEFAULTS.hotline),
  };

  return {
    dir,
    hubUrl: checkHubUrl(hubUrl),
    name: overrides.name ?? pick(raw.name, isString, 'name must be text', 'Kiosk'),
    printer,
    scanner: scannerPath ? { path: scannerPath, baudRate } : null,
    kiosk,
  };
}

export type Credentials =
  | { state: 'paired'; hubUrl: string; deviceId: number; token: string }
  | { state: 'pairing'; hubUrl: string; deviceId: number; secret: string; code: string; expiresAt: string };

/** The station's secret: written atomically, readable by its owner only. */
export class CredentialStore {
  private readonly file: string;

  constructor(dir: string) {
    this.file = join(dir, 'credentials.json');
  }

  load(hubUrl: string): Credentials | null {
    if (!existsSync(this.file)) return null;
    const value = readJson(this.file) as unknown as Credentials;
    // Credentials of another hub are no use here: pair again.
    return value.hubUrl === hubUrl && (value.state === 'paired' || value.state === 'pairing') ? value : null;
  }

  save(credentials: Credentials): void {
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }
}
