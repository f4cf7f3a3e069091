import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA/upgrade.json: what install.sh writes when it upgrades an installed hub, and what
 * `qms rollback` reads to undo it — the version before, the installation's prefix (its versions/
 * and current), and the backup made just before the new version migrated the database.
 * Written by a shell script, so its format is plain and checked here field by field.
 */
export interface UpgradeRecord {
  /** The version installed before the upgrade (PREFIX/versions/previous). */
  previous: string;
  /** The version the upgrade installed. */
  version: string;
  prefix: string;
  /** The copy of the database made before the migration (DATA/backups/…sqlite). */
  backup: string;
  /** When the upgrade ran (ISO 8601, UTC). */
  at: string;
}

export const UPGRADE_RECORD_FILE = 'upgrade.json';

const FIELDS = ['previous', 'version', 'prefix', 'backup', 'at'] as const;

export function upgradeRecordPath(dataDir: string): string {
  return join(dataDir, UPGRADE_RECORD_FILE);
}

/** The record of the last upgrade, or null when there is none; a damaged record is an error that names the file. */
export function readUpgradeRecord(dataDir: string): UpgradeRecord | null {
  const file = upgradeRecordPath(dataDir);
  if (!existsSync(file)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`${file} must hold a JSON object`);
  const record = parsed as Record<string, unknown>;
  for (const field of FIELDS) {
    if (typeof record[field] !== 'string' || record[field] === '') throw new Error(`${file}: "${field}" is missing (install.sh writes ${FIELDS.join(', ')})`);
  }
  return Object.fromEntries(FIELDS.map((field) => [field, record[field]])) as unknown as UpgradeRecord;
}
