import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StationConfigError } from './config-error.js';
import { isObject, oneOf, optionalText, integer, readSettings, type Setting, type Settings } from './settings-schema.js';

/**
 * A station's configuration directory:
 *   station.json      what a technician sets: the base (hub URL, name, devices) and one section
 *                     named after the station's kind ("kiosk": {...}, "counter": {...})
 *   credentials.json  the device token once paired, or the pairing in progress (mode 0600)
 *   discovered-hub.json  the hub found on the LAN when no hub URL is set (see discovery/)
 * Defaults < station.json < command-line flags; validated at start with messages a technician can
 * act on; unknown keys are refused.
 */

const PRINTER = {
  /** tcp://HOST[:9100], /dev/usb/lp0, serial:/dev/ttyS0?baud=9600 */
  interface: optionalText('text like tcp://192.168.1.50:9100'),
  type: oneOf<'epson' | 'star'>('epson', ['epson', 'star']),
  width: oneOf<80 | 58>(80, [80, 58]),
  encoding: oneOf<'raster' | 'cp1258' | 'tcvn3'>('raster', ['raster', 'cp1258', 'tcvn3']),
};

const SCANNER = {
  path: optionalText('a serial port path like /dev/ttyACM0'),
  baudRate: integer(9600, 300, 4_000_000),
};

export type PrinterSettings = Omit<Settings<typeof PRINTER>, 'interface'> & { interface: string };
export type ScannerSettings = { path: string; baudRate: number };

/** The section of station.json that belongs to one kind of station. */
export interface StationSection<S extends Record<string, Setting<unknown>>> {
  /** Its key in station.json, the station kind: "kiosk", "counter", "display". */
  key: string;
  schema: S;
  /** The name the hub shows when station.json gives none. */
  defaultName: string;
}

export interface StationConfig<Section = unknown> {
  dir: string;
  /**
   * The hub's URL. With `hubFrom` 'lan' it is '' until the station found its hub on the LAN, and
   * set then, before the station first talks to the hub (its agents read it only after that).
   */
  hubUrl: string;
  /** 'configured': given by a flag, the environment or station.json; 'lan': none given, looked for with mDNS/DNS-SD. */
  hubFrom: 'configured' | 'lan';
  name: string;
  printer: PrinterSettings | null;
  scanner: ScannerSettings | null;
  /** The station kind's own settings (station.json's section of that kind). */
  section: Section;
}

export interface StationOverrides {
  hubUrl?: string;
  /**
   * With no hub URL given (here or in station.json), find the hub on the LAN (mDNS/DNS-SD) rather
   * than refuse to start: what the qms-station command and the Electron stations do.
   */
  discover?: boolean;
  name?: string;
  printer?: string;
  scanner?: string;
  /** Settings of the kind's section given on the command line (they win over station.json's). */
  section?: Record<string, unknown>;
}

const BASE_KEYS = ['hubUrl', 'name', 'printer', 'scanner'];

function readJson(file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isObject(value)) throw new Error('not a JSON object');
    return value;
  } catch (error) {
    throw new StationConfigError(`${file}: ${(error as Error).message}; fix or delete the file`);
  }
}

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

export function loadStationConfig<S extends Record<string, Setting<unknown>>>(dir: string, section: StationSection<S>, overrides: StationOverrides = {}): StationConfig<Settings<S>> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'station.json');
  const raw = existsSync(file) ? readJson(file) : {};
  const known = [...BASE_KEYS, section.key];
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new StationConfigError(`station.json: unknown setting ${unknown.map((k) => `"${k}"`).join(', ')} for a ${section.key} station; the settings are ${known.join(', ')}`);
  }
  const hubUrlSetting = optionalText('a URL like http://192.168.1.10:8080');
  if (raw.hubUrl !== undefined && !hubUrlSetting.check(raw.hubUrl)) throw new StationConfigError(`station.json: hubUrl must be ${hubUrlSetting.expected}`);
  if (raw.name !== undefined && (typeof raw.name !== 'string' || !raw.name.trim())) throw new StationConfigError('station.json: name must be text');
  const base = { hubUrl: raw.hubUrl as string | undefined, name: raw.name as string | undefined };
  // An empty flag or variable (QMS_HUB_URL= in a unit file) gives no URL: station.json's stands.
  const hubUrl = overrides.hubUrl || base.hubUrl;
  if (!hubUrl && !overrides.discover) throw new StationConfigError(`no hub URL: pass --hub http://HOST:PORT or set "hubUrl" in ${file}`);

  const printer = readSettings(PRINTER, raw.printer, 'printer');
  const printerInterface = overrides.printer ?? printer.interface;
  const scanner = readSettings(SCANNER, raw.scanner, 'scanner');
  const scannerPath = overrides.scanner ?? scanner.path;

  return {
    dir,
    hubUrl: hubUrl ? checkHubUrl(hubUrl) : '',
    hubFrom: hubUrl ? 'configured' : 'lan',
    name: overrides.name ?? base.name ?? section.defaultName,
    printer: printerInterface ? { ...printer, interface: printerInterface } : null,
    scanner: scannerPath ? { path: scannerPath, baudRate: scanner.baudRate } : null,
    // A flag of the command (e.g. --zone) stands for its key of the section, checked the same way.
    section: readSettings(
      section.schema,
      overrides.section ? { ...(isObject(raw[section.key]) ? (raw[section.key] as Record<string, unknown>) : {}), ...overrides.section } : raw[section.key],
      section.key,
    ),
  };
}
