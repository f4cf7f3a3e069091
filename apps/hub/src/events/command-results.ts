import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import { COMMAND_RESULT_SCHEMAS, type StationCommand } from '@qms/protocol';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

/** Made at the first result checked, not when the hub starts (ajv compiles its meta-schema first: about 80 ms). */
let ajv: Ajv | undefined;
const checks = new Map<StationCommand, ValidateFunction>();

function checkOf(command: StationCommand): ValidateFunction {
  let check = checks.get(command);
  if (!check) {
    ajv ??= addFormats(new Ajv({ strict: true }));
    check = ajv.compile(COMMAND_RESULT_SCHEMAS[command]);
    checks.set(command, check);
  }
  return check;
}

/** Is this what the command answers with (a station's software out of date may answer otherwise)? */
export function isResultOf(command: StationCommand, result: unknown): boolean {
  return Object.hasOwn(COMMAND_RESULT_SCHEMAS, command) && checkOf(command)(result) === true;
}
