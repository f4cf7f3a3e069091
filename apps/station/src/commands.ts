import { type Command, Option } from 'commander';
import { STATION_KINDS } from './stations.js';

/** A command's action that loads its module when it runs, so `--help` loads no device driver or server. */
export function lazy<M extends Record<K, (...args: never[]) => Promise<void>>, K extends keyof M>(load: () => Promise<M>, name: K) {
  return async (...args: Parameters<M[K]>): Promise<void> => (await load())[name](...args);
}
const printTest = lazy(() => import('./hardware-commands.js'), 'printTest');
const printerStatus = lazy(() => import('./hardware-commands.js'), 'printerStatus');
const scan = lazy(() => import('./hardware-commands.js'), 'scan');
const say = lazy(() => import('./hardware-commands.js'), 'say');
const sign = lazy(() => import('./signage-commands.js'), 'signCommand');
const keypad = lazy(() => import('./signage-commands.js'), 'keypadCommand');
const station = lazy(() => import('./station-command.js'), 'stationCommand');

/**
 * `KIND [flags]` for each kind of station: its agent on its own beside Chromium in kiosk mode.
 * Added to `qms-station` at the top, and to `qms station` on the hub machine.
 */
export function addStationKinds(parent: Command): void {
  for (const [kind, entry] of Object.entries(STATION_KINDS)) {
    const command = parent
      .command(kind)
      .description(`${entry.what}: serves its screen at http://127.0.0.1:PORT/, prints "pairing code: CODE" until approved`)
      .option('--hub <url>', 'the hub, http://HOST:PORT (default: hubUrl in station.json, or $QMS_HUB_URL; none: found on the LAN by mDNS/DNS-SD, _qms._tcp)')
      .option('--port <port>', `port of the ${kind} screen on this machine`, String(entry.port))
      .option('--host <host>', `address of the ${kind} screen (loopback: only this machine)`, '127.0.0.1')
      .option('--printer <interface>', 'receipt printer: tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600')
      .option('--scanner <path>', 'serial QR scanner for CCCD cards, e.g. /dev/ttyACM0')
      .option('--config <dir>', "the station's folder: station.json and its credentials (default: $QMS_STATION_DIR or ./station)")
      .option('--name <name>', 'the name the hub shows for this station');
    for (const flag of entry.flags ?? []) command.option(flag.flags, flag.description);
    command.action((flags) => station(kind, flags));
  }
}

/** The technician's device tests: printer, scanner, voice, LED sign and caller keypad. */
export function addDeviceCommands(program: Command): void {
  program
    .command('print-test')
    .description('print a sample ticket; exit 0 once the printer took it, else non-zero with the reason')
    .requiredOption('--printer <interface>', 'tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600')
    .addOption(new Option('--type <type>', 'command set').choices(['epson', 'star']).default('epson'))
    .addOption(new Option('--width <mm>', 'paper width').choices(['80', '58']).default('80'))
    .addOption(new Option('--encoding <encoding>', "Vietnamese as a raster image, or the printer's code page").choices(['raster', 'cp1258', 'tcvn3']).default('raster'))
    .option('--text <text>', 'a line to print on the sample ticket')
    .action(printTest);
  program
    .command('printer-status')
    .description('one JSON line: {"online", "paper": "ok"|"near_end"|"out", "coverOpen", ...}')
    .requiredOption('--printer <interface>', 'tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600')
    .action(printerStatus);
  program
    .command('scan')
    .description('one JSON line per scan: a CCCD ("kind":"cccd"), a malformed CCCD ("kind":"invalid"), or "kind":"text"')
    .requiredOption('--serial <path>', 'the scanner serial port, e.g. /dev/ttyACM0')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--idle <ms>', 'scanner without a suffix: a code ends after this pause')
    .option('--once', 'exit after the first scan')
    .action(scan);
  program
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
  program
    .command('sign')
    .description("show a label on a counter's LED sign over the RS-485 signage bus; exit 0 once the sign acknowledged")
    .requiredOption('--serial <path>', 'the signage bus adapter, e.g. /dev/ttyUSB0')
    .requiredOption('--address <n>', "the sign's address on the bus (1 to 254)")
    .option('--text <label>', 'up to 8 plain characters, e.g. A105')
    .option('--clear', 'blank the sign')
    .option('--baud <n>', 'baud rate', '9600')
    .action(sign);
  program
    .command('keypad')
    .description('one JSON line per key pressed on a caller keypad of the signage bus: {"address":3,"key":"next"}')
    .requiredOption('--serial <path>', 'the signage bus adapter, e.g. /dev/ttyUSB0')
    .option('--baud <n>', 'baud rate', '9600')
    .option('--once', 'exit after the first key')
    .action(keypad);
}
