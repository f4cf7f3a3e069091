/** A setting a technician must fix; the message says where and how. */
export class StationConfigError extends Error {
  override readonly name = 'StationConfigError';
}
