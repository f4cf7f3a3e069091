import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { migrateByCopy } from '../backup/migrate-by-copy.js';
import { readUpgradeRecord, upgradeRecordPath } from '../backup/upgrade-record.js';
import { resolveDataDir } from '../config.js';
import { runningHubPid } from '../hub-lock.js';
import { CliError } from './open-data.js';

/** `qms migrate`: the pending migrations, all or none (see migrateByCopy); install.sh runs it on an upgrade. */
export async function migrateCommand(options: { data?: string }): Promise<void> {
  const dataDir = resolveDataDir(options.data);
  const file = join(dataDir, 'qms.db');
  if (!existsSync(file)) {
    process.stdout.write(`no database at ${file} yet: nothing to migrate (the hub creates it when it first starts)\n`);
    return;
  }
  const pid = runningHubPid(dataDir);
  if (pid !== null) throw new CliError(`the hub (pid ${pid}) is running on ${dataDir}; stop it before migrating`);
  try {
    const { from, to } = await migrateByCopy(dataDir);
    process.stdout.write(from === to ? `${file} is up to date (schema version ${to})\n` : `migrated ${file} from schema version ${from} to ${to}\n`);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/**
 * `qms rollback`: undoes the last upgrade install.sh made (DATA/upgrade.json): the database goes back
 * to the backup made just before the new version migrated it — restored by the previous version's
 * own `qms restore`, which knows that schema — and PREFIX/current points at the previous version
 * again. The database as it was is kept beside (qms restore keeps it). Run it with the hub stopped,
 * as the user who installed (root for /opt/qms); restored files belong to the data folder's owner.
 */
export async function rollbackCommand(options: { data?: string }): Promise<void> {
  const dataDir = resolveDataDir(options.data);
  let record;
  try {
    record = readUpgradeRecord(dataDir);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (record === null) throw new CliError(`nothing to roll back: no ${upgradeRecordPath(dataDir)} (install.sh writes it when it upgrades the hub)`);
  const pid = runningHubPid(dataDir);
  if (pid !== null) throw new CliError(`the hub (pid ${pid}) is running on ${dataDir}; stop it first (systemctl stop qms-hub)`);
  const previousDir = join(record.prefix, 'versions', record.previous);
  const previousQms = join(previousDir, 'bin', 'qms');
  if (!existsSync(previousQms)) throw new CliError(`version ${record.previous} is no longer installed (no ${previousQms}); install its bundle again to go back to it`);
  if (!existsSync(record.backup)) throw new CliError(`the backup made before the upgrade, ${record.backup}, is missing: the database cannot be put back as it was`);

  // The previous version's own restore: it checks the copy and opens it with the code of its schema.
  const owner = statSync(dataDir);
  const asOwner = process.getuid?.() === 0 && owner.uid !== 0 ? { uid: owner.uid, gid: owner.gid } : {};
  const restored = spawnSync(previousQms, ['restore', record.backup, '--data', dataDir], { encoding: 'utf8', env: { ...process.env, QMS_LOG_LEVEL: 'warn' }, ...asOwner });
  if (restored.status !== 0) {
    const why = restored.error ? restored.error.message : (restored.stderr || restored.stdout).trim();
    throw new CliError(`version ${record.previous} could not restore ${record.backup} (${why}); nothing was changed, ${record.version} stays current`);
  }
  process.stdout.write(restored.stdout);

  // PREFIX/current → versions/PREVIOUS, swapped in one rename.
  const current = join(record.prefix, 'current');
  const next = `${current}.rollback`;
  rmSync(next, { force: true });
  symlinkSync(join('versions', record.previous), next);
  renameSync(next, current);
  // Nothing to go back to any more (install.sh removes the other version at the next install).
  rmSync(join(record.prefix, 'previous'), { force: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  renameSync(upgradeRecordPath(dataDir), `${upgradeRecordPath(dataDir)}.rolled-back-${stamp}`);
  process.stdout.write(
    `rolled back from ${record.version} to ${record.previous}: ${current} -> versions/${record.previous}, database as it was before the upgrade of ${record.at}\n` +
      `changes made since then are not in it (the database as it was is kept beside it, see above); start the hub: systemctl start qms-hub (or ${join(record.prefix, 'bin', 'qms')} hub)\n`,
  );
}
