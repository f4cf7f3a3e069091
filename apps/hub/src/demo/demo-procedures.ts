import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describeImportProblem, readProcedureFile } from '@qms/core';
import type { HubContext } from '../hub-context.js';

/** The sample catalogue: common procedures of a commune across the demo's fields. Found through the package: the hub runs bundled elsewhere. */
export const SAMPLE_PROCEDURES_FILE = join(dirname(createRequire(import.meta.url).resolve('@qms/hub/package.json')), 'src/demo/procedures-sample.csv');

/** True when the hub has no procedure yet: the only time the demo imports the sample. */
export function isEmptyCatalogue(ctx: HubContext): boolean {
  return ctx.db.prepare<[], number>('SELECT count(*) FROM procedures').pluck().get() === 0;
}

/** Imports the sample catalogue (as the admin's import would); returns how many procedures it added. */
export async function seedDemoProcedures(ctx: HubContext): Promise<number> {
  const reading = readProcedureFile('csv', readFileSync(SAMPLE_PROCEDURES_FILE, 'utf8'), ctx.queueStore.listServices());
  if (reading.problems.length > 0) {
    throw new Error(`the sample catalogue ${SAMPLE_PROCEDURES_FILE} does not fit this centre: ${reading.problems.map(describeImportProblem).join('; ')}`);
  }
  const counts = await ctx.queue.call('importProcedures', reading.procedures, { replace: false, format: 'csv' });
  return counts.added;
}
