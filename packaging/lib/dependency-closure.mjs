// Which npm packages a built command needs at run time, and where they go in a bundle.
//
// esbuild compiles our own @qms/* sources into apps/*/dist (scripts/build.mjs); into the commands
// of NPM_COMPILED_IN (the hub's) it compiles every npm package too, but the RUNTIME_PACKAGES below.
// So the packages a bundle needs are the ones its built files name (imports, require/resolve calls,
// pino's transport targets; for a compiled-in command, its runtime packages only), then,
// recursively, each one's dependencies and the optional ones that are installed, resolved as Node
// resolves them (node_modules folders upwards from the file, symlinks followed) in the repository's
// tree that `npm ci` made from the lock file: the versions the tests ran.
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

const BARE = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*/;

/**
 * The npm packages loaded from node_modules at run time, not compiled into the commands: native
 * ones, those that find files beside their own code (fonts, data, package-internal imports, pino's
 * worker), and those loaded on demand by name (bonjour-service, Electron).
 */
const RUNTIME_PACKAGES = new Set(['better-sqlite3', 'serialport', 'node-thermal-printer', 'pdfkit', 'dejavu-fonts-ttf', 'pino', 'pino-pretty', 'bonjour-service', 'electron']);

/**
 * The commands whose bundles have their npm packages compiled in: the hub's (it starts about 0.5 s
 * sooner, loading a few files instead of 700). The station's keeps them in node_modules: compiled
 * in, its agent took 5 MB more memory (the larger source map), and it starts in 0.6 s anyway.
 */
export const NPM_COMPILED_IN = new Set(['hub']);

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name'). */
export const packageOf = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** Is this npm package left to Node at run time (see RUNTIME_PACKAGES)? */
export const isRuntimePackage = (name) => RUNTIME_PACKAGES.has(name) || name.startsWith('@serialport/');

/**
 * The npm packages the built .mjs files under `distDir` load or resolve (node: built-ins left out);
 * with `compiledIn`, only the runtime packages (the others are in the files).
 */
export function runtimeSpecifiers(distDir, compiledIn = false) {
  const names = new Set();
  const patterns = [
    /\bfrom\s*"([^"]+)"/g,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /\bimport\s*"([^"]+)"/g,
    /\b(?:require|resolve)\(\s*"([^"]+)"\s*\)/g,
    /\bcreateRequire\d*\([^()]*(?:\([^()]*\))?[^()]*\)\(\s*"([^"]+)"\s*\)/g,
    /\btarget:\s*"([^"]+)"/g,
  ];
  for (const file of filesUnder(distDir).filter((path) => path.endsWith('.mjs'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) {
      for (const [, specifier] of text.matchAll(pattern)) {
        if (specifier.startsWith('node:') || specifier.startsWith('.') || specifier.startsWith('/')) continue;
        // "it did not open within 5 s" (an error message passed to a reject) is no package name.
        if (/\s/.test(specifier)) continue;
        const name = BARE.exec(specifier)?.[0];
        if (!name || (specifier.startsWith('@') && !name.includes('/'))) continue;
        // A compiled-in package's own text can look like an import ("draft-07" in ajv's): only runtime packages count.
        if (!compiledIn || isRuntimePackage(name) || name.startsWith('@qms/')) names.add(name);
      }
    }
  }
  return [...names].sort();
}

/** The real folder of package `name` as Node finds it from `fromDir`, or null. */
export function findPackage(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Every package folder needed by `names` (resolved from `fromDir`) and by their dependencies, as a
 * map real folder → package name. `skip(name)` leaves a package (and what only it needs) out.
 * A missing dependency is an error; a missing optional one (another platform's binary) is not.
 */
export function dependencyClosure(names, fromDir, skip = () => false) {
  const found = new Map();
  const visit = (name, from, optional, wantedBy) => {
    if (skip(name)) return;
    const dir = findPackage(name, from);
    if (dir === null) {
      if (optional) return;
      throw new Error(`${name} (needed by ${wantedBy}) is not installed under ${from}; run npm ci first`);
    }
    if (found.has(dir)) return;
    found.set(dir, name);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir, false, name);
    for (const dependency of Object.keys(manifest.optionalDependencies ?? {})) visit(dependency, dir, true, name);
  };
  for (const name of names) visit(name, fromDir, false, relative(process.cwd(), fromDir) || fromDir);
  return found;
}

/**
 * Where a package folder of the repository goes under the bundle's lib/: the repository's
 * node_modules/X → node_modules/X; a workspace's own nested node_modules (apps/hub/node_modules/X)
 * → beside that workspace's place in the bundle (node_modules/@qms/hub/node_modules/X).
 */
export function bundlePathOf(realDir, repoRoot, workspaces) {
  const rootModules = join(repoRoot, 'node_modules') + sep;
  if (realDir.startsWith(rootModules)) return join('node_modules', realDir.slice(rootModules.length));
  for (const [workspaceDir, name] of workspaces) {
    const nested = join(workspaceDir, 'node_modules') + sep;
    if (realDir.startsWith(nested)) return join('node_modules', name, 'node_modules', realDir.slice(nested.length));
  }
  throw new Error(`${realDir} is neither in the repository's node_modules nor in a bundled workspace's`);
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
