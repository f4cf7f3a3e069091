import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { auditEntry, describeImportProblem, type ProcedureImportFormat, readProcedureFile } from '@qms/core';
import { SqliteProcedureStore, SqliteQueueStore } from '@qms/db';
import { CliError, commandActor, openHubDatabase } from './open-data.js';

/** CSV unless the file ends in .json or --format says otherwise. */
function formatOf(file: string, flag: string | undefined): ProcedureImportFormat {
  if (flag !== undefined) {
    if (flag !== 'csv' && flag !== 'json') throw new CliError(`--format "${flag}" must be csv or json`);
    return flag;
  }
  return extname(file).toLowerCase() === '.json' ? 'json' : 'csv';
}

/**
 * qms procedures import FILE: the catalogue file into the hub's database, all or nothing, hub
 * running or not. Every problem is printed on its own line (exit 1) and nothing is imported; a good
 * file adds and updates by code (--replace also removes the procedures not in it). Audited as done by
 * the command. The kiosks read the catalogue when they show it: no station needs to be told.
 */
export async function proceduresImport(file: string, options: { data?: string; replace?: boolean; format?: string }): Promise<void> {
  const path = resolve(file);
  if (!existsSync(path)) throw new CliError(`no file at ${path}`);
  const format = formatOf(path, options.format);
  const content = readFileSync(path, 'utf8');
  const replace = options.replace ?? false;
  const { db } = openHubDatabase(options.data);
  try {
    const queue = new SqliteQueueStore(db);
    const reading = readProcedureFile(format, content, queue.listServices());
    if (reading.problems.length > 0) {
      const count = reading.problems.length;
      const lines = reading.problems.map((problem) => `  ${describeImportProblem(problem)}`);
      throw new CliError([`${count} problem${count === 1 ? '' : 's'} in ${file}, nothing was imported:`, ...lines].join('\n'));
    }
    const counts = queue.transaction(() => {
      const result = new SqliteProcedureStore(db).importAll(reading.procedures, { replace });
      const details = { format, replace, file: path, procedures: reading.procedures.length, ...result };
      queue.appendAudit(auditEntry({ action: 'procedure.imported', details }, commandActor(), new Date().toISOString()));
      return result;
    });
    const removed = replace ? `, ${counts.removed} removed` : '';
    const count = reading.procedures.length;
    process.stdout.write(`imported ${count} procedure${count === 1 ? '' : 's'} from ${file}: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged${removed}\n`);
  } finally {
    db.close();
  }
}
