import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations, migrate, openDatabase, schemaVersion } from '@qms/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../tests/support/temp-dir.js';
import { migrateByCopy } from './migrate-by-copy.js';

/** An upgrade's migration on real SQLite files: all the pending migrations, or none. */
describe('migrateByCopy', () => {
  let dir: ReturnType<typeof tempDir>;
  const shipped = loadMigrations();
  beforeEach(() => {
    dir = tempDir('qms-migrate-');
  });
  afterEach(() => dir.cleanup());

  /** A hub database left at schema version `version`, with a row written at that version. */
  function databaseAt(version: number): string {
    const file = join(dir.path, 'qms.db');
    const db = openDatabase(file, { migrate: false });
    migrate(db, { to: version });
    db.exec("INSERT INTO services (code, name, name_en, prefix, range_start, range_end) VALUES ('dat-dai', 'Đất đai', 'Land', 'A', 1, 999)");
    db.close();
    return file;
  }
  const versionOf = (file: string) => {
    const db = openDatabase(file, { migrate: false, readonly: true });
    try {
      return { version: schemaVersion(db), services: (db.prepare('SELECT count(*) AS n FROM services').get() as { n: number }).n };
    } finally {
      db.close();
    }
  };

  it('runs the pending migrations and replaces the database with the migrated copy', async () => {
    const file = databaseAt(3);
    expect(await migrateByCopy(dir.path, shipped.slice(0, 5))).toEqual({ from: 3, to: 5 });
    expect(versionOf(file)).toEqual({ version: 5, services: 1 });
    expect(readdirSync(dir.path).filter((name) => name.includes('migrating'))).toEqual([]);
    // Again: nothing to do.
    expect(await migrateByCopy(dir.path, shipped.slice(0, 5))).toEqual({ from: 5, to: 5 });
  });

  it('a migration that fails leaves the database as it was, byte for byte, even after an earlier one succeeded on the copy', async () => {
    const file = databaseAt(3);
    const before = readFileSync(file);
    const broken = [...shipped.slice(0, 4), { version: 5, name: 'broken', sql: 'INSERT INTO no_such_table VALUES (1);' }];
    await expect(migrateByCopy(dir.path, broken)).rejects.toThrow(/^migration from schema version 3 failed: no such table: no_such_table; .*qms\.db is untouched \(still version 3\)$/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(versionOf(file)).toEqual({ version: 3, services: 1 });
    expect(readdirSync(dir.path).filter((name) => name.includes('migrating'))).toEqual([]);
  });

  it('refuses a database newer than the code, saying what to do', async () => {
    databaseAt(5);
    await expect(migrateByCopy(dir.path, shipped.slice(0, 4))).rejects.toThrow(
      /has schema version 5, newer than this version of qms knows \(4\): install the newer version, or restore an older backup/,
    );
  });
});
