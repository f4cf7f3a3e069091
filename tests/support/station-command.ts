import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './hub-process.js';

/** The station device's command as built in the repository (bin → dist/qms-station.mjs). */
export const STATION_BIN = fileURLToPath(new URL('../../apps/station/bin/qms-station.js', import.meta.url));

export interface CommandResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from start to exit. */
  ms: number;
}

export interface RunningCommand {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<CommandResult>;
  /** SIGTERM, then SIGKILL if it has not exited after a second; resolves once it has exited. */
  stop(): Promise<CommandResult>;
}

export interface CommandOptions {
  cwd?: string;
  /** The whole environment of the command (default: this process's, with QMS_LOG_LEVEL=warn). */
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL) after this long; the result then says so in stderr. */
  timeoutMs?: number;
}

/** Starts a command and collects its output; it is killed if it outlives timeoutMs. */
export function startCommand(command: string, args: string[], options: CommandOptions = {}): RunningCommand {
  const started = Date.now();
  const child = spawn(command, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env ?? { ...process.env, QMS_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => (stdout += String(chunk)));
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? 30_000);
  const exited = new Promise<CommandResult>((resolve) => {
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, stdout, stderr: `${stderr}\n[cannot start ${command}: ${error.message}]`, ms: Date.now() - started });
    });
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      const note = timedOut ? `\n[killed after ${options.timeoutMs ?? 30_000} ms: ${command} ${args.join(' ')}]` : signal ? `\n[ended by ${signal}]` : '';
      resolve({ status, stdout, stderr: stderr + note, ms: Date.now() - started });
    });
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const kill = setTimeout(() => child.kill('SIGKILL'), 1_000);
        const result = await exited;
        clearTimeout(kill);
        return result;
      }
      return exited;
    },
  };
}

/** Runs a command to its end. */
export function runCommand(command: string, args: string[], options: CommandOptions = {}): Promise<CommandResult> {
  return startCommand(command, args, options).exited;
}

/** `qms-station ARGS` as a technician runs it on a station device: the built bin, with this Node. */
export function startStation(args: string[], options: CommandOptions = {}): RunningCommand {
  return startCommand(process.execPath, [STATION_BIN, ...args], options);
}

export function runStation(args: string[], options: CommandOptions = {}): Promise<CommandResult> {
  return startStation(args, options).exited;
}
