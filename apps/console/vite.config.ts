import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console's page, served by the hub at /console/ (scripts/build.mjs builds it into .cache/vite/console and syncs that into the hub's dist/console/).
// The hub sends its content security policy as a header; the build makes no inline script or style.
export default defineConfig({
  root: fileURLToPath(new URL('src/', import.meta.url)),
  base: '/console/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('dist/', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome110',
    sourcemap: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
