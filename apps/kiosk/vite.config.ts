import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The kiosk's renderer: a plain web page (no Node in it), loaded by Electron or by Chromium from the station agent.
export default defineConfig({
  root: fileURLToPath(new URL('src/renderer/', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('dist/renderer/', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // No inline scripts or styles from the build, so the content security policy stays strict.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
