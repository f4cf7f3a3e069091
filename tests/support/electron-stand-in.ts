import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STAND_IN = fileURLToPath(new URL('./electron-stand-in', import.meta.url));

export type StandInReport = { what: string } & Record<string, unknown>;

/**
 * Runs a built Electron entry under Node with the stand-in as `electron` (the real binary cannot be
 * downloaded here): each thing the main process asked Electron for comes back as a report.
 */
export function runWithStandIn(args: string[], env: Record<string, string> = {}): Promise<{ reports: StandInReport[]; stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, NODE_PATH: STAND_IN, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const reports = stdout
        .split('\n')
        .filter((line) => line.startsWith('STANDIN '))
        .map((line) => JSON.parse(line.slice(8)) as StandInReport);
      resolve({ reports, stdout, stderr, code });
    });
  });
}

export const findReport = (reports: StandInReport[], what: string) => reports.find((report) => report.what === what);
