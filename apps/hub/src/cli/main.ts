import { Command, Option } from 'commander';
import { isDomainError, ROLES } from '@qms/core';
import { addDeviceCommands, addStationKinds, lazy, runProgram } from '@qms/station-cli';
import { ApiError } from '../api-error.js';
import { ConfigError } from '../config.js';
import { HubRunningError } from '../hub-lock.js';
import { HUB_VERSION } from '../version.js';

// Each command loads its own modules when it runs, so `qms --help` does not load the server.
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
const migrateCommand = lazy(() => import('./upgrade-commands.js'), 'migrateCommand');
const rollbackCommand = lazy(() => import('./upgrade-commands.js'), 'rollbackCommand');
const proceduresImport = lazy(() => import('./procedure-commands.js'), 'proceduresImport');
const historyGenerate = lazy(() => import('./history-commands.js'), 'historyGenerate');
const monitorCommand = lazy(() => import('./monitor-command.js'), 'monitorCommand');

const DATA_HELP = 'data directory of the hub (default: $QMS_DATA_DIR or ./data)';

function program(): Command {
  const qms = new Command('qms').description('Queue-management hub and the technician commands that go with it').version(HUB_VERSION).showHelpAfterError('(run with --help for usage)').exitOverride();

  qms
    .command('hub')
    .description('start the hub (prints "listening on http://HOST:PORT" when ready)')
    .option('--port <port>', 'TCP port (default: $QMS_PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: $QMS_HOST or 0.0.0.0)')
    .option('--data <dir>', DATA_HELP)
    .option('--tz <zone>', 'time zone of the business day (default: $QMS_TZ or Asia/Ho_Chi_Minh)')
    .option('--demo', 'seed the demo centre into an empty database (also $QMS_DEMO=1)')
    .option('--no-mdns', 'do not announce the hub on the LAN with mDNS/DNS-SD (_qms._tcp), by which stations without a hub URL find it (also $QMS_MDNS=0)')
    .action(hubCommand);

  const devices = qms.command('devices').description('paired stations: list, approve, revoke (on the hub machine, hub running or not)');
  devices.command('list').description('list stations, pending ones with their pairing code').option('--data <dir>', DATA_HELP).option('--json', 'one JSON object per line').action(devicesList);
  devices
    .command('approve')
    .description('approve the station that shows CODE on its screen')
    .argument('<code>', 'the pairing code shown by the station')
    .option('--counter <number>', 'tie a counter station, or a rating pad (required for one), to this counter number')
    .option('--name <name>', 'rename the station')
    .option('--zone <numbers>', "a display: the counters whose calls it shows, e.g. 1,2,3 (used when the display's station.json and --zone set none)")
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

  qms.command('backup').description('copy the live database to FILE (safe while the hub runs)').argument('<file>').option('--data <dir>', DATA_HELP).action(backupCommand);
  qms
    .command('restore')
    .description('replace the database with the backup FILE (stop the hub first); the current one is kept beside it')
    .argument('<file>')
    .option('--data <dir>', DATA_HELP)
    .action(restoreCommand);
  qms
    .command('migrate')
    .description("bring the database to this version's schema, all or nothing (stop the hub first); install.sh runs it on an upgrade")
    .option('--data <dir>', DATA_HELP)
    .action(migrateCommand);
  qms
    .command('rollback')
    .description('undo the last upgrade made by install.sh: the previous version becomes current again, with the database backed up just before the upgrade (stop the hub first)')
    .option('--data <dir>', DATA_HELP)
    .action(rollbackCommand);

  const procedures = qms.command('procedures').description('the catalogue of administrative procedures the kiosks list (on the hub machine, hub running or not)');
  procedures
    .command('import')
    .description(
      'import a catalogue file, all or nothing: every problem is printed (row, column, reason) and nothing is imported if there is one; ' +
        'procedures are added or updated by code. CSV (UTF-8) header: code,name,nameEn,field,processingDays,fee,feeAmount,documents,applicants,level,portalUrl,active ' +
        '(field = a service code such as ho-tich; documents = "name|originals|copies" items separated by ";"); JSON: an array of objects with the same keys',
    )
    .argument('<file>', 'the .csv or .json file')
    .option('--replace', 'also remove the procedures whose code is not in the file')
    .addOption(new Option('--format <format>', 'the file format (default: from the file name, .json or else csv)').choices(['csv', 'json']))
    .option('--data <dir>', DATA_HELP)
    .action(proceduresImport);

  qms
    .command('monitor')
    .description("the floor monitor in the terminal: waiting per field, the longest wait, each counter, tickets per hour, alarms (read from the hub's database, hub running or not)")
    .option('--once', 'print one frame and exit')
    .option('--interval <seconds>', 'seconds between frames (default 2)')
    .option('--data <dir>', DATA_HELP)
    .action(monitorCommand);

  const history = qms.command('history').description("synthetic ticket history for the reports' tests and benchmarks (on a stopped hub's data folder)");
  history
    .command('generate')
    .description(
      'fill the data folder with DAYS days of synthetic tickets ending yesterday (realistic arrivals by weekday and hour, fields, priorities, ' +
        'waits from a simulation of the counters, no-shows, ratings) on its fields and counters, and roll the days up for the reports',
    )
    .requiredOption('--days <days>', 'how many days, 1 to 3660')
    .requiredOption('--per-day <tickets>', 'tickets on an ordinary weekday (Monday has more, Saturday a morning, Sunday none)')
    .option('--seed <seed>', 'the same seed gives the same history (default 1)')
    .option('--data <dir>', DATA_HELP)
    .action(historyGenerate);

  // The station device's commands (qms-station), here too so that every documented command line runs on the hub machine.
  addDeviceCommands(qms);
  addStationKinds(qms.command('station').description("run a station's agent on its own, beside Chromium in kiosk mode (as qms-station KIND does on a station device)"));

  return qms;
}

/** Runs the qms command line; returns the exit code. */
export function main(argv: string[]): Promise<number> {
  return runProgram(program(), argv, 'qms', (error) => error instanceof ConfigError || error instanceof HubRunningError || error instanceof ApiError || isDomainError(error));
}
