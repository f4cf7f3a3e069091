import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { loadStationConfig, StationConfigError, startKioskStation } from '@qms/station';
import { createLogger } from '../logger.js';
import { CliError } from './cli-error.js';

export interface KioskFlags {
  hub?: string;
  port?: string;
  host?: string;
  printer?: string;
  scanner?: string;
  config?: string;
  name?: string;
}

/** Where the kiosk screen was built (apps/kiosk/dist/renderer), found through its package. */
export function kioskRendererDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('@qms/kiosk/package.json')), 'dist/renderer');
}

function portOf(value: string | undefined): number {
  const port = Number(value ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new CliError(`--port must be a TCP port number (0 to 65535), not "${value}"`);
  return port;
}

/**
 * qms station kiosk: the kiosk's agent on its own, serving the kiosk screen to Chromium in kiosk
 * mode. Prints the screen's URL, and `pairing code: CODE` while it waits for a technician.
 */
export async function kioskCommand(flags: KioskFlags): Promise<void> {
  const dir = resolve(flags.config ?? process.env.QMS_STATION_DIR ?? 'station');
  let config;
  try {
    config = loadStationConfig(dir, { hubUrl: flags.hub ?? process.env.QMS_HUB_URL, name: flags.name, printer: flags.printer, scanner: flags.scanner });
  } catch (error) {
    if (error instanceof StationConfigError) throw new CliError(error.message);
    throw error;
  }
  const logger = createLogger(process.env.QMS_LOG_LEVEL ?? 'info').child({ station: 'kiosk' });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let station;
  try {
    station = await startKioskStation({
      config,
      rendererDir: kioskRendererDir(),
      port: portOf(flags.port),
      host: flags.host,
      log: (level, message) => logger[level](message),
      onPairingCode: (code) => {
        print(`pairing code: ${code}`);
        print(`  approve it on the hub machine with: qms devices approve ${code}`);
      },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CliError(`port ${flags.port ?? 8090} is taken; choose another with --port`);
    throw new CliError((error as Error).message);
  }
  print(`kiosk screen: ${station.url} (open it in Chromium: chromium --kiosk ${station.url})`);
  if (flags.host && !['127.0.0.1', 'localhost', '::1'].includes(flags.host)) {
    logger.warn(`the kiosk screen and its bridge are reachable from other machines on ${flags.host}: anyone who can reach it can take numbers as this kiosk`);
  }
  print(`hub: ${config.hubUrl}; printer: ${config.printer?.interface ?? 'none'}; scanner: ${config.scanner?.path ?? 'none'}; config: ${dir}`);
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
      void station.close().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
