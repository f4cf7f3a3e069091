/**
 * Where a printer is, as a technician writes it:
 *   tcp://192.168.1.50[:9100]      a network printer (port 9100 by default)
 *   /dev/usb/lp0  or file:/dev/...  a USB printer's device file (read-write, for status)
 *   serial:/dev/ttyS0[?baud=19200]  a serial printer (9600 baud by default)
 */
export type PrinterInterface = { kind: 'tcp'; host: string; port: number } | { kind: 'file'; path: string } | { kind: 'serial'; path: string; baudRate: number };

export class InterfaceError extends Error {
  override readonly name = 'InterfaceError';
}

export function parsePrinterInterface(spec: string): PrinterInterface {
  const text = spec.trim();
  if (text.startsWith('tcp://')) {
    const match = /^tcp:\/\/([^:/]+)(?::(\d{1,5}))?\/?$/.exec(text);
    if (!match) throw new InterfaceError(`"${spec}" is not tcp://HOST[:PORT]`);
    const port = match[2] ? Number(match[2]) : 9100;
    if (port < 1 || port > 65_535) throw new InterfaceError(`port ${port} is out of range`);
    return { kind: 'tcp', host: match[1] as string, port };
  }
  if (text.startsWith('serial:')) {
    const [path = '', query = ''] = text.slice('serial:'.length).split('?');
    const baud = new URLSearchParams(query).get('baud');
    const baudRate = baud === null ? 9600 : Number(baud);
    if (!path.startsWith('/')) throw new InterfaceError(`"${spec}": serial:PATH needs an absolute device path`);
    if (!Number.isInteger(baudRate) || baudRate < 300) throw new InterfaceError(`"${spec}": baud must be a whole number like 9600`);
    return { kind: 'serial', path, baudRate };
  }
  const path = text.startsWith('file:') ? text.slice('file:'.length) : text;
  if (!path.startsWith('/')) throw new InterfaceError(`"${spec}" is not tcp://HOST[:PORT], serial:/dev/… or an absolute device path`);
  return { kind: 'file', path };
}

export function describeInterface(target: PrinterInterface): string {
  return target.kind === 'tcp' ? `tcp://${target.host}:${target.port}` : target.kind === 'serial' ? `serial:${target.path}?baud=${target.baudRate}` : target.path;
}
