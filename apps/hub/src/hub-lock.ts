import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The pid file that says a hub is using a data directory. */
export function lockFileIn(dataDir: string): string {
  return join(dataDir, 'hub.pid');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of the hub running on this data directory, or null (a stale file left by a crash does not count). */
export function runningHubPid(dataDir: string): number | null {
  let text: string;
  try {
    text = readFileSync(lockFileIn(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

export class HubRunningError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`a hub (pid ${pid}) is already using ${dataDir}; stop it first`);
  }
}

/** Claims the data directory for this process; returns the release function. */
export function acquireHubLock(dataDir: string): () => void {
  const pid = runningHubPid(dataDir);
  if (pid !== null) throw new HubRunningError(dataDir, pid);
  const file = lockFileIn(dataDir);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(process.pid)) rmSync(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  };
}
