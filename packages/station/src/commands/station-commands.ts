import type { StationCommand, StationCommandResults } from '@qms/protocol';

/**
 * What a station kind does when a technician asks (from the console, through the hub): one
 * handler per command it supports, each answering with that command's result. A kind declares
 * only the commands it can do; the hub refuses the others before they reach the station.
 */
export type StationCommandHandlers = { [K in StationCommand]?: () => Promise<StationCommandResults[K]> };

/** A command the station could not do, with a stable code the hub passes on to the technician (e.g. paper_out). */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';

  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
