// better-sqlite3 is not Node-API: its binary is tied to one Node ABI. The hub bundle needs it built
// for the bundle's Node 24, from the sources in the repository's node_modules/better-sqlite3
// (deps/ has SQLite's amalgamation), in a folder of its own under .cache/ — the repository's own
// copy stays built for the Node that runs the tests. The result is cached per better-sqlite3 and
// Node version: only the first run compiles (about two minutes on two cores).
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The path of better_sqlite3.node built for the Node in `nodeDir`; compiles it when the cache has none. */
export function sqliteBindingFor(sourceDir, nodeDir, nodeVersion, cacheDir, log) {
  const { version } = JSON.parse(readFileSync(join(sourceDir, 'package.json'), 'utf8'));
  const cached = join(cacheDir, 'better-sqlite3', `${version}-node${nodeVersion}`, 'better_sqlite3.node');
  if (existsSync(cached)) return cached;

  const work = join(cacheDir, 'better-sqlite3', `build-${version}-node${nodeVersion}`);
  rmSync(work, { recursive: true, force: true });
  cpSync(sourceDir, work, { recursive: true, filter: (path) => !path.startsWith(join(sourceDir, 'build')) });
  const missing = ['python3', 'make', 'g++'].filter((tool) => !onPath(tool));
  if (missing.length > 0) throw new Error(`building better-sqlite3 for Node ${nodeVersion} needs ${missing.join(', ')} (Debian: apt-get install python3 make g++)`);
  log(`building better-sqlite3 ${version} for Node ${nodeVersion} (once; cached in ${dirname(cached)})`);
  try {
    // Without npm's npm_config_* variables: under `npm run` they made node-gyp build for the Node running npm.
    const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
    execFileSync(process.execPath, [nodeGyp(), 'rebuild', '--release', `--nodedir=${nodeDir}`, '--jobs=max'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`node-gyp could not build better-sqlite3 for Node ${nodeVersion}:\n${output}`);
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  try {
    execFileSync(join(nodeDir, 'bin', 'node'), ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', built], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(
      `the better-sqlite3 just built does not load on Node ${nodeVersion}: ${
        String(error.stderr)
          .trim()
          .split('\n')
          .find((line) => /Error/.test(line)) ?? error.message
      }`,
    );
  }
  mkdirSync(dirname(cached), { recursive: true });
  copyFileSync(built, `${cached}.partial`);
  renameSync(`${cached}.partial`, cached);
  rmSync(work, { recursive: true, force: true });
  return cached;
}

/** node-gyp as npm ships it (npm runs it for install scripts): beside the npm that runs this script, else the global npm's. */
function nodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  try {
    candidates.push(join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  } catch {
    // no global npm: only the first candidate (if any) is left; the error below names what was tried
  }
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new Error(`node-gyp not found (looked for ${candidates.join(', ') || "npm's node-gyp"}); install npm 10 or newer`);
  return found;
}

function onPath(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
