import { resolve } from 'node:path';
import { loadStationConfig, serveStation, StationConfigError } from '@qms/station';
import { CliError } from './cli-error.js';
import { createLogger } from './logger.js';
import { STATION_KINDS, stationRendererDir } from './stations.js';

export interface StationFlags extends Record<string, string | undefined> {
  hub?: string;
  port?: string;
  host?: string;
  printer?: string;
  scanner?: string;
  config?: string;
  name?: string;
}

function portOf(value: string | undefined, fallback: number): number {
  const port = Number(value ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port must be a TCP port number (0 to 65535), not "${value}"`);
  return port;
}

/**
 * qms-station KIND: a station's agent on its own, serving its screen to Chromium in kiosk mode.
 * Prints the screen's URL, and `pairing code: CODE` while it waits for a technician.
 */
export async function stationCommand(kind: string, flags: StationFlags): Promise<void> {
  const entry = STATION_KINDS[kind];
  if (!entry) throw new CliError(`no station kind "${kind}"; the kinds are ${Object.keys(STATION_KINDS).join(', ')}`);
  const app = await entry.load();
  const dir = resolve(flags.config ?? process.env.QMS_STATION_DIR ?? 'station');
  let config;
  try {
    // The kind's own flags (the display's --zone) set keys of its section.
    const given = (entry.flags ?? []).flatMap((flag) => {
      const value = flags[flag.key];
      return value === undefined ? [] : [[flag.key, flag.parse(value)] as const];
    });
    const section = given.length > 0 ? Object.fromEntries(given) : undefined;
    config = loadStationConfig(dir, app.section, { hubUrl: flags.hub ?? process.env.QMS_HUB_URL, discover: true, name: flags.name, printer: flags.printer, scanner: flags.scanner, section });
  } catch (error) {
    if (error instanceof StationConfigError) throw new CliError(error.message);
    throw error;
  }
  const logger = createLogger(process.env.QMS_LOG_LEVEL ?? 'info').child({ station: kind });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const port = portOf(flags.port, entry.port);
  let served;
  try {
    served = await serveStation(app, {
      config,
      rendererDir: stationRendererDir(kind),
      port,
      host: flags.host,
      log: (level, message) => logger[level](message),
      onPairingCode: (code) => {
        print(`pairing code: ${code}`);
        print(`  approve it on the hub machine with: qms devices approve ${code}`);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`port ${port} is taken; choose another with --port`);
    throw new CliError((error as Error).message);
  }
  const { station, url } = served;
  print(`${kind} screen: ${url} (open it in Chromium: chromium --kiosk ${url})`);
  if (flags.host && !['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
    logger.warn(`the ${kind} screen and its bridge are reachable from other machines on ${flags.host}: anyone who can reach it can act as this station`);
  }
  const hub = config.hubFrom === 'lan' ? 'none set, looking for it on the LAN (mDNS _qms._tcp)' : config.hubUrl;
  const printFound = (found: { name: string; url: string }) => print(`found the hub ${found.name} at ${found.url} (kept in ${dir}/discovered-hub.json)`);
  if (station.discoveredHub) printFound(station.discoveredHub);
  else station.on('hubFound', printFound);
  print(`hub: ${hub}; printer: ${config.printer?.interface ?? 'none'}; scanner: ${config.scanner?.path ?? 'none'}; config: ${dir}`);
  let connected = false;
  station.link.on('change', () => {
    const ready = station.link.phase === 'ready';
    if (ready && !connected) print(`connected to the hub as device ${station.link.deviceId ?? '?'}`);
    connected = ready;
  });
  await new Promise<void>((done) => {
    const stop = () => {
      // Stopping must not hang on a device or an idle connection: at most two seconds.
      setTimeout(() => process.exit(0), 2_000).unref();
      void served.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
