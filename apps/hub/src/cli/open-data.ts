import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { type AuditActor, systemClock } from '@qms/core';
import { type Db, openDatabase, SqliteAccessStore } from '@qms/db';
import { AccessService } from '../access/access-service.js';
import { resolveDataDir } from '../config.js';

import { CliError } from '@qms/station-cli';

export { CliError };

/** Opens the hub's existing database in the data directory (never creates one in a mistyped place). */
export function openHubDatabase(dataFlag: string | undefined, options: { migrate?: boolean } = {}): { db: Db; dataDir: string; file: string } {
  const dataDir = resolveDataDir(dataFlag);
  const file = join(dataDir, 'qms.db');
  if (!existsSync(file)) {
    throw new CliError(`no hub database at ${file}; start the hub once, or pass --data DIR (or set QMS_DATA_DIR)`);
  }
  return { db: openDatabase(file, { migrate: options.migrate ?? true }), dataDir, file };
}

/** Runs fn with the access service on the hub's database, then closes it. */
export async function withAccess<T>(dataFlag: string | undefined, fn: (access: AccessService, db: Db) => Promise<T> | T): Promise<T> {
  const { db } = openHubDatabase(dataFlag);
  try {
    return await fn(new AccessService(new SqliteAccessStore(db), systemClock), db);
  } finally {
    db.close();
  }
}

/** Who the audit log names for a change made with the qms command: the command and the system user running it. */
export function commandActor(): AuditActor {
  return { type: 'system', id: null, name: `qms command (${userInfo().username})` };
}
