import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupDatabase, loadMigrations, type Migration, migrate, openDatabase, schemaVersion } from '@qms/db';

export interface MigrationOutcome {
  /** Schema version before, and after. */
  from: number;
  to: number;
}

/**
 * Brings the hub's database (DATA/qms.db, hub stopped) to this code's schema without ever leaving it
 * half-migrated: the pending migrations run on a copy made with SQLite's online backup (the one
 * `qms backup` makes), and only a copy that migrated to the end replaces the database. A migration
 * that fails leaves the database as it was, byte for byte, and the copy is removed.
 * An upgrade (install.sh) runs it with the new version's code before that version is made current.
 * `migrations`: the shipped ones (tests give others).
 */
export async function migrateByCopy(dataDir: string, migrations: Migration[] = loadMigrations()): Promise<MigrationOutcome> {
  const file = join(dataDir, 'qms.db');
  const copy = join(dataDir, 'qms.db.migrating');
  const live = openDatabase(file, { migrate: false });
  let from: number;
  try {
    from = schemaVersion(live);
    if (from > migrations.length)
      throw new Error(`${file} has schema version ${from}, newer than this version of qms knows (${migrations.length}): install the newer version, or restore an older backup`);
    if (from === migrations.length) return { from, to: from };
    // Everything committed goes into the main file, so that the -wal left beside it is empty.
    live.pragma('wal_checkpoint(TRUNCATE)');
    await backupDatabase(live, copy);
  } finally {
    live.close();
  }
  let to: number;
  try {
    const db = openDatabase(copy, { migrate: false });
    try {
      to = migrate(db, { migrations });
      db.pragma('journal_mode = WAL');
    } finally {
      db.close();
    }
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '.partial']) rmSync(`${copy}${suffix}`, { force: true });
    throw new Error(`migration from schema version ${from} failed: ${(error as Error).message}; ${file} is untouched (still version ${from})`);
  }
  // The migrated copy is complete on its own (closed cleanly: no -wal). The old -wal is empty
  // (checkpointed above) and must not be applied to the new file: removed before the swap.
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  for (const suffix of ['-wal', '-shm']) if (existsSync(`${copy}${suffix}`)) renameSync(`${copy}${suffix}`, `${file}${suffix}`);
  renameSync(copy, file);
  return { from, to };
}
