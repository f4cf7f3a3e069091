import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { backupDatabase, restoreDatabase } from '@qms/db';
import { resolveDataDir } from '../config.js';
import { runningHubPid } from '../hub-lock.js';
import { CliError, openHubDatabase } from './open-data.js';

export async function backupCommand(file: string, options: { data?: string }): Promise<void> {
  const target = resolve(file);
  // As it is: a backup never migrates (an upgrade backs up with the old version, then migrates with the new).
  const { db, file: source } = openHubDatabase(options.data, { migrate: false });
  if (target === source) throw new CliError('the backup file must not be the live database');
  try {
    const { pages } = await backupDatabase(db, target);
    process.stdout.write(`backed up ${source} to ${target} (${pages} pages)\n`);
  } finally {
    db.close();
  }
}

export async function restoreCommand(file: string, options: { data?: string }): Promise<void> {
  const dataDir = resolveDataDir(options.data);
  const pid = runningHubPid(dataDir);
  if (pid !== null) throw new CliError(`the hub (pid ${pid}) is running on ${dataDir}; stop it before restoring`);
  const source = resolve(file);
  if (!existsSync(source)) throw new CliError(`no backup file at ${source}`);
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, 'qms.db');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  try {
    const { keptAs, version } = await restoreDatabase(source, target, stamp);
    process.stdout.write(`restored ${source} into ${target} (schema version ${version})\n`);
    if (keptAs) process.stdout.write(`the previous database is kept as ${keptAs}\n`);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}
