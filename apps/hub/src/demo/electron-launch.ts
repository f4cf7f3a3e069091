import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Opens the kiosk's Electron window on a running station's screen, when Electron is installed
 * (its npm package downloads the binary; machines without internet have none). Null otherwise.
 */
export function launchElectronKiosk(stationUrl: string): ChildProcess | null {
  if (process.env.QMS_DEMO_ELECTRON === '0') return null;
  const require = createRequire(import.meta.url);
  let binary: string;
  let main: string;
  try {
    binary = require('electron') as string;
    main = join(dirname(require.resolve('@qms/kiosk/package.json')), 'dist/main/main.cjs');
  } catch {
    return null; // not installed, or its binary was never downloaded
  }
  if (typeof binary !== 'string' || !existsSync(binary) || !existsSync(main)) return null;
  const child = spawn(binary, [main, `--station-url=${stationUrl}`], { stdio: 'ignore', detached: false });
  child.on('error', () => undefined);
  return child;
}
