/** A mistake the technician can fix: printed as "qms: message", exit code 1. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
