import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { VirtualPrinter, VirtualSignageBus } from '@qms/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/hub-process.js';
import { openSerialPair, type SerialPair } from '../support/serial-pair.js';
import { type CommandResult, runCommand } from '../support/station-command.js';
import { tempDir } from '../support/temp-dir.js';

const STATION_PACKAGE = join(REPO_ROOT, 'apps', 'station');
const INSTALL_TIMEOUT_MS = 180_000;

/**
 * The environment of a station device: this machine's, without anything that leads back to the
 * repository (its node_modules/.bin on PATH, NODE_PATH, NODE_OPTIONS) and without the npm_*
 * variables an outer npm sets for its scripts (npm_config_local_prefix would point npm at the
 * repository). npm's cache, registry and certificates are kept: CI has just filled the cache.
 */
function deviceEnv(): NodeJS.ProcessEnv {
  const keep = new Set([
    'npm_config_cache',
    'npm_config_registry',
    'npm_config_userconfig',
    'npm_config_globalconfig',
    'npm_config_cafile',
    'npm_config_proxy',
    'npm_config_https_proxy',
    'npm_config_noproxy',
    'npm_config_strict_ssl',
  ]);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !keep.has(key.toLowerCase())) continue;
    if (['NODE_PATH', 'NODE_OPTIONS', 'INIT_CWD'].includes(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((entry) => entry !== '' && !entry.includes('node_modules') && !entry.startsWith(REPO_ROOT))
    .join(delimiter);
  env.QMS_LOG_LEVEL = 'warn';
  return env;
}

/** Every folder named `name` anywhere under node_modules (nested node_modules too). */
function foldersNamed(root: string, name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const path = join(dir, entry.name);
      if (entry.name === name) found.push(path);
      walk(path);
    }
  };
  walk(root);
  return found;
}

const tail = (text: string) => text.trim().split('\n').slice(-15).join('\n');

/**
 * A station device installs only the station side: the packed @qms/station-cli (what `npm pack`
 * ships: bin and dist) installed into an empty folder brings no SQLite, no hub and no Fastify, and
 * its qms-station command works there on its own (the glyph atlas and the fonts for receipts,
 * the shipped voice packs, the serial port driver), far from the repository's node_modules.
 */
describe('a station device installs only the station side', () => {
  const dir = tempDir('qms-station-install-');
  const device = join(dir.path, 'device');
  const env = deviceEnv();
  const qmsStation = (args: string[], timeoutMs = 30_000): Promise<CommandResult> => runCommand(join(device, 'node_modules', '.bin', 'qms-station'), args, { cwd: device, env, timeoutMs });
  let printer: VirtualPrinter | undefined;
  let pair: SerialPair | undefined;
  let signs: VirtualSignageBus | undefined;

  beforeAll(async () => {
    // The install must not be able to walk up into the repository's node_modules.
    expect(relative(REPO_ROOT, dir.path).startsWith('..'), `the temp folder ${dir.path} is inside the repository`).toBe(true);
    const packed = await runCommand('npm', ['pack', '--json', '--pack-destination', dir.path], { cwd: STATION_PACKAGE, env, timeoutMs: 60_000 });
    if (packed.status !== 0) throw new Error(`npm pack of apps/station failed (exit ${packed.status}):\n${tail(packed.stderr)}`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    const tarball = join(dir.path, filename);
    expect(existsSync(tarball), `npm pack wrote no ${tarball}`).toBe(true);

    mkdirSync(device);
    writeFileSync(join(device, 'package.json'), `${JSON.stringify({ name: 'station-device', version: '1.0.0', private: true }, null, 2)}\n`);
    // --loglevel http: when the registry cannot be reached, the failed fetches are what the error shows.
    const installed = await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel', 'http', tarball], {
      cwd: device,
      env,
      timeoutMs: INSTALL_TIMEOUT_MS,
    });
    if (installed.status !== 0) {
      const outcome = installed.status === null ? `did not finish within ${INSTALL_TIMEOUT_MS / 1000} s` : `failed (exit ${installed.status})`;
      throw new Error(
        `npm install of the packed qms-station ${outcome}. It takes the station's npm dependencies from npm's cache (filled by npm ci) or from the registry; npm said:\n` +
          `${tail(installed.stderr)}\n${tail(installed.stdout)}`,
      );
    }
  }, INSTALL_TIMEOUT_MS + 60_000);

  afterEach(async () => {
    await printer?.close();
    printer = undefined;
    await signs?.close();
    signs = undefined;
    await pair?.close();
    pair = undefined;
  });

  afterAll(() => dir.cleanup());

  it('installs qms-station with no SQLite, no hub and no Fastify', async () => {
    const modules = join(device, 'node_modules');
    expect(existsSync(join(modules, '@qms', 'station-cli', 'dist', 'qms-station.mjs'))).toBe(true);
    expect(readdirSync(join(modules, '@qms'))).toEqual(['station-cli']);
    expect(foldersNamed(modules, 'better-sqlite3')).toEqual([]);
    expect(foldersNamed(modules, 'fastify')).toEqual([]);
    expect(foldersNamed(modules, 'hub').filter((path) => path.endsWith(join('@qms', 'hub')))).toEqual([]);

    // npm's own view of the tree: better-sqlite3 nowhere in it (npm ls exits 1 when nothing matches).
    const ls = await runCommand('npm', ['ls', 'better-sqlite3', '--all', '--json'], { cwd: device, env });
    const tree = JSON.parse(ls.stdout) as { name: string; dependencies?: Record<string, unknown> };
    expect(tree.name).toBe('station-device');
    expect(tree.dependencies ?? {}).toEqual({});
    expect(ls.stdout).not.toMatch(/better-sqlite3/);
    const all = await runCommand('npm', ['ls', '--all', '--parseable'], { cwd: device, env });
    expect(all.status, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/node_modules\/@qms\/station-cli$/m);
    expect(all.stdout).not.toMatch(/better-sqlite3|fastify|@qms\/hub|@qms\/db/);
  });

  it('qms-station --version and kiosk --help work from the installed folder', async () => {
    const version = await qmsStation(['--version']);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout).toBe('0.1.0\n');
    const help = await qmsStation(['kiosk', '--help']);
    expect(help.status, help.stderr).toBe(0);
    for (const flag of ['--hub <url>', '--port <port>', '--printer <interface>', '--scanner <path>', '--config <dir>', '--name <name>']) expect(help.stdout).toContain(flag);
  });

  it('print-test prints a receipt on the (virtual) printer: the glyph atlas and the fonts come from the installed tree', async () => {
    printer = new VirtualPrinter();
    const port = await printer.listen(0);
    const result = await qmsStation(['print-test', '--printer', `tcp://127.0.0.1:${port}`, '--text', 'Xin chào Việt Nam']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^printed a sample ticket on tcp://127\\.0\\.0\\.1:${port} \\(epson, 80 mm, raster, \\d+ bytes\\)`));
    expect(printer.receipts).toHaveLength(1);
    expect(printer.receipts[0]!.qr).toEqual(['http://qms.local/t/0-A001']);
    // Raster printing: the Vietnamese lines were drawn (with the installed fonts) into images.
    expect(printer.receipts[0]!.images.length).toBeGreaterThan(0);
  });

  it('say reads the call in Vietnamese, and plays it from the shipped voice packs', async () => {
    const dry = await qmsStation(['say', 'A12', '3', '--dry-run']);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toBe('Xin mời công dân có số thứ tự A mười hai đến quầy số ba\nmoi_cong_dan letter_a muoi_huyen hai den_quay_so ba\n');
    // --dry-run reads no clip: writing the call to a file is what finds the packs in the installed tree.
    const output = join(dir.path, 'call.wav');
    const played = await qmsStation(['say', 'A12', '3', '--output', output]);
    expect(played.status, played.stderr).toBe(0);
    expect(played.stderr).not.toMatch(/clip pack/);
    expect(existsSync(output), `no ${output}: ${played.stderr}`).toBe(true);
    expect(statSync(output).size).toBeGreaterThan(10_000);
  });

  it('sign drives an LED sign through the installed serial port driver', async () => {
    pair = await openSerialPair(join(dir.path, 'bus'), join(dir.path, 'signs'));
    signs = new VirtualSignageBus(pair.b, { displays: [3] });
    await signs.ready();
    const result = await qmsStation(['sign', '--serial', pair.a, '--address', '3', '--text', 'A105']);
    expect(result.status, result.stderr).toBe(0);
    expect(signs.displays.get(3)?.text).toBe('A105');
  });
});
