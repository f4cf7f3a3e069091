import { Command, CommanderError, Option } from 'commander';
import { isDomainError, ROLES } from '@qms/core';
import { ApiError } from '../api-error.js';
import { ConfigError } from '../config.js';
import { HubRunningError } from '../hub-lock.js';
import { HUB_VERSION } from '../version.js';
import { CliError } from './cli-error.js';

// Each command loads its own modules when it runs, so `qms --help` does not load the server.
function lazy<M extends Record<K, (...args: never[]) => Promise<void>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return async (...args: Parameters<M[K]>): Promise<void> => (await load())[name](...args);
}
const hubCommand = lazy(() => import('./hub-command.js'), 'hubCommand');
const devicesList = lazy(() => import('./device-commands.js'), 'devicesList');
const devicesApprove = lazy(() => import('./device-commands.js'), 'devicesApprove');
const devicesRevoke = lazy(() => import('./device-commands.js'), 'devicesRevoke');
const devicesAlerts = lazy(() => import('./device-commands.js'), 'devicesAlerts');
const usersAdd = lazy(() => import('./user-commands.js'), 'usersAdd');
const usersPasswd = lazy(() => import('./user-commands.js'), 'usersPasswd');
const usersList = lazy(() => import('./user-commands.js'), 'usersList');
const usersPin = lazy(() => import('./user-commands.js'), 'usersPin');
const backupCommand = lazy(() => import('./backup-commands.js'), 'backupCommand');
const restoreCommand = lazy(() => import('./backup-commands.js'), 'restoreCommand');
const printTest = lazy(() => import('./hardware-commands.js'), 'printTest');
const printerStatus = lazy(() => import('./hardware-commands.js'), 'printerStatus');
const scan = lazy(() => import('./hardware-commands.js'), 'scan');
const say = lazy(() => import('./hardware-commands.js'), 'say');
const kioskCommand = lazy(() => import('./station-command.js'), 'kioskCommand');

const DATA_HELP = 'data directory of the hub (default: $QMS_DATA_DIR or ./data)';

function program(): Command {
  const qms = new Command('qms')
    .description('Queue-management hub and the technician commands that go with it')
    .version(HUB_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  qms
    .command('hub')
    .description('start the hub (prints "listening on http://HOST:PORT" when ready)')
    .option('--port <port>', 'TCP port (default: $QMS_PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: $QMS_HOST or 0.0.0.0)')
    .option('--data <dir>', DATA_HELP)
    .option('--tz <zone>', 'time zone of the business day (default: $QMS_TZ or Asia/Ho_Chi_Minh)')
    .option('--demo', 'seed the demo centre into an empty database (also $QMS_DEMO=1)')
    .action(hubCommand);

  const devices = qms.command('devices').description('paired stations: list, approve, revoke (on the hub machine, hub running or not)');
  devices.command('list').description('list stations, pending ones with their pairing code').option('--data <dir>', DATA_HELP).option('--json', 'one JSON object per line').action(devicesList);
  devices
    .command('approve')
    .description('approve the station that shows CODE on its screen')
    .argument('<code>', 'the pairing code shown by the station')
    .option('--counter <number>', 'tie a counter station to this counter number')
    .option('--name <name>', 'rename the station')
    .option('--data <dir>', DATA_HELP)
    .action(devicesApprove);
  devices
    .command('alerts')
    .description('hardware problems reported by stations (printer out of paper, ...): active ones')
    .option('--all', 'the cleared ones too')
    .option('--json', 'one JSON object per line')
    .option('--data <dir>', DATA_HELP)
    .action(devicesAlerts);
  devices.command('revoke').description('revoke a station: its token stops working at once').argument('<id>', 'device id (see devices list)').option('--data <dir>', DATA_HELP).action(devicesRevoke);

  const users = qms.command('users').description('user accounts (on the hub machine, hub running or not)');
  users
    .command('add')
    .description('add a user; the password is asked for (or read from the first line of stdin)')
    .argument('<username>')
    .addOption(new Option('--role <role>', 'role').choices(ROLES).makeOptionMandatory())
    .option('--name <displayName>', 'full name shown in the apps')
    .option('--data <dir>', DATA_HELP)
    .action(usersAdd);
  users
    .command('passwd')
    .description("set a user's password (asked for, or read from stdin); signs the user out everywhere")
    .argument('<username>')
    .option('--data <dir>', DATA_HELP)
    .action(usersPasswd);
  users
    .command('pin')
    .description("set a clerk's PIN for counter stations, 4 to 8 digits (asked for, or read from stdin)")
    .argument('<username>')
    .option('--clear', 'remove the PIN')
    .option('--data <dir>', DATA_HELP)
    .action(usersPin);
  users.command('list').description('list user accounts').option('--data <dir>', DATA_HELP).action(usersList);

  qms
    .command('backup')
    .description('copy the live database to FILE (safe while the hub runs)')
    .argument('<file>')
    .option('--data <dir>', DATA_HELP)
    .action(backupCommand);
  qms
    .command('restore')
    .description('replace the database with the backup FILE (stop the hub first); the current one is kept beside it')
    .argument('<file>')
    .option('--data <dir>', DATA_HELP)
    .action(restoreCommand);

  qms
    .command('print-test')
    .description('print a sample ticket; exit 0 once the printer took it, else non-zero with the reason')
    .requiredOption('--printer <interface>', 'tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600')
    .addOption(new Option('--type <type>', 'command set').choices(['epson', 'star']).default('epson'))
    .addOption(new Option('--width <mm>', 'paper width').choices(['80', '58']).default('80'))
    .addOption(new Option('--encoding <encoding>', 'Vietnamese as a raster image, or the printer\'s code page').choices(['raster', 'cp1258', 'tcvn3']).default('raster'))
    .option('--text <text>', 'a line to print on the sample ticket')
    .action(printTest);
  qms
    .command('printer-status')
    .description('one JSON line: {"online", "paper": "ok"|"near_end"|"out", "coverOpen", ...}')
    .requiredOption('--printer <interface>', 'tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600')
    .action(printerStatus);
  qms
    .command('scan')
    .description('one JSON line per scan: a CCCD ("kind":"cccd"), a malformed CCCD ("kind":"invalid"), or "kind":"text"')
    .requiredOption('--serial <path>', 'the scanner serial port, e.g. /dev/ttyACM0')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--idle <ms>', 'scanner without a suffix: a code ends after this pause')
    .option('--once', 'exit after the first scan')
    .action(scan);
  qms
    .command('say')
    .description('line 1: the sentence; line 2: the clip names; without --dry-run it also plays it (sox)')
    .argument('<label>', 'ticket label, e.g. A023')
    .argument('<counter>', 'counter number')
    .addOption(new Option('--lang <lang>').choices(['vi', 'en']).default('vi'))
    .addOption(new Option('--dialect <dialect>', 'linh/nghìn (north) or lẻ/ngàn (south)').choices(['north', 'south']).default('north'))
    .option('--tu', 'read a final 4 after tens as "tư"')
    .option('--dry-run', 'print only, play nothing')
    .option('--output <file>', 'write the announcement to an audio file (e.g. call.wav) instead of the speakers')
    .option('--pack <dir>', "a centre's own clip pack (a folder with manifest.json) instead of the shipped one")
    .action(say);

  const station = qms.command('station').description("run a station's agent on its own, beside Chromium in kiosk mode (small devices, tests)");
  station
    .command('kiosk')
    .description('the ticket kiosk: serves its screen at http://127.0.0.1:PORT/, prints "pairing code: CODE" until approved')
    .option('--hub <url>', 'the hub, http://HOST:PORT (default: hubUrl in station.json, or $QMS_HUB_URL)')
    .option('--port <port>', 'port of the kiosk screen on this machine', '8090')
    .option('--host <host>', 'address of the kiosk screen (loopback: only this machine)', '127.0.0.1')
    .option('--printer <interface>', 'receipt printer: tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600')
    .option('--scanner <path>', 'serial QR scanner for CCCD cards, e.g. /dev/ttyACM0')
    .option('--config <dir>', "the station's folder: station.json and its credentials (default: $QMS_STATION_DIR or ./station)")
    .option('--name <name>', 'the name the hub shows for this station')
    .action(kioskCommand);

  return qms;
}

/** Runs the qms command line; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const qms = program();
  try {
    await qms.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; usage mistakes were already printed by commander.
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    if (error instanceof CliError || error instanceof ConfigError || error instanceof HubRunningError || error instanceof ApiError || isDomainError(error)) {
      process.stderr.write(`qms: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`qms: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
