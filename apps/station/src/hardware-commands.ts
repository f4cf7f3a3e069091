import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ticketPageUrl } from '@qms/core';
import { buildReceiptJob, PAPER_WIDTH_DOTS, type PrinterType, ReceiptPrinter, type ReceiptData, type TextEncoding } from '@qms/printer';
import { interpretScan, SerialScanner } from '@qms/scanner';
import { checkClipPack, type ClipPackManifest, clipFiles, composeAnnouncement, type Dialect, type Language } from '@qms/voice';
import { CliError } from './cli-error.js';
import { packageDir } from './stations.js';

function choice<T extends string>(value: string | undefined, allowed: readonly T[], name: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
}

function printerOf(spec: string | undefined): ReceiptPrinter {
  if (!spec) throw new CliError('--printer INTERFACE is required (tcp://HOST[:9100], /dev/usb/lp0 or serial:/dev/ttyS0?baud=9600)');
  try {
    return new ReceiptPrinter(spec, { timeoutMs: 3_000 });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** The sample ticket of print-test: every kind of line a real ticket has, Vietnamese included. */
function sampleTicket(text: string | undefined): ReceiptData {
  return {
    centreName: 'Bộ phận Một cửa – phiếu in thử',
    serviceName: 'Đất đai',
    serviceNameEn: 'Land (test print)',
    label: 'A001',
    priority: 'elderly',
    issuedAt: new Date().toISOString(),
    timeZone: process.env.QMS_TZ ?? 'Asia/Ho_Chi_Minh',
    ahead: 3,
    estimatedWaitSeconds: 900,
    counters: [1, 2],
    trackingUrl: ticketPageUrl('http://qms.local', 0, 'A001'),
    hotline: '1900 0000',
    note: text,
  };
}

export async function printTest(options: { printer?: string; type?: string; width?: string; encoding?: string; text?: string }): Promise<void> {
  const printer = printerOf(options.printer);
  const type = choice<PrinterType>(options.type, ['epson', 'star'], 'type', 'epson');
  const width = choice(options.width, ['80', '58'] as const, 'width', '80');
  const encoding = choice<TextEncoding>(options.encoding, ['raster', 'cp1258', 'tcvn3'], 'encoding', 'raster');
  let bytes: Buffer;
  try {
    bytes = buildReceiptJob(sampleTicket(options.text), { type, widthDots: PAPER_WIDTH_DOTS[width], encoding });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const result = await printer.print({ id: `print-test-${Date.now()}`, bytes });
  if (!result.ok) throw new CliError(`cannot print on ${printer.description}: ${result.reason}: ${result.message}`);
  process.stdout.write(`printed a sample ticket on ${printer.description} (${type}, ${width} mm, ${encoding}, ${bytes.length} bytes) in ${Math.round(result.ms)} ms\n`);
}

export async function printerStatus(options: { printer?: string }): Promise<void> {
  const printer = printerOf(options.printer);
  try {
    const status = await printer.status();
    process.stdout.write(`${JSON.stringify({ ...status, reachable: true, printer: printer.description })}\n`);
  } catch (error) {
    process.stdout.write(`${JSON.stringify({ online: false, paper: null, coverOpen: null, error: null, reachable: false, printer: printer.description, reason: (error as Error).message })}\n`);
    throw new CliError(`no status from ${printer.description}: ${(error as Error).message}`);
  }
}

export async function scan(options: { serial?: string; baud?: string; once?: boolean; idle?: string }): Promise<void> {
  if (!options.serial) throw new CliError('--serial PATH is required (the scanner port, e.g. /dev/ttyACM0)');
  const baudRate = options.baud === undefined ? 9600 : Number(options.baud);
  if (!Number.isInteger(baudRate) || baudRate < 300) throw new CliError(`--baud must be a whole number like 9600, not "${options.baud}"`);
  const scanner = new SerialScanner({
    path: options.serial,
    baudRate,
    framing: options.idle === undefined ? { type: 'line' } : { type: 'idle', timeoutMs: Number(options.idle) },
  });
  scanner.on('status', (status, detail) => process.stderr.write(`qms: scanner ${status}: ${detail}\n`));
  await new Promise<void>((resolve) => {
    scanner.on('scan', (payload) => {
      process.stdout.write(`${JSON.stringify(interpretScan(payload))}\n`);
      if (options.once) resolve();
    });
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    scanner.start();
  });
  await scanner.stop();
}

/** The shipped clip pack of a language (copied from @qms/voice into this package by the build). */
function packDir(lang: Language): string {
  return join(packageDir(), 'dist', 'voice-packs', lang);
}

/** Plays files one after the other with sox's `play`, or writes them as one file with `sox`. */
function soxRun(files: string[], output: string | undefined): Promise<void> {
  const [command, args] = output ? ['sox', [...files, output]] : ['play', ['-q', ...files]];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.once('error', (error) => reject(new CliError(`cannot run ${command} (${error.message}); install sox (apt-get install sox libsox-fmt-all), or use --dry-run`)));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new CliError(`${command} failed: ${stderr.trim() || `exit code ${code}`}`))));
  });
}

export async function say(label: string, counter: string, options: { lang?: string; dialect?: string; dryRun?: boolean; output?: string; tu?: boolean; pack?: string }): Promise<void> {
  const lang = choice<Language>(options.lang, ['vi', 'en'], 'lang', 'vi');
  const dialect = choice<Dialect>(options.dialect, ['north', 'south'], 'dialect', 'north');
  const counterNumber = Number(counter);
  let announcement: ReturnType<typeof composeAnnouncement>;
  try {
    announcement = composeAnnouncement(label, counterNumber, { lang, dialect, useTu: options.tu ?? false });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  process.stdout.write(`${announcement.sentence}\n${announcement.clips.join(' ')}\n`);
  if (options.dryRun) return;
  const dir = options.pack ? resolve(options.pack) : packDir(lang);
  let manifest: ClipPackManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ClipPackManifest;
  } catch (error) {
    throw new CliError(`cannot read the clip pack manifest in ${dir}: ${(error as Error).message}`);
  }
  const problems = checkClipPack(manifest);
  if (problems.length > 0) throw new CliError(`the clip pack in ${dir} is incomplete: ${problems.join('; ')}`);
  if (manifest.lang !== lang) throw new CliError(`the clip pack in ${dir} is for "${manifest.lang}", not "${lang}" (use --lang ${manifest.lang})`);
  await soxRun(
    clipFiles(manifest, announcement.clips).map((file) => join(dir, file)),
    options.output,
  );
}
