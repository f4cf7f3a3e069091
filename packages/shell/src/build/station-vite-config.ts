import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY_META } from '@qms/station/contract';
import type { Plugin, UserConfig } from 'vite';

/** Writes the one content security policy into index.html (renderers keep no copy of their own). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'qms-content-security-policy',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY_META }, injectTo: 'head-prepend' }],
  };
}

/**
 * A station app's renderer build: a plain web page (no Node in it) from APP/src/renderer into
 * APP/dist/renderer, loaded by Electron or by Chromium from the station agent. `appRoot` is the
 * app's folder as a file URL (new URL('./', import.meta.url) in its vite.config.ts).
 */
export function stationViteConfig(appRoot: URL): UserConfig {
  return {
    root: fileURLToPath(new URL('src/renderer/', appRoot)),
    base: './',
    logLevel: 'warn',
    plugins: [contentSecurityPolicy()],
    build: {
      outDir: fileURLToPath(new URL('dist/renderer/', appRoot)),
      emptyOutDir: true,
      target: 'chrome120',
      sourcemap: true,
      // No inline scripts or styles from the build, so the content security policy stays strict.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  };
}
