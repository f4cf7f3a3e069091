// Builds what runs from dist/ (the workspace's TypeScript sources are compiled in, and in the qms
// command the npm packages too, but the runtime packages of packaging/lib/dependency-closure.mjs):
//   apps/hub/dist/       qms.mjs and queue-worker.mjs: the hub and the qms command; pad/: the rating pad page for tablets;
//                        console/: the technician and admin console (built by Vite from apps/console)
//   apps/station/dist/   qms-station.mjs, the station screens (renderer/KIND) and voice packs: all a station device installs
//   apps/kiosk/dist/     the kiosk's screen (renderer/) and its Electron entries (main/, preload/)
//   each of these:       glyphs/, the receipt glyph atlas (hardware/printer/glyphs) the printer draws with
// Runs on `npm install` (prepare), before the tests (vitest global setup), with `npm start` and `npm run bench`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build as esbuild } from 'esbuild';
import { isRuntimePackage, NPM_COMPILED_IN, packageOf } from '../packaging/lib/dependency-closure.mjs';

const root = new URL('../', import.meta.url);
/** The station apps: each has a screen (apps/KIND/src/renderer) and an Electron entry (apps/KIND/src/main). */
const STATION_APPS = ['kiosk', 'counter', 'display'];
const path = (relative) => new URL(relative, root).pathname;

// A rebuild writes only the files whose bytes changed, each by an atomic rename, and then removes
// what the build no longer makes: dist/ is never empty or half-written, so a hub or a test reading
// it meanwhile (`npm start` builds while other tests run) sees the old file or the new one.

/** Puts these files (absolute path → bytes) in place, writing only those that differ. */
function writeChanged(files) {
  for (const [file, bytes] of files) {
    if (existsSync(file) && readFileSync(file).equals(bytes)) continue;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.partial`, bytes);
    renameSync(`${file}.partial`, file);
  }
}

/** Removes the files under `dir` that are not in `keep` (absolute paths), and the folders left empty. */
function removeOthers(dir, keep) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOthers(file, keep);
      if (readdirSync(file).length === 0) rmSync(file, { recursive: true });
    } else if (!keep.has(file)) rmSync(file);
  }
}

/** Every file under `dir`, absolute path → bytes. */
function filesUnder(dir) {
  const files = new Map();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.set(join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name)));
  }
  return files;
}

/** Makes `to` a copy of `from`: changed files rewritten, missing ones added, others removed. */
function syncCopy(from, to) {
  const files = new Map([...filesUnder(from)].map(([file, bytes]) => [join(to, relative(from, file)), bytes]));
  writeChanged(files);
  removeOthers(to, new Set(files.keys()));
}

/** esbuild, its output written with writeChanged; `owned` is a folder whose other files are stale outputs to remove. */
async function build(options, owned) {
  const result = await esbuild({ ...options, write: false });
  const files = new Map(result.outputFiles.map((file) => [file.path, Buffer.from(file.contents)]));
  writeChanged(files);
  if (owned) removeOthers(owned, new Set(files.keys()));
}

/** An esbuild plugin leaving the bare imports `external(specifier)` says to Node's resolution at run time; the others are compiled in. */
const externals = (name, external) => ({
  name,
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (external(args.path) ? { path: args.path, external: true } : undefined));
  },
});
/** Node's built-ins and the runtime packages (packaging/lib/dependency-closure.mjs) stay imports; every other npm package is compiled in (qms). */
const runtimePackagesExternal = externals('runtime-packages-external', (path) => path.startsWith('node:') || isBuiltin(path) || isRuntimePackage(packageOf(path)));
/** Every bare import but our own @qms/* packages stays one (qms-station; the Electron entries, whose node_modules electron-builder packs). */
const npmPackagesExternal = externals('npm-packages-external', (path) => !path.startsWith('@qms/'));

/** The CommonJS packages compiled into an ES module call require() for Node's built-ins. */
const REQUIRE_FOR_COMMONJS = `\nimport { createRequire as __qmsCreateRequire } from 'node:module';\nconst require = __qmsCreateRequire(import.meta.url);`;

/** A command as an ES module bundle, each command's modules in their own chunk (loaded when it runs: --help stays quick). */
async function commandBundle(app, entryPoints) {
  const compiledIn = NPM_COMPILED_IN.has(app);
  await build(
    {
      entryPoints,
      outdir: path(`apps/${app}/dist/`),
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunks/[name]-[hash]',
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      plugins: [compiledIn ? runtimePackagesExternal : npmPackagesExternal],
      sourcemap: 'linked',
      // Stack traces need the mappings only: the maps without the sources load faster.
      sourcesContent: false,
      splitting: true,
      logLevel: 'warning',
      banner: {
        js: `// Built by scripts/build.mjs from apps/${app}/src; do not edit.${compiledIn ? REQUIRE_FOR_COMMONJS : ''}`,
      },
    },
    path(`apps/${app}/dist/chunks`),
  );
}

await commandBundle('hub', {
  qms: path('apps/hub/src/cli/main.ts'),
  // The queue worker thread loads this file (see apps/hub/src/queue/queue-client.ts).
  'queue-worker': path('apps/hub/src/queue/queue-worker.ts'),
});
await commandBundle('station', { 'qms-station': path('apps/station/src/main.ts') });

// The rating pad's page for a tablet's browser (the hub serves it at /pad): one script and its style,
// the counter's rating screens and their look included.
await build(
  {
    entryPoints: { pad: path('apps/hub/src/pad/pad-main.ts') },
    outdir: path('apps/hub/dist/pad/'),
    bundle: true,
    platform: 'browser',
    target: 'chrome100',
    format: 'esm',
    minify: true,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/build.mjs from apps/hub/src/pad; do not edit.' },
  },
  path('apps/hub/dist/pad'),
);

const { build: viteBuild } = await import('vite');

// The technician and admin console (Vite), copied into the hub's dist/console/: the hub serves it at /console/.
await viteBuild({ configFile: path('apps/console/vite.config.ts'), configLoader: 'runner', logLevel: 'warn', build: { outDir: path('.cache/vite/console'), emptyOutDir: true } });
syncCopy(path('.cache/vite/console'), path('apps/hub/dist/console'));

// The station screens (Vite), copied beside qms-station, which serves them to Chromium.
for (const kind of STATION_APPS) {
  // The 'runner' loader compiles the config's TypeScript imports (the shared config in @qms/shell).
  // Vite empties its output folder first: it builds into a staging folder of its own, synced from there.
  const staging = path(`.cache/vite/${kind}`);
  await viteBuild({ configFile: path(`apps/${kind}/vite.config.ts`), configLoader: 'runner', logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
  // The display's board plays the shipped clip packs from beside it (also under Electron's file://).
  if (kind === 'display') cpSync(path('hardware/voice/packs'), join(staging, 'voice'), { recursive: true });
  syncCopy(staging, path(`apps/${kind}/dist/renderer`));
  syncCopy(staging, path(`apps/station/dist/renderer/${kind}`));
}
// The shipped voice clip packs, for `qms-station say` (and the display's announcements).
syncCopy(path('hardware/voice/packs'), path('apps/station/dist/voice-packs'));
// The receipt glyph atlas, beside every command that prints (the printer finds the nearest glyphs/ above its code).
for (const app of ['hub', 'station', ...STATION_APPS]) syncCopy(path('hardware/printer/glyphs'), path(`apps/${app}/dist/glyphs`));

// Each station app's Electron main process, and the one preload (CommonJS: a sandboxed preload must be).
// Electron and native modules stay external; electron-builder packs node_modules beside them.
for (const kind of STATION_APPS) {
  await build({
    entryPoints: {
      'main/main': path(`apps/${kind}/src/main/main.ts`),
      'preload/preload': path('packages/shell/src/preload/preload.ts'),
    },
    outdir: path(`apps/${kind}/dist/`),
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    plugins: [npmPackagesExternal],
    sourcemap: 'linked',
    logLevel: 'warning',
    // Packages that find their files through import.meta.url (the printer's fonts) get this file's URL.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: `// Built by scripts/build.mjs from apps/${kind}/src and packages/shell; do not edit.\nconst importMetaUrl = require('node:url').pathToFileURL(__filename).href;` },
  });
}
