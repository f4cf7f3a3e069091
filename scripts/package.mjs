// npm run package: the self-contained bundles a centre is installed from (issue 14), under dist/:
//   dist/qms-hub-VERSION-linux-x64.tar.gz      the hub: Node 24, the built hub, its npm packages
//                                              (better-sqlite3 built for Node 24), bin/qms
//   dist/qms-station-VERSION-linux-x64.tar.gz  a station device: Node 24, qms-station and its
//                                              packages; no better-sqlite3, no hub code
// each with install.sh, uninstall.sh, the systemd unit templates and VERSION. See packaging/.
//
//   node scripts/package.mjs [--version V] [--out DIR] [--skip-build] [--only hub|station] [--gzip-level 1-9]
//
// --version: the bundles' version (default: the root package.json's); --out: where the tarballs go
// (default dist/); --skip-build: use apps/*/dist as they are; --gzip-level: 6 by default, 1 is
// twice as fast for about 7% more (the tests use it). Node 24 and the Node 24 build of
// better-sqlite3 are cached in .cache/ (git-ignored): only the first run downloads and compiles.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundlePathOf, dependencyClosure, NPM_COMPILED_IN, runtimeSpecifiers } from '../packaging/lib/dependency-closure.mjs';
import { NODE_VERSION, nodeRuntime } from '../packaging/lib/node-runtime.mjs';
import { sqliteBindingFor } from '../packaging/lib/sqlite-for-node24.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CACHE = join(ROOT, '.cache');
const log = (line) => process.stdout.write(`package: ${line}\n`);

/** Packages a bundle never loads at run time: better-sqlite3's downloader of prebuilt binaries (it is built here), headers for building serialport. */
const BUILD_TIME_ONLY = new Set(['prebuild-install', 'node-addon-api']);

/**
 * What of our own workspaces a bundle holds, beside the built code: each is a folder under
 * lib/node_modules/@qms/ with a plain package.json (no dependencies: nothing there is installed)
 * and only the files the code reads at run time (found through require.resolve of PKG/package.json).
 */
const WORKSPACES = {
  hub: [
    { dir: 'apps/hub', name: '@qms/hub', files: ['bin', 'dist', 'src/demo/procedures-sample.csv'], bin: { qms: './bin/qms.js' } },
    { dir: 'packages/db', name: '@qms/db', files: ['migrations'] },
    // `qms station KIND` on the hub machine serves the station screens from here.
    { dir: 'apps/station', name: '@qms/station-cli', files: ['dist'] },
  ],
  station: [{ dir: 'apps/station', name: '@qms/station-cli', files: ['bin', 'dist'], bin: { 'qms-station': './bin/qms-station.js' } }],
};

function main() {
  const { values } = parseArgs({
    options: { version: { type: 'string' }, out: { type: 'string' }, 'skip-build': { type: 'boolean' }, only: { type: 'string' }, 'gzip-level': { type: 'string' } },
    strict: true,
  });
  const version = values.version ?? JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`--version must look like 1.2.3 or 1.2.3-rc.1, not "${version}"`);
  const out = resolve(values.out ?? join(ROOT, 'dist'));
  const gzipLevel = values['gzip-level'] ?? '6';
  if (!/^[1-9]$/.test(gzipLevel)) throw new Error(`--gzip-level must be a digit from 1 to 9, not "${gzipLevel}"`);
  const kinds = values.only ? [values.only] : ['hub', 'station'];
  for (const kind of kinds) if (!(kind in WORKSPACES)) throw new Error(`--only must be hub or station, not "${kind}"`);

  const started = Date.now();
  if (!values['skip-build']) {
    log('building (scripts/build.mjs)');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  const node = nodeRuntime(CACHE, log);
  mkdirSync(out, { recursive: true });
  for (const kind of kinds) {
    const tarball = makeBundle(kind, version, node, out, gzipLevel);
    log(`${basename(tarball)}: ${megabytes(statSync(tarball).size)} (${tarball})`);
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function makeBundle(kind, version, node, out, gzipLevel) {
  const name = `qms-${kind}-${version}`;
  const stageRoot = join(out, '.stage');
  const stage = join(stageRoot, name);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'node', 'bin'), { recursive: true });

  // The runtime: Node 24's binary and its licence (not its headers, man page or docs).
  copyFileSync(join(node, 'bin', 'node'), join(stage, 'node', 'bin', 'node'));
  chmodSync(join(stage, 'node', 'bin', 'node'), 0o755);
  copyFileSync(join(node, 'LICENSE'), join(stage, 'node', 'LICENSE'));

  // Our workspaces: the built code and the files it reads.
  const lib = join(stage, 'lib');
  const workspaces = WORKSPACES[kind].map((workspace) => [join(ROOT, workspace.dir), workspace.name]);
  for (const workspace of WORKSPACES[kind]) {
    const target = join(lib, 'node_modules', workspace.name);
    for (const file of workspace.files) {
      const from = join(ROOT, workspace.dir, file);
      if (!existsSync(from)) throw new Error(`${from} is missing: run node scripts/build.mjs (or drop --skip-build)`);
      cpSync(from, join(target, file), { recursive: true });
    }
    const manifest = { name: workspace.name, version, private: true, type: 'module', ...(workspace.bin ? { bin: workspace.bin } : {}) };
    writeFileSync(join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  // The npm packages the built code loads, as the lock file installed them.
  const app = WORKSPACES[kind][0];
  const distDir = join(ROOT, app.dir, 'dist');
  const names = runtimeSpecifiers(distDir, NPM_COMPILED_IN.has(kind)).filter((specifier) => !specifier.startsWith('@qms/'));
  const closure = dependencyClosure(names, distDir, (dependency) => BUILD_TIME_ONLY.has(dependency));
  for (const [dir, dependency] of closure) {
    const target = join(lib, bundlePathOf(dir, ROOT, workspaces));
    if (dependency === 'better-sqlite3') {
      if (kind !== 'hub') throw new Error('better-sqlite3 must not be in the station bundle: something the station loads depends on it');
      for (const file of ['package.json', 'LICENSE', 'lib']) cpSync(join(dir, file), join(target, file), { recursive: true });
      mkdirSync(join(target, 'build', 'Release'), { recursive: true });
      copyFileSync(sqliteBindingFor(dir, node, NODE_VERSION, CACHE, log), join(target, 'build', 'Release', 'better_sqlite3.node'));
      continue;
    }
    cpSync(dir, target, { recursive: true, filter: (path) => keepFile(dir, path) });
  }

  // The command, the installer and the units.
  const command = kind === 'hub' ? 'qms' : 'qms-station';
  mkdirSync(join(stage, 'bin'));
  copyFileSync(join(ROOT, 'packaging', 'launchers', `${command}.sh`), join(stage, 'bin', command));
  for (const script of ['install.sh', 'uninstall.sh']) copyFileSync(join(ROOT, 'packaging', script), join(stage, script));
  for (const file of ['bin/' + command, 'install.sh', 'uninstall.sh']) chmodSync(join(stage, file), 0o755);
  cpSync(join(ROOT, 'packaging', 'systemd'), join(stage, 'systemd'), { recursive: true });
  writeFileSync(join(stage, 'VERSION'), `${version}\n`);

  // The bundle runs: its command answers on its own Node (and the hub's SQLite binding loads there).
  const answer = execFileSync(join(stage, 'bin', command), ['--version'], { encoding: 'utf8', env: { ...process.env, PATH: '/usr/bin:/bin' } }).trim();
  if (answer !== version) throw new Error(`${name}/bin/${command} --version said "${answer}", not ${version}`);
  if (kind === 'hub') {
    const sqlite = execFileSync(
      join(stage, 'node', 'bin', 'node'),
      ['-e', "const D = require('better-sqlite3'); process.stdout.write(process.version + ' ' + new D(':memory:').prepare('select sqlite_version() AS v').get().v)"],
      {
        cwd: join(lib, 'node_modules', '@qms', 'hub'),
        encoding: 'utf8',
      },
    );
    log(`${name}: better-sqlite3 loads on Node ${sqlite}`);
  }

  const tarball = join(out, `${name}-linux-x64.tar.gz`);
  rmSync(tarball, { force: true });
  execFileSync('tar', ['-I', `gzip -${gzipLevel}`, '-cf', tarball, '--owner=0', '--group=0', '-C', stageRoot, name]);
  rmSync(stage, { recursive: true, force: true });
  return tarball;
}

/** What of an npm package is left out of a bundle: type declarations, source maps, CI files and a vendored yarn, another platform's prebuilt serialport binaries, nested node_modules (bundled on their own). */
function keepFile(packageDir, path) {
  const inside = path.slice(packageDir.length + 1);
  if (inside === '') return true;
  const parts = inside.split(sep);
  if (parts.includes('node_modules') || parts.includes('.github') || parts.includes('.yarn')) return false;
  if (/\.d\.[cm]?ts$|\.map$/.test(inside)) return false;
  if (parts[0] === 'prebuilds' && parts.length > 1 && parts[1] !== 'linux-x64') return false;
  return true;
}

function megabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

try {
  main();
} catch (error) {
  process.stderr.write(`package: ${error.message}\n`);
  process.exitCode = 1;
}
