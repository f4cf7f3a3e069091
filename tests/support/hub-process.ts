import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const QMS_BIN = fileURLToPath(new URL('../../apps/hub/bin/qms.js', import.meta.url));
export const ADMIN_PASSWORD = 'admin-password-1';

export interface HubProcess {
  url: string;
  child: ChildProcess;
  /** Everything the hub printed on stdout so far. */
  stdout(): string;
  stderr(): string;
  /** SIGTERM, and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: the power cut. */
  kill9(): Promise<void>;
}

/** Starts `qms hub` as its own process on an ephemeral port and waits for "listening on". */
export function startHubProcess(dataDir: string, options: { args?: string[]; env?: Record<string, string>; nodeArgs?: string[] } = {}): Promise<HubProcess> {
  // The bin runs as a user runs it (its shebang carries the hub's Node flags), unless flags are given.
  const [command, ...prefix] = options.nodeArgs ? [process.execPath, ...options.nodeArgs, QMS_BIN] : [QMS_BIN];
  const child = spawn(command as string, [...prefix, 'hub', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    // The demo's own stations stay off unless a test asks for them (they would take ports 8090 and 8091 and pair devices),
    // and so does its month of history (a second at start; console-reports.e2e asks for it).
    // No announcing on the LAN either (QMS_MDNS=0) unless a test asks for it: dozens of test hubs would each open a
    // multicast socket and answer each other's queries, and a station under test looking for its hub could take another's.
    env: { ...process.env, QMS_ADMIN_PASSWORD: ADMIN_PASSWORD, QMS_LOG_LEVEL: 'warn', QMS_DEMO_STATIONS: '0', QMS_DEMO_HISTORY_DAYS: '0', QMS_MDNS: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start in time:\n${out}\n${err}`)), 30_000);
    child.stdout?.on('data', (chunk) => {
      out += String(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stdout: () => out,
          stderr: () => err,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
          kill9: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening:\n${out}\n${err}`));
    });
  });
}

/** Runs the qms command to completion. */
export function runQms(args: string[], options: { input?: string; env?: Record<string, string> } = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(QMS_BIN, args, {
    cwd: REPO_ROOT,
    input: options.input ?? '',
    env: { ...process.env, QMS_LOG_LEVEL: 'warn', ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the qms command without blocking this process (for commands that talk to servers the test runs). */
export function runQmsAsync(args: string[], options: { env?: Record<string, string> } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(QMS_BIN, args, { cwd: REPO_ROOT, env: { ...process.env, QMS_LOG_LEVEL: 'warn', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Starts the qms command and hands back the child, its output so far, and its end. */
export function startQms(args: string[], env: Record<string, string> = {}): { child: ChildProcess; stdout(): string; stderr(): string; exited: Promise<number | null> } {
  const child = spawn(QMS_BIN, args, { cwd: REPO_ROOT, env: { ...process.env, QMS_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited: new Promise((resolve) => child.on('exit', resolve)) };
}
