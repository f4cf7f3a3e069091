import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../support/hub-process.js';

/** The two bundle versions the install tests make: the one installed first, and the upgrade. */
export const FIRST = '0.1.0-install.1';
export const SECOND = '0.1.0-install.2';
/** Packaging: Node 24 fetched and better-sqlite3 compiled for it on a cold .cache (about 3 min on 2 cores), seconds when warm. */
export const PACKAGE_TIMEOUT_MS = 12 * 60_000;

/**
 * `npm run package`'s script into `out`, on the code the global setup just built (--skip-build):
 * the hub and station bundles of FIRST, and the hub bundle of SECOND. Returns the seconds it took.
 */
export function packageBundles(out: string): number {
  const started = Date.now();
  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'package.mjs'), '--skip-build', '--gzip-level', '1', '--out', out, ...args], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: PACKAGE_TIMEOUT_MS,
    });
    if (result.status !== 0) throw new Error(`scripts/package.mjs ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  run(['--version', FIRST]);
  run(['--version', SECOND, '--only', 'hub']);
  return (Date.now() - started) / 1000;
}

export function tarballOf(out: string, kind: 'hub' | 'station', version: string): string {
  return join(out, `qms-${kind}-${version}-linux-x64.tar.gz`);
}

/** Unpacks a tarball into `into` (as a technician does with tar xzf); the bundle's folder. */
export function unpack(tarball: string, into: string): string {
  mkdirSync(into, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', into]);
  const [folder] = readdirSync(into);
  return join(into, folder!);
}

/** The files of a tarball, without its top folder. */
export function tarListing(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('/').slice(1).join('/'));
}

/** install.sh / uninstall.sh of an unpacked bundle, run to its end. */
export function runScript(bundle: string, script: 'install.sh' | 'uninstall.sh', args: string[], env: NodeJS.ProcessEnv = process.env): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(join(bundle, script), args, { cwd: bundle, encoding: 'utf8', env, timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every path under `dir` with what it is (a link's target, a file's size and mode): two installs compare equal when nothing changed. */
export function treeOf(dir: string, skip: (path: string) => boolean = () => false): string[] {
  const lines: string[] = [];
  const walk = (path: string) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      const name = relative(dir, full);
      if (skip(name)) continue;
      if (entry.isSymbolicLink()) lines.push(`${name} -> ${readlinkSync(full)}`);
      else if (entry.isDirectory()) {
        lines.push(`${name}/`);
        walk(full);
      } else {
        const stat = statSync(full);
        lines.push(`${name} ${stat.size} ${(stat.mode & 0o777).toString(8)}`);
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return lines.sort();
}

/** The key=value lines of a systemd unit, by section: { Service: { User: ['qms'], ... } }. */
export function unitFields(file: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {};
  let section = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(\w+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      sections[section] = {};
      continue;
    }
    const at = line.indexOf('=');
    const key = line.slice(0, at);
    (sections[section]![key] ??= []).push(line.slice(at + 1));
  }
  return sections;
}
