// Bundles the hub and the qms command into apps/hub/dist/ (entries qms.mjs and queue-worker.mjs): the workspace's TypeScript
// sources are compiled in, npm dependencies stay external (better-sqlite3 is native).
// Runs on `npm install` (prepare), before the tests (vitest global setup) and with `npm start`.
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);

/** Every bare import but our own @qms/* packages is left to Node's resolution at run time. */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@qms/') ? undefined : { path: args.path, external: true }));
  },
};

await build({
  entryPoints: {
    qms: new URL('apps/hub/src/cli/main.ts', root).pathname,
    // The queue worker thread loads this file (see apps/hub/src/queue/queue-client.ts).
    'queue-worker': new URL('apps/hub/src/queue/queue-worker.ts', root).pathname,
  },
  outdir: new URL('apps/hub/dist/', root).pathname,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  plugins: [npmPackagesExternal],
  sourcemap: 'linked',
  // Each command's modules in their own chunk, loaded when the command runs: `qms --help` stays quick.
  splitting: true,
  logLevel: 'warning',
  banner: { js: '// Built by scripts/build-hub.mjs from apps/hub/src; do not edit.' },
});

// The kiosk's screen (served by `qms station kiosk`, loaded by its Electron window).
const { build: viteBuild } = await import('vite');
await viteBuild({ configFile: new URL('apps/kiosk/vite.config.ts', root).pathname, logLevel: 'warn' });

// The kiosk's Electron main process and preload (CommonJS: a sandboxed preload must be). Electron and
// native modules stay external; electron-builder packs node_modules beside them.
await build({
  entryPoints: {
    'main/main': new URL('apps/kiosk/src/main/main.ts', root).pathname,
    'preload/preload': new URL('apps/kiosk/src/preload/preload.ts', root).pathname,
  },
  outdir: new URL('apps/kiosk/dist/', root).pathname,
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
  banner: { js: "// Built by scripts/build-hub.mjs from apps/kiosk/src; do not edit.\nconst importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
