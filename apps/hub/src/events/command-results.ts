import { Ajv } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { COMMAND_RESULT_SCHEMAS, STATION_COMMANDS, type StationCommand } from '@qms/protocol';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const ajv = new Ajv({ strict: true });
addFormats(ajv);
const checks = new Map(STATION_COMMANDS.map((command) => [command, ajv.compile(COMMAND_RESULT_SCHEMAS[command])]));

/** Is this what the command answers with (a station's software out of date may answer otherwise)? */
export function isResultOf(command: StationCommand, result: unknown): boolean {
  return checks.get(command)?.(result) === true;
}
