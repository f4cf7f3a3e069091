import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Found through the package, not this file's place: the hub runs this code bundled elsewhere.
const MIGRATIONS_DIR = join(dirname(createRequire(import.meta.url).resolve('@qms/db/package.json')), 'migrations/');

/** The numbered migrations shipped with this code, in order: migrations/NNN-name.sql. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file.slice(4, -4),
      sql: readFileSync(`${dir}${file}`, 'utf8'),
    }));
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 001, 002 ... without gaps; found ${migration.version} at position ${index + 1}`);
    }
  });
  return migrations;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(`the database has schema version ${found}, newer than this qms knows (${known}); run a newer qms or restore an older backup`);
  }
}

/**
 * Applies the migrations the database has not seen, each in its own transaction together with
 * the new user_version, forward only. `to` stops at a version (tests migrate step by step).
 */
export function migrate(db: Database.Database, options: { to?: number; migrations?: Migration[] } = {}): number {
  const migrations = options.migrations ?? loadMigrations();
  const latest = migrations.length;
  const target = options.to ?? latest;
  const current = schemaVersion(db);
  if (current > latest) throw new SchemaTooNewError(current, latest);
  // Foreign keys off while migrating (it cannot change inside a transaction): a migration that
  // rebuilds a table (drop, then rename the new one) must not cascade to the rows that refer to it.
  // Each migration checks them itself before its commit.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (foreignKeys) db.pragma('foreign_keys = OFF');
  try {
    for (const migration of migrations) {
      if (migration.version <= current || migration.version > target) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
        if (broken.length > 0) throw new Error(`migration ${migration.version} (${migration.name}) breaks a foreign key: ${broken[0]?.table} refers to a missing ${broken[0]?.parent} row`);
        db.pragma(`user_version = ${migration.version}`);
      }).immediate();
    }
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
  }
  return schemaVersion(db);
}
